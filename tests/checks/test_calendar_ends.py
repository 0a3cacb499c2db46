"""Dates at the calendar's ends: arithmetic stops there, no command crashes.

A record may hold any date from 0001-01-01 to 9999-12-31 (`reviewed: 9999-12-31` once
crashed the internal catalog and `refcat review`); "a year after" the last day is
the last day. An as-of date is an argument instead: one the policy's windows cannot
fit is refused (tests/generator/test_cli_bad_arguments.py covers the command line).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from refcat.checks.days import check_as_of, shift
from refcat.checks.policy import ConfigError, Policy, RequestLimit
from refcat.generator.commands import build, review
from tests.factories import AS_OF, Project, day

ENDS = [date.min, date.max]


# -- shift -------------------------------------------------------------------------------


def test_shift_moves_by_calendar_days_inside_the_calendar():
    assert shift(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert shift(date(2026, 1, 1), -365) == date(2025, 1, 1)
    assert shift(date(2026, 1, 1), 0) == date(2026, 1, 1)


def test_shift_stops_at_the_first_and_the_last_day():
    assert shift(date(9999, 12, 30), 1) == date.max
    assert shift(date.max, 365) == date.max
    assert shift(date(1, 1, 2), -1) == date.min
    assert shift(date.min, -90) == date.min


def test_shift_takes_numbers_of_days_no_timedelta_could_hold():
    assert shift(AS_OF, 10**12) == date.max
    assert shift(AS_OF, -(10**12)) == date.min


# -- the as-of dates a policy can use ----------------------------------------------------


def test_the_longest_window_back_sets_the_earliest_as_of():
    policy = Policy(rating_review_days=400, request_limit=RequestLimit(days=30))
    check_as_of(shift(date.min, 1825), policy)  # max_reference_age_days 1825 is the longest
    with pytest.raises(ConfigError, match=r"max_reference_age_days 1825 \(earliest: 0005-12-31"):
        check_as_of(shift(date.min, 1824), policy)


def test_the_longest_window_ahead_sets_the_latest_as_of():
    policy = Policy(consent_warn_days=10, eol_warn_days=0)
    check_as_of(shift(date.max, -10), policy)
    with pytest.raises(ConfigError, match="too late for consent_warn_days 10"):
        check_as_of(shift(date.max, -9), policy)
    with pytest.raises(ConfigError, match="too late for --within 30"):
        check_as_of(shift(date.max, -20), policy, within=30)


# -- records holding the calendar's ends ---------------------------------------------------


def every_date_at(project: Project, end: date) -> Project:
    """The baseline project with every date its records hold set to `end`."""
    consents = [
        {"scope": scope, "granted": day(-400), "expires": end}
        for scope in ("name", "case-study", "quote", "reference-call")
    ]
    project.customer(
        status={"state": "active", "since": end},
        rating={"grade": "A", "reviewed": end},
        consents=[*consents, {"scope": "logo", "granted": end, "withdrawn": end}],
        reputation=[{"date": end, "summary": "News", "severity": "blocking", "resolved": end}],
        requests=[{"date": end, "kind": "reference-call", "closed": end}] * 5,
        nps=[{"date": end, "score": 9}],
    )
    project.lifecycle("tomcat", [{"releaseCycle": "9", "eol": end}])
    project.reference(
        completed=end,
        review_by=end,
        technologies=["tomcat@9"],
        quote={"text": "It just worked.", "author": "Jane Roe", "approved": end},
        evaluation={"date": end, "verdict": "reference"},
    )
    return project


@pytest.mark.parametrize("end", ENDS, ids=str)
def test_a_review_of_records_at_the_calendars_ends_completes(project: Project, end: date):
    report = every_date_at(project, end).review()
    assert not [f for f in report.findings if f.rule in ("invalid-record", "invalid-yaml")]
    assert set(report.catalog.references) == {"acme-core"}


# the latest as-of whose worklist (--within 365) reaches the last day
LAST_YEAR = date(9998, 12, 31)


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "ics"])
@pytest.mark.parametrize(("end", "as_of"), [(date.min, AS_OF), (date.max, LAST_YEAR)], ids=str)
def test_the_worklist_of_records_at_the_calendars_ends(
    project: Project, end: date, as_of: date, fmt: str
):
    every_date_at(project, end)
    out = io.StringIO()
    assert review.run(project.content, None, as_of, out, review.Options(365, fmt)) == 0
    assert "rating-review" in out.getvalue()
    assert end.isoformat() in out.getvalue() or end.strftime("%Y%m%d") in out.getvalue()


def test_an_item_due_on_the_last_day_is_a_one_day_event_without_an_end(project: Project):
    """RFC 5545: an all-day DTSTART without DTEND lasts that day; 10000-01-01 is no date."""
    project.customer(rating={"grade": "A", "reviewed": date.max})
    out = io.StringIO()
    review.run(project.content, None, LAST_YEAR, out, review.Options(365, "ics"))
    events = out.getvalue().split("BEGIN:VEVENT")[1:]
    [last] = [event for event in events if "DTSTART;VALUE=DATE:99991231" in event]
    assert "DTEND" not in last
    assert all("DTEND" in event for event in events if event is not last)


def test_the_internal_catalog_builds_with_a_rating_reviewed_on_the_last_day(
    project: Project, tmp_path: Path
):
    project.customer(rating={"grade": "A", "reviewed": date.max})
    output = tmp_path / "output"
    out = io.StringIO()
    code = build.run(project.content, None, AS_OF, output, out, audience="internal")
    assert code == 0, out.getvalue()
    page = (output / "internal" / "customers" / "acme.html").read_text(encoding="utf-8")
    assert "9999-12-31" in page
