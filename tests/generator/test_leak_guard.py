"""The leak guard: a leak made on purpose fails the build and keeps yesterday's catalog."""

from __future__ import annotations

import dataclasses
import gzip
import io
import shutil
from pathlib import Path

import pytest

from refcat.checks.run import review_project
from refcat.generator import pelican_plugin
from refcat.generator.build.guard import LeakError, find_leaks, scan_workers
from refcat.generator.build.sites import public_site
from refcat.generator.build.takedown import MANIFEST
from refcat.generator.commands import build
from tests.factories import AS_OF, Project, baseline, day
from tests.generator.encodings import ENCODINGS, entities
from tests.generator.program import CanaryProgram, canary_program, snapshot


def run_build(program: CanaryProgram) -> tuple[int, str]:
    out = io.StringIO()
    code = build.run(program.content, program.settings, AS_OF, program.root / "output", out)
    return code, out.getvalue()


def token_of(program: CanaryProgram, where: str) -> str:
    return next(t for t, w in program.internal.fields.items() if w == where)


@pytest.fixture
def built(tmp_path: Path) -> tuple[CanaryProgram, dict[str, bytes]]:
    """The canary program after a first good build, with a snapshot of its output."""
    program = canary_program(tmp_path)
    code, log = run_build(program)
    assert code == 0, log
    return program, snapshot(program.root / "output")


def _theme_override(program: CanaryProgram, template: str) -> None:
    templates = program.root / "theme" / "templates" / "public"
    templates.mkdir(parents=True)
    (templates / "reference.html").write_text(template, encoding="utf-8")
    with program.settings.open("a", encoding="utf-8") as settings:
        settings.write('THEME = "theme"\n')


def test_a_theme_template_writing_a_contact_fails_the_build(built, capfd):
    program, before = built
    email = f"{token_of(program, 'customer northwind: contact email')}@mail.example"
    _theme_override(
        program,
        '{% extends "base.html" %}{% block content %}<h1>{{ reference.title }}</h1>'
        f"<p>Questions? Write to {email}</p>{{% endblock %}}\n",
    )
    code, log = run_build(program)
    assert code == 1
    assert "Build failed (public)" in log
    err = capfd.readouterr().err
    assert "Leak guard" in err
    assert "a contact of customer northwind" in err
    assert "references/northwind-core/index.html" in err
    assert snapshot(program.root / "output") == before  # byte-identical, both audiences
    output = sorted(p.name for p in (program.root / "output").iterdir())
    assert output == [MANIFEST, "internal", "public"]


def test_a_theme_template_cannot_reach_the_report(built, capfd):
    """Templates get view objects and settings, not the review: the page fails to render."""
    program, before = built
    _theme_override(
        program,
        '{% extends "base.html" %}{% block content %}'
        "{% for c in REFCAT_REPORT.catalog.customers.values() %}"
        "{{ c.customer.contacts }}{% endfor %}{% endblock %}\n",
    )
    code, _log = run_build(program)
    assert code == 1
    assert "REFCAT_REPORT" in capfd.readouterr().err
    assert snapshot(program.root / "output") == before


def test_internal_pages_wired_into_the_public_site_fail_the_build(built, capfd, monkeypatch):
    program, before = built
    real_build_site = pelican_plugin.build_site

    def miswired(audience, report, settings, start_search):
        site = real_build_site(audience, report, settings, start_search)
        if audience != "public":
            return site
        internal = real_build_site("internal", report, settings)
        paths = {page.path for page in site.pages}
        extra = [page for page in internal.pages if page.path not in paths]
        return dataclasses.replace(site, pages=[*site.pages, *extra])

    monkeypatch.setattr(pelican_plugin, "build_site", miswired)  # the fork inherits it
    code, _log = run_build(program)
    assert code == 1
    err = capfd.readouterr().err
    assert "Leak guard" in err
    assert "a file named after a record that is not public" in err
    assert snapshot(program.root / "output") == before


# -- what the guard recognises, on hand-written output ----------------------------------


@pytest.fixture
def canary_report(tmp_path: Path):
    program = canary_program(tmp_path)
    return program, review_project(program.content, program.settings, AS_OF)


def _site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    site = tmp_path / "site"
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return site


def test_clean_output_passes(tmp_path, canary_report):
    _program, report = canary_report
    site = _site(tmp_path, {"index.html": "<h1>Core banking migration</h1>"})
    assert find_leaks(site, report, ["Core banking migration"]) == []


def test_a_canary_in_a_gzipped_search_fragment_is_found(tmp_path, canary_report):
    program, report = canary_report
    note = f"Strong sponsor {token_of(program, 'customer lapsed: rating note')}"
    fragment = gzip.compress(f'pagefind_dcd{{"content": "{note}"}}'.encode())
    site = _site(tmp_path, {"pagefind/fragment/en_1.pf_fragment": fragment})
    assert find_leaks(site, report, []) == [
        "pagefind/fragment/en_1.pf_fragment: the owner or rating of customer lapsed"
    ]


def test_many_files_read_on_every_core_give_the_leaks_one_process_finds(
    tmp_path, canary_report, monkeypatch
):
    """The guard's workers (generator/build/guard/scan_workers.py) change nothing found."""
    program, report = canary_report
    note = f"Strong sponsor {token_of(program, 'customer lapsed: rating note')}"
    files = {f"references/page-{n}.html": f"<p>Story {n}</p>" for n in range(40)}
    files["references/page-7.html"] = f"<p>{note}</p>"
    files["references/page-31.html"] = '<a href="hidden-ref.html">x</a>'
    site = _site(tmp_path, files)
    monkeypatch.setattr(scan_workers, "FILES_PER_PROCESS", 10_000)
    alone = find_leaks(site, report, [])
    monkeypatch.setattr(scan_workers, "FILES_PER_PROCESS", 1)
    monkeypatch.setattr(scan_workers, "cores", lambda: 2)
    assert find_leaks(site, report, []) == alone
    assert "references/page-7.html: the owner or rating of customer lapsed" in alone


def test_case_and_html_escaping_do_not_hide_a_value(tmp_path, canary_report):
    program, report = canary_report
    name = f"Robin {token_of(program, 'customer northwind: contact name')}"
    site = _site(tmp_path, {"a.html": f"<p>{name.upper()}</p>"})
    assert find_leaks(site, report, []) == ["a.html: a contact of customer northwind"]


def test_a_value_the_public_views_show_is_not_a_leak(tmp_path, canary_report):
    program, report = canary_report
    owner = f"Kim {token_of(program, 'customer northwind: owner')}"
    site = _site(tmp_path, {"a.html": f"<p>{owner}</p>"})
    assert find_leaks(site, report, [f"Quote by {owner}"]) == []


def test_pages_and_links_of_excluded_references_are_found(tmp_path, canary_report):
    _program, report = canary_report
    site = _site(
        tmp_path,
        {
            "references/lapsed-portal.html": "<p>x</p>",
            "references/lapsed-portal/index.html": "<p>x</p>",
            "index.html": '<a href="references/northwind-internal.html">more</a>',
            "sitemap.html": '<a href="../references/northwind-internal/">clean address</a>',
        },
    )
    assert find_leaks(site, report, []) == [
        "index.html: a link to northwind-internal.html, which is not public",
        "references/lapsed-portal.html: a file named after a record that is not public",
        "references/lapsed-portal/index.html: a file named after a record that is not public",
        "sitemap.html: a link to northwind-internal/, which is not public",
    ]


def test_a_link_at_the_very_start_of_a_file_is_found_one_after_a_letter_is_not(
    tmp_path, canary_report
):
    _program, report = canary_report
    site = _site(
        tmp_path,
        {
            "a.txt": "northwind-internal.html x",  # ends in a letter: nothing wraps around
            "b.html": "<p>see anorthwind-internal.html</p>",  # another name, not the link
        },
    )
    assert find_leaks(site, report, []) == [
        "a.txt: a link to northwind-internal.html, which is not public"
    ]


def _acme_report(tmp_path: Path, **customer):
    """Acme with these internal fields, its one reference published."""
    project = Project(tmp_path)
    project.taxonomy()
    project.customer(**customer)
    project.reference()
    report = project.review()
    assert "acme-core" in report.published
    return report


def test_a_value_written_only_html_escaped_is_found(tmp_path):
    report = _acme_report(tmp_path, owner="Kim O'Hara & Sons")
    site = _site(tmp_path, {"a.html": "<p>KIM O&#39;HARA &amp; SONS</p>"})
    assert find_leaks(site, report, []) == ["a.html: the owner or rating of customer acme"]


def test_a_value_inside_a_longer_one_is_found_unless_shown_itself(tmp_path):
    rating = {"grade": "A", "reviewed": day(-30), "by": "Kim Harrington"}
    report = _acme_report(tmp_path, rating={**rating, "note": "Strong sponsor Kim Harrington"})
    site = _site(tmp_path, {"a.html": "<p>Strong sponsor Kim Harrington</p>"})
    assert find_leaks(site, report, []) == [
        "a.html: the owner or rating of customer acme",  # the note
        "a.html: the rating of customer acme",  # who rated, inside the note
    ]
    assert find_leaks(site, report, ["Quote by Kim Harrington"]) == [
        "a.html: the owner or rating of customer acme"
    ]
    assert find_leaks(site, report, ["Strong sponsor Kim Harrington, CIO"]) == []


def test_overlapping_values_are_both_found(tmp_path):
    request = {"date": day(-20), "kind": "reference-call", "prospect": "Fairweather Partners"}
    report = _acme_report(tmp_path, contacts=[{"name": "Robin Fairweather"}], requests=[request])
    site = _site(tmp_path, {"a.html": "<p>Robin Fairweather Partners</p>"})
    assert find_leaks(site, report, []) == [
        "a.html: a contact of customer acme",
        "a.html: a request of customer acme",
    ]


def test_a_logo_named_after_an_anonymized_customer_is_found(tmp_path, canary_report):
    _program, report = canary_report
    site = _site(tmp_path, {"logos/quill-capital.svg": "<svg/>"})
    assert find_leaks(site, report, []) == [
        "logos/quill-capital.svg: a file named after a record that is not public",
        "logos/quill-capital.svg: a file named after a customer shown anonymized",
    ]


def test_a_page_named_like_an_anonymized_customer_is_found(tmp_path):
    """`harbourview-fund-data-hub.html` tells whom an anonymized reference is about."""
    project = baseline(Project(tmp_path))
    project.customer("quill-capital", name="Quill Capital", sector="asset-management")
    project.reference("quill-fund-data", customer="quill-capital")
    report = project.review()
    assert "quill-fund-data" in report.published
    site = _site(tmp_path, {"references/quill-fund-data.html": "<p>An asset manager</p>"})
    assert find_leaks(site, report, []) == [
        "references/quill-fund-data.html: a file named after a customer shown anonymized"
    ]


def test_a_first_word_shared_with_a_customer_named_in_public_gives_nothing_away(tmp_path):
    """`quill-bank-core.html` is about Quill Bank, named on the site, not Quill Capital."""
    project = baseline(Project(tmp_path))
    project.customer("quill-capital", name="Quill Capital", sector="asset-management")
    project.reference("quill-capital-data", customer="quill-capital")
    project.customer("quill-bank", name="Quill Bank")
    project.reference("quill-bank-core", customer="quill-bank")
    report = project.review()
    assert {"quill-capital-data", "quill-bank-core"} <= report.published
    pages = {"references/quill-bank-core.html": "<p>Quill Bank</p>"}
    pages["references/quill-capital-hub.html"] = "<p>An asset manager</p>"
    site = _site(tmp_path, pages)
    assert find_leaks(site, report, ["Quill Bank"]) == [
        "references/quill-capital-hub.html: a file named after a customer shown anonymized"
    ]


def test_an_anonymized_reference_named_after_its_customer_is_published_under_another_name(
    tmp_path,
):
    """The public views must not use such an id as the page name: the build succeeds."""
    project = baseline(Project(tmp_path))
    project.customer("quill-capital", name="Quill Capital", sector="asset-management")
    project.reference("quill-fund-data", customer="quill-capital", summary="An asset manager.")
    out = io.StringIO()
    code = build.run(project.content, None, AS_OF, tmp_path / "output", out, audience="public")
    assert code == 0, out.getvalue()
    names = [p.relative_to(tmp_path / "output").as_posix() for p in tmp_path.rglob("output/**/*")]
    assert not [n for n in names if "quill" in n]


def test_leak_error_names_the_files(canary_report):
    error = LeakError(["a.html: x", "a.html: y", "b/c.html: z"])
    assert error.files == ["a.html", "b/c.html"]
    assert "Leak guard" in str(error)


# -- no false alarms: everyday phrases in internal texts --------------------------------

EVERYDAY = [
    "June 2025",
    "## References",
    "function",
    "Customer stories",
    "Customers who share their story",
    "Banking",
    "Banking EMEA",
    "Asset management",
    "Data Hub",
    "EMEA",
    "November 2025",
    "Completed November 2025",
    "Updated 25 November 2026",
    "All references",
    "The story",
    "At a glance",
    "Read the story",
    "Zero-downtime migration",
    "Core banking migration",
    "Batch window cut from 6 hours to 40 minutes",
    "Acme Bank",
    "Shown without the customer's name, for confidentiality.",
    "Every story, logo and quote on these pages is published with our customer's consent.",
    "Search all stories",
    "Skip to main content",
    "document.querySelector",
]


def test_everyday_phrases_in_internal_texts_are_no_leak(tmp_path):
    """A customer's notes, caveats and evaluation notes repeating what the public pages
    show anyway (dates as the site writes them, labels, template words, Pagefind's code)."""
    notes = "\n\n".join(f"- {phrase}" for phrase in EVERYDAY)
    project = baseline(Project(tmp_path))
    project.customer(
        notes=notes,
        rating={"grade": "A", "reviewed": day(-30), "note": notes},
        consents=[
            {"scope": s, "granted": day(-400), "note": "Customer stories", "evidence": "June 2025"}
            for s in ("name", "case-study", "quote")
        ],
    )
    project.customer("quill-capital", name="Quill Capital", sector="asset-management", notes=notes)
    evaluation = {"date": day(-300), "verdict": "reference", "note": notes}
    project.reference(caveats=notes, evaluation=evaluation)
    project.reference("fund-hub", customer="quill-capital", title="Fund data hub", caveats=notes)
    out = io.StringIO()
    code = build.run(project.content, None, AS_OF, tmp_path / "output", out, audience="public")
    assert code == 0, out.getvalue()
    assert (tmp_path / "output" / "public" / "references" / "acme-core" / "index.html").is_file()


def test_names_that_are_markup_words_or_punctuation_are_no_leak(tmp_path):
    """Found by the check-implies-build property test: a prospect written as `"` and a
    quote author named like the sitemap's root element, with no reference published."""
    project = baseline(Project(tmp_path))
    project.customer(requests=[{"date": day(-10), "kind": "reference-call", "prospect": '"'}])
    quote = {"text": "It works.", "author": "urlset", "approved": day(-20)}
    project.reference(publish="internal", quote=quote)
    out = io.StringIO()
    code = build.run(project.content, None, AS_OF, tmp_path / "output", out, audience="public")
    assert code == 0, out.getvalue()


@pytest.mark.parametrize("summary", ["href=", "class=", "rel=noopener"])
def test_an_unpublished_summary_that_is_template_markup_is_no_leak(tmp_path, summary):
    """Found by the check-implies-build property test: the summary `href=` of a reference
    that is not published, a whole word in the markup of every page."""
    project = baseline(Project(tmp_path))
    project.reference(publish="internal", summary=summary)
    out = io.StringIO()
    code = build.run(project.content, None, AS_OF, tmp_path / "output", out, audience="public")
    assert code == 0, out.getvalue()


# -- no blind spots: every internal field, however it is written -------------------------


def _record_texts(report) -> list[str]:
    """Every string of every record, as the records hold them."""

    def strings(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return []

    catalog = report.catalog
    texts = [s for c in catalog.customers.values() for s in strings(c.customer.model_dump())]
    for record in catalog.references.values():
        texts += [*strings(record.reference.model_dump()), record.body]
    return texts


def canary_values(program: CanaryProgram, report) -> dict[str, str]:
    """Each canary token's value: the line of the record field that holds it."""
    texts = _record_texts(report)
    tokens = {**program.internal.fields, **program.excluded.fields, **program.anonymous.fields}
    values = {}
    for token in tokens:
        holder = next((t for t in texts if token in t), None)
        if holder is not None:  # the anonymized customer's logo token is in a file
            line = next(line for line in holder.splitlines() if token in line)
            values[token] = line.removeprefix("- ").strip()
    return values


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory):
    """The canary program's public output, built once."""
    root = tmp_path_factory.mktemp("canaries")
    program = canary_program(root)
    code = build.run(program.content, program.settings, AS_OF, root / "output", io.StringIO())
    assert code == 0
    report = review_project(program.content, program.settings, AS_OF)
    return program, report, root / "output" / "public"


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_every_canary_is_caught_however_it_is_written(canary_site, encoding, tmp_path):
    program, report, public = canary_site
    site = tmp_path / "site"
    shutil.copytree(public, site)
    values = canary_values(program, report)
    assert len(values) >= 40
    for n, value in enumerate(values.values()):
        page = (site / "references" / "northwind-core" / "index.html").read_text(encoding="utf-8")
        probe = page.replace("</main>", f"{ENCODINGS[encoding](value)}\n</main>")
        (site / f"probe-{n:03d}.html").write_text(probe, encoding="utf-8")
    leaks = find_leaks(site, report, public_site(report, {}).public_texts)
    caught = {leak.partition(": ")[0] for leak in leaks}
    missed = {v for n, v in enumerate(values.values()) if f"probe-{n:03d}.html" not in caught}
    assert not missed
    assert not [leak for leak in leaks if not leak.startswith("probe-")]  # the real pages pass


def test_a_canary_written_with_entities_by_a_theme_template_fails_the_build(built, capfd):
    program, before = built
    email = f"{token_of(program, 'customer northwind: contact email')}@mail.example"
    _theme_override(
        program,
        '{% extends "base.html" %}{% block content %}<h1>{{ reference.title }}</h1>'
        f"<p>Questions? Write to {entities(email)}</p>{{% endblock %}}\n",
    )
    code, _log = run_build(program)
    assert code == 1
    assert "a contact of customer northwind" in capfd.readouterr().err
    assert snapshot(program.root / "output") == before
