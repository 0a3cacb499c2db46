"""May a customer be asked now: available, resting until a date, or not usable and why."""

from __future__ import annotations

import pytest

from refcat.checks.availability import call_blockers, customer_availability
from refcat.checks.models import Customer
from refcat.checks.policy import Policy
from tests.factories import AS_OF, customer_record, day

CALL = {"scope": "reference-call", "granted": day(-400)}


def availability(**changes):
    record = customer_record(**{"consents": [CALL], **changes})
    customer = Customer.model_validate(record, strict=False)
    return customer_availability(customer, Policy(), AS_OF)


def asks(*offsets):
    return [{"date": day(o), "kind": "reference-call"} for o in offsets]


def test_a_rated_customer_with_a_call_consent_is_available():
    found = availability()
    assert (found.state, found.label, found.reasons) == ("available", "available", ())
    assert found.askable


def test_four_asks_in_90_days_rest_the_referee_until_the_oldest_of_the_last_four_ages_out():
    found = availability(requests=asks(-80, -40, -20, -5))
    assert found.state == "resting"
    assert found.resting_until == day(10)  # -80 + 90
    assert found.label == f"resting until {day(10)}"
    assert not found.askable


def test_three_asks_do_not_rest_and_an_ask_91_days_ago_no_longer_counts():
    assert availability(requests=asks(-40, -20, -5)).state == "available"
    assert availability(requests=asks(-90, -40, -20, -5)).state == "available"
    assert availability(requests=asks(-89, -40, -20, -5)).state == "resting"


def test_an_ask_planned_after_the_as_of_date_does_not_count():
    assert availability(requests=asks(-40, -20, -5, 3)).state == "available"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"status": {"state": "churned", "since": day(-10)}},
            f"no longer a customer since {day(-10)}",
        ),
        ({"rating": {"grade": "B", "reviewed": day(-30)}}, "rated B (under observation)"),
        ({"rating": {"grade": "A", "reviewed": day(-366)}}, f"rating review was due {day(-1)}"),
        (
            {"reputation": [{"date": day(-5), "summary": "Outage", "severity": "blocking"}]},
            f"unresolved reputation issue since {day(-5)}",
        ),
    ],
)
def test_each_customer_rule_makes_it_not_usable_with_a_reason(changes, reason):
    found = availability(**changes)
    assert found.state == "not-usable"
    assert found.reasons == (reason,)
    assert found.label == f"not usable: {reason}"


def test_a_resolved_or_watch_reputation_entry_and_a_review_on_the_last_day_do_not_block():
    watch = [{"date": day(-5), "summary": "Press", "severity": "watch"}]
    resolved = [{"date": day(-50), "summary": "Outage", "severity": "blocking", "resolved": AS_OF}]
    assert availability(reputation=watch).askable
    assert availability(reputation=resolved).askable
    assert availability(rating={"grade": "2", "reviewed": day(-365)}).askable


@pytest.mark.parametrize(
    ("consent", "reason"),
    [
        (None, "no reference-call consent"),
        ({**CALL, "expires": day(-25)}, f"reference-call consent expired {day(-25)}"),
        ({**CALL, "expires": AS_OF}, f"reference-call consent expired {AS_OF}"),
        ({**CALL, "withdrawn": day(-3)}, f"reference-call consent withdrawn {day(-3)}"),
        ({**CALL, "granted": day(7)}, f"reference-call consent only from {day(7)}"),
    ],
)
def test_the_reference_call_consent_must_hold_today(consent, reason):
    record = customer_record(consents=[consent] if consent else [])
    found = customer_availability(Customer.model_validate(record, strict=False), Policy(), AS_OF)
    assert (found.state, found.reasons) == ("not-usable", (reason,))


def test_a_consent_ending_tomorrow_still_holds_and_its_end_is_known():
    found = availability(consents=[{**CALL, "expires": day(1)}])
    assert found.askable and found.consent_ends == day(1)


def test_not_usable_lists_every_reason_and_the_rest_last():
    found = availability(rating={"grade": "C", "reviewed": day(-30)}, requests=asks(-4, -3, -2, -1))
    assert found.state == "not-usable"
    assert found.reasons == ("rated C (not considered)", f"resting until {day(86)}")


def test_the_policy_sets_the_request_limit_and_review_period():
    record = customer_record(consents=[CALL], requests=asks(-20, -5))
    policy = Policy(request_limit={"count": 1, "days": 30}, rating_review_days=20)
    found = customer_availability(Customer.model_validate(record, strict=False), policy, AS_OF)
    assert found.reasons == (f"rating review was due {day(-10)}", f"resting until {day(10)}")


def test_only_blocking_findings_about_the_reference_itself_stop_a_call(project):
    project.reference(evaluation=None, review_by=day(-1))
    project.customer(consents=[])  # missing name, story, quote consents: not about a call
    report = project.review()
    assert {f.rule for f in report.findings} >= {"consent-missing", "evaluation-missing"}
    assert call_blockers(report.findings) == (
        "No post-evaluation recorded",
        f"Due for a re-check since {day(-1)}",
    )
