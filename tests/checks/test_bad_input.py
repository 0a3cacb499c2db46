"""Each kind of bad input: the right rule on the right file and line, and never a traceback.

Every case writes one broken file into the baseline project and says which finding it
expects; the test runs `refcat check` as CI does and reads its JSON back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from itertools import pairwise

import pytest

from tests.factories import (
    AS_OF,
    DROP,
    Project,
    customer_record,
    day,
    dump,
    line_of,
    only,
    reference_record,
)

Expected = tuple[str, str, int, tuple[str, ...]]  # rule, path, line, references
CUSTOMER = "content/customers/acme.yaml"
REFERENCE = "content/references/acme-core.md"
REF = ("acme-core",)


def front(text: str) -> str:
    return f"---\n{text}---\n\nStory.\n"


def syntax_error(project: Project) -> Expected:
    project.write("references/acme-core.md", front("id: acme-core\ntitle: Core banking: moved\n"))
    return ("invalid-yaml", REFERENCE, 3, REF)


def not_utf8(project: Project) -> Expected:
    project.write("customers/acme.yaml", b"id: acme\nname: Acme\nregion: Z\xfcrich\n")
    return ("invalid-yaml", CUSTOMER, 3, REF)


def duplicate_key(project: Project) -> Expected:
    text = "id: acme-core\ncustomer: acme\ntitle: One\ntitle: Two\n"
    project.write("references/acme-core.md", front(text))
    return ("invalid-yaml", REFERENCE, 5, REF)


def anchor_and_alias(project: Project) -> Expected:
    project.write("customers/acme.yaml", "id: acme\nname: &n Acme\nsector: banking\nregion: *n\n")
    return ("invalid-yaml", CUSTOMER, 2, REF)


def front_matter_missing(project: Project) -> Expected:
    project.write("references/acme-core.md", dump(reference_record()))
    return ("invalid-yaml", REFERENCE, 1, REF)


def front_matter_unclosed(project: Project) -> Expected:
    project.write("references/acme-core.md", f"---\n{dump(reference_record())}\nStory.\n")
    return ("invalid-yaml", REFERENCE, 1, REF)


def too_large(project: Project) -> Expected:
    project.reference(body="A long story. " * 80_000)
    return ("invalid-yaml", REFERENCE, 1, REF)


def billion_laughs(project: Project) -> Expected:
    project.write("references/acme-core.md", front(laughs()))
    return ("invalid-yaml", REFERENCE, 2, REF)


def date_that_does_not_exist(project: Project) -> Expected:
    path = project.customer(consents=[{"scope": "name", "granted": "2026-02-30"}])
    return ("invalid-record", CUSTOMER, line_of(path, "2026-02-30"), REF)


def wrong_type(project: Project) -> Expected:
    path = project.reference(benefits="Faster")
    return ("invalid-record", REFERENCE, line_of(path, "benefits:"), REF)


def missing_required_key(project: Project) -> Expected:
    project.customer(rating=DROP)
    return ("invalid-record", CUSTOMER, 1, REF)


def unknown_key(project: Project) -> Expected:
    consent = {"scope": "name", "granted": day(-9), "expries": day(9)}
    path = project.customer(consents=[consent])
    return ("invalid-record", CUSTOMER, line_of(path, "expries:"), REF)


def id_mismatch(project: Project) -> Expected:
    project.write("customers/acme.yaml", dump(customer_record("acme-bank")))
    return ("id-mismatch", CUSTOMER, 1, REF)


def duplicate_id(project: Project) -> Expected:
    project.reference(folder="2025/")
    return ("duplicate-id", "content/references/2025/acme-core.md", 2, REF)


def unknown_customer(project: Project) -> Expected:
    path = project.reference(customer="acme-bnak")
    return ("unknown-customer", REFERENCE, line_of(path, "customer:"), REF)


def unknown_taxonomy(project: Project) -> Expected:
    path = project.reference(products=["data-hub", "data-hubb"])
    return ("unknown-taxonomy", REFERENCE, line_of(path, "- data-hubb"), REF)


def unknown_technology(project: Project) -> Expected:
    project.lifecycle("tomcat", [{"releaseCycle": "9.0", "eol": day(900)}])
    path = project.reference(technologies=["tomcat@9.0", "tomcat@9"])
    return ("unknown-technology", REFERENCE, line_of(path, "- tomcat@9.0") + 1, REF)


def logo_missing(project: Project) -> Expected:
    path = project.customer(logo="logos/acme.svg")
    return ("missing-file", CUSTOMER, line_of(path, "logo:"), REF)


def logo_outside_content(project: Project) -> Expected:
    (project.root / "internal.png").write_bytes(b"\x89PNG")
    path = project.customer(logo="../internal.png")
    return ("missing-file", CUSTOMER, line_of(path, "logo:"), REF)


CASES: list[Callable[[Project], Expected]] = [
    syntax_error,
    not_utf8,
    duplicate_key,
    anchor_and_alias,
    front_matter_missing,
    front_matter_unclosed,
    too_large,
    billion_laughs,
    date_that_does_not_exist,
    wrong_type,
    missing_required_key,
    unknown_key,
    id_mismatch,
    duplicate_id,
    unknown_customer,
    unknown_taxonomy,
    unknown_technology,
    logo_missing,
    logo_outside_content,
]


def laughs(levels: int = 26) -> str:
    """A ~1 KB "billion laughs": each level nine aliases of the one before."""
    names = [chr(ord("a") + n) for n in range(levels)]
    lines = [f'{names[0]}: &{names[0]} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in pairwise(names):
        lines.append(f"{name}: &{name} [{','.join([f'*{before}'] * 9)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_bad_input_is_a_finding_on_its_line_and_never_a_traceback(project, refcat, case):
    rule, path, line, references = case(project)
    result = refcat(
        "check", "--content", str(project.content), "--as-of", str(AS_OF), "--format", "json",
        cwd=project.root,
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = [f for f in report["findings"] if (f["rule"], f["path"]) == (rule, path)]
    assert [(f["line"], tuple(f["references"])) for f in found] == [(line, references)]
    assert found[0]["severity"] == "error"
    published = {r["id"] for r in report["references"] if r["published"]}
    assert published.isdisjoint(references)


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_text_output_of_bad_input_names_the_rule_and_line(project, refcat, case):
    rule, path, line, _ = case(project)
    result = refcat(
        "check", "--content", str(project.content), "--as-of", str(AS_OF), cwd=project.root
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    section = result.stdout.split(f"{path}\n", 1)[1]
    assert any(row.split()[:1] == [str(line)] and rule in row for row in section.splitlines())


def test_billion_laughs_of_1_kb_is_rejected_at_once(project):
    text = laughs()
    assert 900 < len(text.encode()) < 1100
    project.write("customers/lol.yaml", text)
    started = time.perf_counter()
    finding = only(project.review(), "invalid-yaml")
    assert time.perf_counter() - started < 5  # a sanity bound; timings belong in benchmarks
    assert (finding.path, finding.line, finding.record) == ("content/customers/lol.yaml", 1, "lol")
    assert "&" not in finding.message.replace("(&, *)", "")


def test_nothing_of_a_broken_record_is_published(project):
    project.reference("acme-good")
    project.reference("acme-broken", quote={"text": "Great", "author": "Jo", "approvd": AS_OF})
    report = project.review()
    assert only(report, "invalid-record").references == ("acme-broken",)
    assert report.published == {"acme-core", "acme-good"}
    assert "acme-broken" not in report.catalog.references


def test_a_tag_whose_value_cannot_be_built_is_invalid_yaml(project):
    project.write("customers/acme.yaml", "id: acme\nname: !!int not-a-number\n")
    report = project.review()
    finding = next(f for f in report.findings if f.rule == "invalid-yaml")
    assert (finding.path, finding.line) == ("content/customers/acme.yaml", 2)
