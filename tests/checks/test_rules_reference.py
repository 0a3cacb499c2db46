"""Rules about the reference itself: age, evaluation, arguments, products, unsafe content."""

from __future__ import annotations

import pytest

from tests.factories import AS_OF, DROP, day, dump, line_of, only, reference_record, rules

# -- reference-too-old ----------------------------------------------------------------


def test_completed_exactly_max_reference_age_days_ago_is_fine(project):
    project.reference(completed=day(-1825))
    assert project.review().findings == ()


def test_completed_one_day_earlier_is_too_old(project):
    path = project.reference(completed=day(-1826))
    report = project.review()
    finding = only(report, "reference-too-old")
    assert (finding.severity, finding.path, finding.record) == (
        "error",
        project.path(path),
        "acme-core",
    )
    assert finding.line == line_of(path, "completed:")
    assert finding.references == ("acme-core",)
    assert str(day(-1826)) in finding.message
    assert report.published == frozenset()


def test_max_reference_age_days_comes_from_the_policy(project):
    project.policy(max_reference_age_days=100)
    project.reference(completed=day(-100))
    assert project.review().findings == ()
    project.reference(completed=day(-101))
    assert rules(project.review()) == ["reference-too-old"]


def test_review_by_on_the_day_is_fine_and_the_day_before_is_past(project):
    project.reference(review_by=AS_OF)
    assert project.review().findings == ()
    path = project.reference(review_by=day(-1))
    finding = only(project.review(), "reference-too-old")
    assert finding.line == line_of(path, "review_by:")
    assert str(day(-1)) in finding.message


def test_too_old_internal_reference_is_a_warning(project):
    project.reference(completed=day(-4000), publish="internal")
    report = project.review()
    assert only(report, "reference-too-old").severity == "warning"
    assert report.errors == 0


# -- evaluation-missing ---------------------------------------------------------------


def test_no_evaluation_is_reported_on_the_first_line(project):
    path = project.reference(evaluation=DROP)
    report = project.review()
    finding = only(report, "evaluation-missing")
    assert (finding.severity, finding.path, finding.line) == ("error", project.path(path), 1)
    assert finding.references == ("acme-core",)
    assert report.published == frozenset()


def test_no_reference_verdict_is_reported_on_the_verdict(project):
    path = project.reference(evaluation={"date": day(-10), "verdict": "no-reference"})
    finding = only(project.review(), "evaluation-missing")
    assert finding.line == line_of(path, "verdict:")
    assert str(day(-10)) in finding.message


# -- no-arguments ---------------------------------------------------------------------


def test_no_strengths_and_no_benefits_is_no_arguments(project):
    path = project.reference(strengths={}, benefits=[])
    report = project.review()
    finding = only(report, "no-arguments")
    assert (finding.severity, finding.path, finding.line) == ("error", project.path(path), 1)
    assert finding.references == ("acme-core",)
    assert report.published == frozenset()


@pytest.mark.parametrize(
    "arguments",
    [
        {"strengths": DROP, "benefits": ["Two weeks faster month-end close"]},
        {"strengths": {"commercial": ["cost-reduction"]}, "benefits": DROP},
        {"strengths": {"technical": ["zero-downtime-migration"]}, "benefits": []},
    ],
)
def test_one_strength_or_one_benefit_is_enough(project, arguments):
    project.reference(**arguments)
    assert project.review().findings == ()


# -- product-retired ------------------------------------------------------------------


def test_product_retired_on_the_day_is_retired(project):
    project.taxonomy(
        products={
            "data-hub": {"label": "Data Hub"},
            "classic-portal": {
                "label": "Classic Portal",
                "retired": AS_OF,
                "successor": "data-hub",
            },
        }
    )
    path = project.reference(products=["data-hub", "classic-portal"])
    report = project.review()
    finding = only(report, "product-retired")
    assert (finding.severity, finding.path) == ("error", project.path(path))
    assert finding.line == line_of(path, "- classic-portal")
    assert finding.message == f"Classic Portal was retired on {AS_OF}"
    assert "Data Hub" in finding.hint
    assert report.published == frozenset()


def test_product_retired_tomorrow_is_fine(project):
    project.taxonomy(products={"data-hub": {"label": "Data Hub", "retired": day(1)}})
    assert project.review().findings == ()


# -- unsafe-content -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<img src="x.png" onerror="alert(1)">', "event-handler"),
        ("Read [the release](javascript:alert(1)).", "javascript:"),
        ("See ![chart](data:image/png;base64,AAAA).", "data:"),
        ("<div>boxed</div>", "raw HTML"),
    ],
)
def test_unsafe_story_warns_on_its_line_without_quoting_it(project, line, kind):
    path = project.reference(body=f"First paragraph.\n\n{line}\n\nLast paragraph.\n")
    report = project.review()
    finding = only(report, "unsafe-content")
    assert (finding.severity, finding.path) == ("warning", project.path(path))
    assert finding.line == line_of(path, line)
    assert finding.references == ("acme-core",)
    assert kind in finding.message
    assert "alert" not in finding.message and "AAAA" not in finding.message
    assert report.published == {"acme-core"}


def test_plain_markdown_is_safe(project):
    project.reference(body="# Result\n\nA [link](https://example.org), `<code>` & *style*.\n")
    assert project.review().findings == ()


def test_unsafe_caveats_and_notes_are_reported_on_their_lines(project):
    front = dump(reference_record())
    caveats = "caveats: |\n  Went well.\n  Then <script>alert(1)</script> happened.\n"
    reference = project.write("references/acme-core.md", f"---\n{front}{caveats}---\nStory.\n")
    customer = project.customer(notes="Inline <b>note</b>")
    report = project.review()
    assert [(f.path, f.line) for f in report.findings] == [
        (project.path(customer), line_of(customer, "notes:")),
        (project.path(reference), line_of(reference, "Then <script>")),
    ]
    assert {f.rule for f in report.findings} == {"unsafe-content"}
