"""feed.atom: valid Atom, newest first, allow-list fields only, gone with a withdrawal;
and the leak guard reads every file the clean addresses add (feed, sitemap page, 404
page, forwarding pages)."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from refcat.checks.run import review_project
from refcat.generator.build.guard import find_leaks
from refcat.generator.commands import build
from refcat.generator.public.atom import atom_feed
from refcat.generator.public.site import public_site
from refcat.generator.public.views import public_catalog
from tests.factories import AS_OF, Project, day
from tests.generator.program import canary_program, found

ATOM = "{http://www.w3.org/2005/Atom}"
ADDED = ("feed.atom", "sitemap.html", "404.html")  # and references/<id>.html


def _entries(feed: bytes) -> list[ET.Element]:
    root = ET.fromstring(feed)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def _text(entry: ET.Element, name: str) -> str:
    return entry.findtext(f"{ATOM}{name}") or ""


def test_entries_are_the_published_references_newest_first_with_absolute_links(project):
    project.reference("acme-old", title="Old migration", completed=day(-900))
    project.reference("acme-draft", title="Draft story", publish="internal")
    feed = atom_feed(public_catalog(project.review()), "https://example.com/refs/", "Refs", AS_OF)
    entries = _entries(feed)
    assert [_text(e, "title") for e in entries] == ["Core banking migration", "Old migration"]
    first = entries[0]
    link = first.find(f"{ATOM}link")
    assert link is not None
    assert (
        link.get("href") == _text(first, "id") == "https://example.com/refs/references/acme-core/"
    )
    assert _text(first, "published").startswith(day(-365).isoformat())
    summary = _text(first, "summary")
    assert "Acme Bank" in summary and "moved its core banking without downtime" in summary
    assert ET.fromstring(feed).findtext(f"{ATOM}updated", "").startswith(day(-365).isoformat())


def test_without_a_site_url_links_are_relative_and_ids_still_unique(project):
    project.reference("acme-two", title="Second story")
    entries = _entries(atom_feed(public_catalog(project.review()), "", "Refs", AS_OF))
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert sorted(links) == ["references/acme-core/", "references/acme-two/"]
    assert len({_text(e, "id") for e in entries}) == 2


def test_record_text_is_escaped_and_an_empty_catalog_is_still_a_feed(project):
    project.reference(title="A <b>bold</b> & move", summary="x </summary><script>y</script>")
    feed = atom_feed(public_catalog(project.review()), "", "Refs", AS_OF)
    (entry,) = _entries(feed)  # it parses: nothing broke out of its element
    assert _text(entry, "title") == "A <b>bold</b> & move"
    assert "<script>" not in _text(entry, "summary")
    project.reference(publish="internal")
    assert _entries(atom_feed(public_catalog(project.review()), "", "Refs", AS_OF)) == []


def test_the_same_catalog_gives_the_same_bytes(project):
    catalog = public_catalog(project.review())
    assert atom_feed(catalog, "", "Refs", AS_OF) == atom_feed(catalog, "", "Refs", AS_OF)


def _build(project: Project) -> Path:
    out = io.StringIO()
    output = project.root / "output"
    code = build.run(project.content, None, AS_OF, output, out, audience="public")
    assert code == 0, out.getvalue()
    return output / "public"


def test_a_withdrawn_reference_leaves_the_feed_its_page_and_its_old_address(project):
    project.reference("acme-two", title="Second story")
    public = _build(project)
    assert len(_entries((public / "feed.atom").read_bytes())) == 2
    assert (public / "references/acme-two.html").is_file()
    project.reference("acme-two", title="Second story", publish="internal")
    public = _build(project)
    assert [_text(e, "title") for e in _entries((public / "feed.atom").read_bytes())] == [
        "Core banking migration"
    ]
    assert not (public / "references/acme-two").exists()
    assert not (public / "references/acme-two.html").exists()
    assert "Second story" not in (public / "sitemap.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def canary_output(tmp_path_factory):
    root = tmp_path_factory.mktemp("canaries")
    program = canary_program(root)
    code = build.run(program.content, program.settings, AS_OF, root / "output", io.StringIO())
    assert code == 0
    return program, root / "output" / "public"


def _added_files(public: Path) -> list[str]:
    stubs = sorted(p.name for p in (public / "references").glob("*.html"))
    assert stubs, "every published reference keeps its old address"
    return [*ADDED, *(f"references/{name}" for name in stubs)]


def test_no_canary_reaches_the_feed_the_sitemap_page_the_404_page_or_a_forwarding_page(
    canary_output,
):
    program, public = canary_output
    tokens = {**program.internal.fields, **program.excluded.fields, **program.anonymous.fields}
    added = set(_added_files(public))
    leaked = {t: w for t, w in found(public, tokens).items() if added & set(w)}
    assert leaked == {}
    for name in ADDED:
        assert program.anonymous_name.lower() not in (public / name).read_text().lower()


def test_the_leak_guard_reads_each_added_file(canary_output, tmp_path):
    """A contact's e-mail address written into any of them fails the guard on that file."""
    program, public = canary_output
    report = review_project(program.content, program.settings, AS_OF)
    email = next(t for t, w in program.internal.fields.items() if w.endswith("contact email"))
    texts = public_site(report, {}).public_texts
    for name in _added_files(public)[:4]:
        site = tmp_path / name.replace("/", "-")
        site.mkdir()
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        original = (public / name).read_text(encoding="utf-8")
        (site / name).write_text(original + f"\n{email}@mail.example\n", encoding="utf-8")
        leaks = find_leaks(site, report, texts)
        assert {leak.partition(": ")[0] for leak in leaks} == {name}, name


def test_only_the_newest_references_are_listed(project, monkeypatch):
    monkeypatch.setattr("refcat.generator.public.atom.ENTRIES", 2)
    for n, age in enumerate((900, 10, 500)):
        project.reference(f"acme-{n}", title=f"Story {n}", completed=day(-age))
    entries = _entries(atom_feed(public_catalog(project.review()), "", "Refs", AS_OF))
    assert [_text(e, "title") for e in entries] == ["Story 1", "Core banking migration"]
