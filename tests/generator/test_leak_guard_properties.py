"""Property tests of the leak guard: no false alarm, no blind spot.

The public output depends only on public fields, so it is built once; each example
writes the same program with other internal texts, reviews it and runs the guard on
that output. `HYPOTHESIS_PROFILE=fuzz` runs many more examples (`make fuzz`).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refcat.checks.run import Report
from refcat.generator.build.guard import find_leaks
from refcat.generator.build.sites import public_site
from refcat.generator.commands import build
from tests.factories import AS_OF, Project, baseline, day
from tests.generator.encodings import ENCODINGS

# What the public pages show: titles, summaries, benefits, labels, dates, template words
PUBLIC_PIECES = [
    "Core banking migration",
    "Acme Bank moved its core banking without downtime.",
    "Batch window cut from 6 hours to 40 minutes",
    "Fund data hub",
    "Banking",
    "Asset management",
    "Asset management in EMEA",
    "EMEA",
    "Data Hub",
    "Zero-downtime migration",
    "Cost reduction",
    "November 2025",
    "2025",
    "25 November 2026",
    "Completed",
    "Customer stories",
    "All references",
    "Results",
    "The story",
    "At a glance",
    "Read the story",
    "It just worked.",
    "Jane Roe",
    "function",
    "References",
]
SEPARATORS = [" ", "\n", ". ", ", ", "\n- ", "\n\n## ", " **", "** "]
INTERNAL_FIELDS = ["notes", "rating note", "consent note", "caveats", "evaluation note", "owner"]


def public_phrasing() -> st.SearchStrategy[str]:
    pieces = st.lists(st.sampled_from(PUBLIC_PIECES), min_size=1, max_size=6)
    seps = st.lists(st.sampled_from(SEPARATORS), min_size=6, max_size=6)
    return st.builds(lambda p, s: "".join(x + y for x, y in zip(p, s, strict=False)), pieces, seps)


def write_program(root: Path, texts: dict[str, str]) -> Report:
    """Acme (named) and Quill Capital (anonymized), one published reference each."""
    if root.exists():
        shutil.rmtree(root)
    project = baseline(Project(root))
    rating = {"grade": "A", "reviewed": day(-30), "note": texts.get("rating note")}
    consents = [
        {"scope": s, "granted": day(-400), "note": texts.get("consent note")}
        for s in ("name", "case-study", "quote")
    ]
    internal: dict[str, Any] = {"rating": rating, "consents": consents}
    internal |= {"notes": texts.get("notes"), "owner": texts.get("owner")}
    project.customer(**{k: v for k, v in internal.items() if v is not None})
    project.customer("quill-capital", name="Quill Capital", sector="asset-management")
    evaluation = {"date": day(-300), "verdict": "reference", "note": texts.get("evaluation note")}
    project.reference(caveats=texts.get("caveats"), evaluation=evaluation)
    project.reference("fund-hub", customer="quill-capital", title="Fund data hub")
    return project.review()


@pytest.fixture(scope="module")
def public_output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("program")
    write_program(root, {})
    out = io.StringIO()
    code = build.run(root / "content", None, AS_OF, root / "output", out, audience="public")
    assert code == 0, out.getvalue()
    return root / "output" / "public"


@given(texts=st.dictionaries(st.sampled_from(INTERNAL_FIELDS), public_phrasing(), min_size=1))
def test_internal_texts_in_public_phrasing_are_no_leak(public_output, tmp_path_factory, texts):
    report = write_program(tmp_path_factory.mktemp("example"), texts)
    assert {"acme-core", "fund-hub"} <= report.published
    assert find_leaks(public_output, report, public_site(report, {}).public_texts) == []


@given(
    field=st.sampled_from(INTERNAL_FIELDS),
    token=st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=6, max_size=10),
    encoding=st.sampled_from(sorted(ENCODINGS)),
    surrounding=public_phrasing(),
)
def test_a_canary_in_any_internal_field_is_caught(
    public_output, tmp_path_factory, field, token, encoding, surrounding
):
    canary = f"Kim Zq{token}" if field == "owner" else f"Went well apart from zq{token}"
    text = canary if field == "owner" else f"{surrounding}\n{canary}"  # a name is the whole value
    report = write_program(tmp_path_factory.mktemp("example"), {field: text})
    site = tmp_path_factory.mktemp("site") / "public"
    shutil.copytree(public_output, site)
    page = site / "references" / "acme-core" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</main>", ENCODINGS[encoding](canary) + "</main>"))
    leaks = find_leaks(site, report, public_site(report, {}).public_texts)
    assert [leak.partition(": ")[0] for leak in leaks] == ["references/acme-core/index.html"]
