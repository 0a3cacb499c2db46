"""`request add` and `request close`: the log of reference requests on a customer.

An ask is refused when the customer may not be asked on its day, for the reasons
find-a-referee gives (grade, rating review, reputation, churn, consent, resting),
unless it is forced with a reason, which the entry keeps. Closing records the outcome
and `closed`; `date` stays the day of the ask, which the resting rule counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from refcat.checks.availability import CALL_SCOPE, call_blockers, customer_availability
from refcat.checks.catalog import CustomerRecord
from refcat.checks.models import Consent, Customer, Request
from refcat.checks.policy import Policy
from refcat.checks.run import review
from refcat.generator.edit.consents import check_scope
from refcat.generator.edit.fields import append_entry, entry, list_of, order_of, put
from refcat.generator.edit.roundtrip import EditError, Refused
from refcat.generator.edit.session import Target

OUTCOMES = ("done", "declined", "won", "lost")


@dataclass(frozen=True)
class Ask:
    kind: str
    prospect: str
    by: str | None = None
    day: date | None = None  # the day of the ask; default today
    reference: str | None = None  # the reference the prospect was shown
    force: bool = False
    reason: str | None = None  # why the customer is asked although it may not be


@dataclass(frozen=True)
class Closing:
    prospect: str
    outcome: str
    value: float | None = None
    closed: date | None = None  # default today


def add(target: Target, ask: Ask, today: date) -> str:
    if ask.force != (ask.reason is not None) or (ask.reason is not None and not ask.reason.strip()):
        raise EditError("--force and --reason TEXT go together: say why the customer is asked")
    check_scope(ask.kind)
    customer = _customer(target)
    day = ask.day or today
    reasons = refusals(customer, target.policy, ask.kind, day)
    if ask.reference is not None:
        reasons += _reference_blockers(target, customer, ask.reference, day)
    if reasons and not ask.force:
        raise Refused(
            f"{customer.id} may not be asked on {day}: {'; '.join(reasons)}; nothing written "
            "(--force --reason TEXT asks anyway)"
        )
    values = {
        "date": day,
        "kind": ask.kind,
        "by": ask.by,
        "prospect": ask.prospect,
        "reference": ask.reference,
        "reason": ask.reason,
    }
    requests = list_of(target.editable.data, "requests", order_of(Customer))
    append_entry(requests, entry(values, order_of(Request)))
    forced = f" although: {'; '.join(reasons)}" if reasons else ""
    return f"Recorded a {ask.kind} request of {customer.id} for {ask.prospect} on {day}{forced}."


def refusals(customer: Customer, policy: Policy, kind: str, day: date) -> list[str]:
    """Why the customer may not be asked for `kind` on `day`: none when it may."""
    if kind == CALL_SCOPE:
        return list(customer_availability(customer, policy, day).reasons)
    # Another kind needs its own consent in place of the call consent; the rest
    # (grade, review, reputation, churn, resting) is the referee's, as find-a-referee says.
    standing = Consent(scope=CALL_SCOPE, granted=date.min)
    as_if = customer.model_copy(update={"consents": [*customer.consents, standing]})
    reasons = list(customer_availability(as_if, policy, day).reasons)
    if not customer.has_consent(kind, day):
        reasons.insert(0, f"no valid {kind} consent on {day}")
    return reasons


def _reference_blockers(
    target: Target, customer: Customer, reference_id: str, day: date
) -> list[str]:
    record = target.catalog.references.get(reference_id)
    if record is None:
        raise EditError(f"unknown reference '{reference_id}'")
    if record.reference.customer != customer.id:
        raise EditError(f"the reference '{reference_id}' is not one of {customer.id}'s")
    report = review(target.catalog, target.policy, day)
    return [f"{reference_id}: {why}" for why in call_blockers(report.findings_for(reference_id))]


def close(target: Target, closing: Closing, today: date) -> str:
    if closing.outcome not in OUTCOMES:
        raise EditError(f"outcome '{closing.outcome}': give one of {', '.join(OUTCOMES)}")
    if closing.value is not None and not (math.isfinite(closing.value) and closing.value >= 0):
        raise EditError(f"--value {closing.value}: give an amount of 0 or more")
    customer = _customer(target)
    index = _pending(customer, closing.prospect)
    request = customer.requests[index]
    closed = closing.closed or today
    if closed < request.date:
        raise EditError(f"--closed {closed} is before the ask on {request.date}")
    written = target.editable.data["requests"][index]
    order = order_of(Request)
    put(written, "outcome", closing.outcome, order)
    if closing.value is not None:
        put(written, "value", _number(closing.value), order)
    put(written, "closed", closed, order)
    return (
        f"Closed the {request.kind} request of {customer.id} for {request.prospect} "
        f"(asked {request.date}): {closing.outcome} on {closed}."
    )


def _pending(customer: Customer, prospect: str) -> int:
    """The latest pending request for this prospect (the name compared ignoring case)."""
    wanted = prospect.strip().casefold()
    pending = [(r.date, i) for i, r in enumerate(customer.requests) if r.outcome == "pending"]
    matching = [
        (day, i) for day, i in pending if (customer.requests[i].prospect or "").casefold() == wanted
    ]
    if matching:
        return max(matching)[1]
    names = sorted({customer.requests[i].prospect or "(no prospect)" for _, i in pending})
    known = f"; pending: {', '.join(names)}" if names else "; it has no pending request"
    raise EditError(f"{customer.id} has no pending request for '{prospect}'{known}")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _customer(target: Target) -> Customer:
    if not isinstance(target.record, CustomerRecord):
        raise EditError("requests belong to customers")
    return target.record.customer
