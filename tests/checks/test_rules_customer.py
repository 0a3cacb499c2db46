"""Rules about the customer: rating, status, reputation, how often it was asked."""

from __future__ import annotations

import pytest

from tests.factories import AS_OF, day, line_of, only, rules

# -- rating-unusable ------------------------------------------------------------------


@pytest.mark.parametrize("grade", ["A", "2"])
def test_grades_a_and_2_are_usable(project, grade):
    project.customer(rating={"grade": grade, "reviewed": day(-30)})
    assert project.review().findings == ()


@pytest.mark.parametrize("grade", ["1", "B", "C", "D"])
def test_other_grades_are_unusable(project, grade):
    path = project.customer(rating={"grade": grade, "reviewed": day(-30)})
    report = project.review()
    finding = only(report, "rating-unusable")
    assert (finding.severity, finding.path, finding.record) == ("error", project.path(path), "acme")
    assert finding.line == line_of(path, "grade:")
    assert finding.references == ("acme-core",)
    assert finding.message.startswith(f"Rated {grade}:")
    assert report.published == frozenset()


def test_grades_1_and_2_may_be_written_unquoted(project):
    path = project.write(
        "customers/acme.yaml",
        "id: acme\nname: Acme Bank\nsector: banking\n"
        "rating: {grade: 2, reviewed: 2026-11-01}\n"
        "consents: [{scope: name, granted: 2020-01-01}, {scope: case-study, granted: 2020-01-01},"
        " {scope: quote, granted: 2020-01-01}]\n",
    )
    assert project.review().findings == ()
    path.write_text(path.read_text().replace("grade: 2", "grade: 1"))
    assert only(project.review(), "rating-unusable").message.startswith("Rated 1:")


def test_unusable_rating_of_a_customer_with_only_internal_references_is_a_warning(project):
    project.customer(rating={"grade": "C", "reviewed": day(-30)})
    project.reference(publish="internal")
    assert only(project.review(), "rating-unusable").severity == "warning"


def test_customer_without_references_is_not_reviewed_for_blocking_rules(project):
    project.customer("lonely", rating={"grade": "D", "reviewed": day(-3000)}, consents=[])
    assert project.review().findings == ()


# -- rating-review-overdue ------------------------------------------------------------


def test_rating_reviewed_exactly_rating_review_days_ago_is_fine(project):
    project.customer(rating={"grade": "A", "reviewed": day(-365)})
    assert project.review().findings == ()


def test_rating_reviewed_one_day_longer_ago_is_overdue(project):
    path = project.customer(rating={"grade": "A", "reviewed": day(-366)})
    report = project.review()
    finding = only(report, "rating-review-overdue")
    assert (finding.severity, finding.path) == ("error", project.path(path))
    assert finding.line == line_of(path, "reviewed:")
    assert finding.references == ("acme-core",)
    assert str(day(-366)) in finding.message and str(day(-1)) in finding.message
    assert report.published == frozenset()


def test_rating_review_days_comes_from_the_policy(project):
    project.policy(rating_review_days=30)
    project.customer(rating={"grade": "A", "reviewed": day(-30)})
    assert project.review().findings == ()
    project.customer(rating={"grade": "A", "reviewed": day(-31)})
    assert rules(project.review()) == ["rating-review-overdue"]


# -- customer-churned -----------------------------------------------------------------


def test_churned_since_the_day_is_churned(project):
    path = project.customer(status={"state": "churned", "since": AS_OF})
    report = project.review()
    finding = only(report, "customer-churned")
    assert (finding.severity, finding.line) == ("error", line_of(path, "state:"))
    assert finding.references == ("acme-core",)
    assert str(AS_OF) in finding.message
    assert report.published == frozenset()


def test_churned_from_tomorrow_is_not_churned_yet(project):
    project.customer(status={"state": "churned", "since": day(1)})
    assert project.review().findings == ()


def test_churned_without_since_is_churned(project):
    project.customer(status={"state": "churned"})
    assert rules(project.review()) == ["customer-churned"]


def test_active_status_is_fine(project):
    project.customer(status={"state": "active", "since": day(-3000)})
    assert project.review().findings == ()


# -- reputation-risk ------------------------------------------------------------------


def entry(when, severity="blocking", **more):
    return {"date": when, "summary": "Fined over a data breach", "severity": severity, **more}


def test_blocking_entry_dated_on_the_day_is_a_risk(project):
    path = project.customer(reputation=[entry(day(-900), "watch"), entry(AS_OF)])
    report = project.review()
    finding = only(report, "reputation-risk")
    assert (finding.severity, finding.path) == ("error", project.path(path))
    assert finding.line == line_of(path, f"date: {AS_OF}")
    assert finding.references == ("acme-core",)
    assert "Fined over a data breach" in finding.message
    assert report.published == frozenset()


def test_blocking_entry_dated_tomorrow_is_not_a_risk_yet(project):
    project.customer(reputation=[entry(day(1))])
    assert project.review().findings == ()


def test_entry_resolved_on_the_day_is_no_risk_and_the_day_after_still_is(project):
    project.customer(reputation=[entry(day(-30), resolved=AS_OF)])
    assert project.review().findings == ()
    project.customer(reputation=[entry(day(-30), resolved=day(1))])
    assert rules(project.review()) == ["reputation-risk"]


def test_watch_entries_are_no_risk(project):
    project.customer(reputation=[entry(day(-30), "watch")])
    assert project.review().findings == ()


# -- referee-overused -----------------------------------------------------------------


def asks(*offsets: int, outcome: str = "declined") -> list[dict]:
    return [{"date": day(o), "kind": "reference-call", "outcome": outcome} for o in offsets]


def test_exactly_request_limit_count_asks_is_fine(project):
    project.customer(requests=asks(0, -10, -89))
    assert project.review().findings == ()


def test_one_more_ask_than_the_limit_warns_whatever_the_outcome(project):
    path = project.customer(requests=asks(-89, -50, -10) + asks(0, outcome="won"))
    report = project.review()
    finding = only(report, "referee-overused")
    assert (finding.severity, finding.path) == ("warning", project.path(path))
    assert finding.line == line_of(path, f"date: {AS_OF}")
    assert finding.references == ("acme-core",)
    assert finding.message == f"Asked 4 times in the last 90 days; resting until {day(1)}"
    assert report.published == {"acme-core"}


def test_an_ask_exactly_request_limit_days_ago_no_longer_counts(project):
    project.customer(requests=asks(-90, -50, -10, 0))
    assert project.review().findings == ()


def test_asks_planned_after_the_day_do_not_count(project):
    project.customer(requests=asks(-50, -10, 0, 5))
    assert project.review().findings == ()


def test_overused_points_at_the_latest_ask_within_the_window(project):
    path = project.customer(requests=asks(-3, -2, -1, 0) + asks(20))
    finding = only(project.review(), "referee-overused")
    assert finding.line == line_of(path, f"date: {AS_OF}")


def test_request_limit_comes_from_the_policy(project):
    project.policy(request_limit={"count": 1, "days": 30})
    project.customer(requests=asks(-30, 0))
    assert project.review().findings == ()
    project.customer(requests=asks(-29, 0))
    assert rules(project.review()) == ["referee-overused"]
