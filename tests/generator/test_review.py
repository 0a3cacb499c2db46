"""`refcat review`: the program owner's worklist, in text, JSON, CSV and iCalendar."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from refcat.checks import worklist as owner
from refcat.checks.worklist import Item
from refcat.generator.commands import review
from refcat.generator.commands.review import to_ics
from tests.factories import AS_OF, DROP, day


def worklist(project, within: int = 90) -> list[Item]:
    report = project.review()
    return owner.worklist(report.catalog, report.policy, AS_OF, within)


def kinds(items: list[Item]) -> list[tuple[str, date]]:
    return [(item.kind, item.due) for item in items]


def output(project, fmt: str, within: int = 90) -> str:
    out = io.StringIO()
    options = review.Options(within, fmt, cwd=project.root)  # as if run in the project
    assert review.run(project.content, project.settings, AS_OF, out, options) == 0
    return out.getvalue()


def test_a_program_with_nothing_due_has_an_empty_worklist(project):
    assert worklist(project) == []
    assert output(project, "text").startswith("Worklist as of 2026-11-25, due by 2027-02-23: 0")


# -- consents ---------------------------------------------------------------------------


def consents(**quote) -> list[dict]:
    return [
        {"scope": "name", "granted": day(-400)},
        {"scope": "case-study", "granted": day(-400)},
        {"scope": "quote", "granted": day(-400), **quote},
    ]


@pytest.mark.parametrize(("expires", "listed"), [(90, True), (91, False), (1, True)])
def test_consent_expiring_within_the_days_is_listed_on_its_day(project, expires, listed):
    project.customer(consents=consents(expires=day(expires)))
    items = worklist(project)
    assert kinds(items) == ([("consent-expiring", day(expires))] if listed else [])
    if listed:
        assert items[0].references == ("acme-core",)
        assert "Quote consent expires on" in items[0].action
        assert not items[0].overdue


def test_within_changes_the_horizon(project):
    project.customer(consents=consents(expires=day(120)))
    assert worklist(project, within=90) == []
    assert kinds(worklist(project, within=120)) == [("consent-expiring", day(120))]


def test_expired_consent_still_in_use_is_overdue(project):
    path = project.customer(consents=consents(expires=AS_OF))
    (item,) = worklist(project)
    assert (item.kind, item.due, item.overdue) == ("consent-expired", AS_OF, True)
    assert item.path == project.path(path)
    assert "renew" in item.action


def test_expired_consent_nobody_uses_and_a_renewed_one_are_not_listed(project):
    project.customer(
        consents=[
            *consents(expires=day(10)),
            {"scope": "quote", "granted": day(-5)},  # renewed: no end
            {"scope": "press", "granted": day(-400), "expires": day(-3)},  # not used
        ]
    )
    assert worklist(project) == []


def test_withdrawn_consent_is_not_to_be_renewed(project):
    project.customer(consents=consents(withdrawn=day(-2)))
    (item,) = worklist(project)
    assert item.kind == "consent-expired"
    assert "withdrawn" in item.action and "renew" not in item.action


# -- ratings, references, technologies ----------------------------------------------------


def test_rating_review_falls_due_a_year_after_the_last_one(project):
    project.customer(rating={"grade": "A", "reviewed": day(-300)})
    (item,) = worklist(project)
    assert (item.kind, item.due, item.overdue) == ("rating-review", day(65), False)


def test_overdue_rating_review_is_listed_as_overdue(project):
    project.customer(rating={"grade": "A", "reviewed": day(-400)})
    (item,) = worklist(project)
    assert (item.kind, item.due, item.overdue) == ("rating-review", day(-35), True)


def test_review_by_and_maximum_age(project):
    project.reference(completed=day(-1800), review_by=day(30))
    assert kinds(worklist(project)) == [("reference-age", day(25)), ("reference-review", day(30))]


def test_an_old_internal_reference_is_not_a_task(project):
    project.reference(completed=day(-3000), publish="internal")
    assert worklist(project) == []


def test_technology_reaching_its_end_of_life(project):
    project.lifecycle(
        "postgresql",
        [{"releaseCycle": "12", "eol": day(40)}, {"releaseCycle": "16", "eol": day(900)}],
    )
    project.reference(technologies=["postgresql@12", "postgresql@16"])
    (item,) = worklist(project)
    assert (item.kind, item.due, item.subject) == ("technology-eol", day(40), "postgresql@12")
    assert "reaches its end of life on" in item.action


def test_resting_referee_is_to_be_thanked(project):
    requests = [{"date": day(-n), "kind": "reference-call"} for n in (5, 10, 20, 30)]
    project.customer(requests=requests)
    (item,) = worklist(project)
    assert (item.kind, item.due) == ("referee-resting", day(-30) + timedelta(days=90))
    assert "thank" in item.action


def test_missing_post_evaluation(project):
    project.reference(evaluation=DROP)
    (item,) = worklist(project)
    assert (item.kind, item.due, item.overdue) == ("evaluation-missing", day(-365), True)


def test_items_are_sorted_by_due_date(project):
    project.customer(
        rating={"grade": "A", "reviewed": day(-300)}, consents=consents(expires=day(20))
    )
    project.reference(evaluation=DROP)
    assert [item.due for item in worklist(project)] == [day(-365), day(20), day(65)]


# -- formats ---------------------------------------------------------------------------------


@pytest.fixture
def busy(project):
    project.customer(
        rating={"grade": "A", "reviewed": day(-300)}, consents=consents(expires=day(20))
    )
    project.reference(evaluation=DROP)
    return project


def test_json(busy):
    document = json.loads(output(busy, "json"))
    assert (document["as_of"], document["within"], document["until"]) == (
        "2026-11-25",
        90,
        "2027-02-23",
    )
    first = document["items"][0]
    assert set(first) == {
        "due",
        "kind",
        "customer",
        "references",
        "action",
        "path",
        "line",
        "overdue",
    }
    assert [i["kind"] for i in document["items"]] == [
        "evaluation-missing",
        "consent-expiring",
        "rating-review",
    ]


def test_csv(busy):
    rows = list(csv.DictReader(io.StringIO(output(busy, "csv"))))
    assert [row["kind"] for row in rows] == [
        "evaluation-missing",
        "consent-expiring",
        "rating-review",
    ]
    assert rows[0]["overdue"] == "yes"
    assert rows[1]["due"] == day(20).isoformat()
    assert rows[1]["path"] == "content/customers/acme.yaml"


def unfold(calendar: str) -> list[str]:
    """RFC 5545 3.1: a CRLF followed by a space or tab continues the previous line."""
    return calendar.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def test_ics_is_a_valid_calendar_with_one_all_day_event_per_item(busy):
    calendar = output(busy, "ics")
    assert calendar.endswith("\r\n")
    assert "\n" not in calendar.replace("\r\n", "")  # CRLF only
    raw_lines = calendar.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in raw_lines)
    lines = unfold(calendar)[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    events = calendar.count("BEGIN:VEVENT")
    assert events == 3 == calendar.count("END:VEVENT")
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 3
    assert lines.count("DTSTAMP:20261125T000000Z") == 3
    assert f"DTSTART;VALUE=DATE:{day(20):%Y%m%d}" in lines
    assert f"DTEND;VALUE=DATE:{day(21):%Y%m%d}" in lines
    assert sum(line.startswith("SUMMARY:") for line in lines) == 3
    assert sum(line.startswith("DESCRIPTION:") for line in lines) == 3


def test_ics_is_byte_identical_and_uids_survive_a_new_date(busy):
    first = output(busy, "ics")
    assert output(busy, "ics") == first
    uid = [line for line in unfold(first) if line.startswith("UID:")][1]
    busy.customer(rating={"grade": "A", "reviewed": day(-300)}, consents=consents(expires=day(30)))
    moved = unfold(output(busy, "ics"))
    assert uid in moved  # the consent's event moved to its new day, same UID
    assert f"DTSTART;VALUE=DATE:{day(30):%Y%m%d}" in moved


def test_ics_escapes_text_and_folds_without_splitting_a_character():
    action = "Ask Ümit, Zoë; and Åsa\\ " * 10
    item = Item(AS_OF, "consent-expiring", "acme", ("acme-core",), action, "p.yaml", 3, False)
    calendar = to_ics([item], AS_OF, 90)
    for line in calendar.split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode().decode("utf-8")  # each physical line is whole UTF-8
    description = next(line for line in unfold(calendar) if line.startswith("DESCRIPTION:"))
    assert description.startswith("DESCRIPTION:Ask Ümit\\, Zoë\\; and Åsa\\\\ ")
    assert description.endswith("\\np.yaml:3")


def test_text_lists_each_item_with_what_to_do_and_where(busy):
    text = output(busy, "text")
    assert "3 items, 1 overdue" in text
    assert "content/customers/acme.yaml:" in text
    assert "Quote consent expires on" in text


# -- the command line ----------------------------------------------------------------------


def test_review_reads_only(busy, refcat):
    before = {p: p.read_bytes() for p in busy.root.rglob("*") if p.is_file()}
    result = refcat(
        "review", "--as-of", "2026-11-25", "--format", "ics", "--content", "content", cwd=busy.root
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("BEGIN:VEVENT") == 3
    after = {p: p.read_bytes() for p in busy.root.rglob("*") if p.is_file()}
    assert after == before


def test_negative_within_is_a_usage_error(project, refcat):
    result = refcat("review", "--within", "-1", "--content", "content", cwd=project.root)
    assert result.returncode == 2
    assert "--within" in result.stderr
