"""May this customer be asked for a reference call now, and if not, why not.

A rep's first question about a referee. The answer is computed from the records and
the policy on the report's as-of date, never from the clock:

- not usable: churned, a grade other than A or 2, a rating review overdue, an
  unresolved blocking reputation entry, or no valid `reference-call` consent;
- resting: asked more than `request_limit.count` times in `request_limit.days` days;
- available otherwise.

A reference adds its own reasons (too old, end-of-life technology, retired product,
no positive evaluation, nothing to tell): `call_blockers` picks them from the findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from refcat.checks.consent import ScopeStatus, scope_status
from refcat.checks.finding import Finding
from refcat.checks.models import Customer
from refcat.checks.policy import Policy
from refcat.checks.rules import RULES

AvailabilityState = Literal["available", "resting", "not-usable"]
CALL_SCOPE = "reference-call"

GRADE_MEANING = {
    "A": "win actively as referrer",
    "1": "a candidate, not yet won",
    "B": "under observation",
    "2": "observed, has agreed",
    "C": "not considered",
    "D": "not eligible",
}
GRADES = tuple(GRADE_MEANING)

# The rules about the reference itself that make it a poor story for a prospect, and
# the structural ones; the customer's own rules are answered by `customer_availability`,
# and consent to publish (name, story, quote, logo) does not matter for a call. A
# warning the policy turns into an error still does not argue against a call.
REFERENCE_RULES = frozenset(
    rule.NAME for rule in RULES if rule.ABOUT in ("reference", "file") and rule.KIND != "warning"
)


@dataclass(frozen=True)
class Availability:
    state: AvailabilityState
    reasons: tuple[str, ...]  # why the customer cannot be asked; a resting note comes last
    resting_until: date | None = None
    consent_ends: date | None = None  # when the valid reference-call consent ends, if ever

    @property
    def label(self) -> str:
        if self.state == "available":
            return "available"
        if self.state == "resting" and self.resting_until is not None:
            return f"resting until {self.resting_until.isoformat()}"
        return "not usable: " + "; ".join(self.reasons)

    @property
    def askable(self) -> bool:
        return self.state == "available"


def customer_availability(customer: Customer, policy: Policy, as_of: date) -> Availability:
    reasons = [*_blocking_reasons(customer, policy, as_of)]
    call = scope_status(customer, CALL_SCOPE, as_of)
    if call.state != "valid":
        reasons.append(_consent_reason(customer, call, as_of))
    limit = policy.request_limit
    until = customer.resting_until(as_of, limit.count, limit.days)
    consent_ends = call.consent.ends if call.state == "valid" and call.consent else None
    if reasons:
        if until is not None:
            reasons.append(f"resting until {until.isoformat()}")
        return Availability("not-usable", tuple(reasons), until, consent_ends)
    if until is not None:
        return Availability("resting", (f"resting until {until.isoformat()}",), until, consent_ends)
    return Availability("available", (), None, consent_ends)


def _blocking_reasons(customer: Customer, policy: Policy, as_of: date) -> Iterable[str]:
    status = customer.status
    if status.churned_on(as_of):
        yield f"no longer a customer since {status.since}" if status.since else "churned"
    rating = customer.rating
    if not rating.usable:
        yield f"rated {rating.grade} ({GRADE_MEANING[rating.grade]})"
    if rating.overdue_on(as_of, policy.rating_review_days):
        yield f"rating review was due {rating.review_due(policy.rating_review_days)}"
    for entry in customer.reputation:
        if entry.blocks_on(as_of):
            yield f"unresolved reputation issue since {entry.date}"


def _consent_reason(customer: Customer, call: ScopeStatus, as_of: date) -> str:
    consent = call.consent
    if call.state == "lapsed" and consent is not None:
        if consent.withdrawn is not None and consent.withdrawn == consent.ends:
            return f"reference-call consent withdrawn {consent.withdrawn}"
        return f"reference-call consent expired {consent.ends}"
    later = sorted(c.granted for _, c in customer.consents_of(CALL_SCOPE) if c.granted > as_of)
    if later:
        return f"reference-call consent only from {later[0]}"
    return "no reference-call consent"


def call_blockers(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Why a reference is a poor story for a call, from its blocking reference findings."""
    return tuple(
        dict.fromkeys(f.message for f in findings if f.blocking and f.rule in REFERENCE_RULES)
    )
