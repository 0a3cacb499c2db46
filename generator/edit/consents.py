"""`consent renew` and `consent withdraw`: a customer's consents, with their history.

Renewing never rewrites the old consent: the renewal is a new entry after the last
one of its scope, so the file shows when each agreement held. Withdrawing sets
`withdrawn` on every consent of the scope that still holds, or will, on that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import get_args

from refcat.checks.catalog import CustomerRecord
from refcat.checks.models import Consent, Customer, Scope
from refcat.generator.edit.fields import append_entry, entry, list_of, order_of, put
from refcat.generator.edit.roundtrip import EditError
from refcat.generator.edit.session import Target

SCOPES: tuple[str, ...] = get_args(Scope)


@dataclass(frozen=True)
class Renewal:
    scope: str
    until: date
    by: str
    granted: date | None = None  # default today
    evidence: str | None = None


def check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise EditError(f"unknown scope '{scope}'; scopes: {', '.join(SCOPES)}")


def renew(target: Target, renewal: Renewal, today: date) -> str:
    check_scope(renewal.scope)
    customer = _customer(target)
    granted = renewal.granted or today
    if renewal.until <= granted:
        raise EditError(f"--until {renewal.until} is not after the grant on {granted}")
    values = {
        "scope": renewal.scope,
        "granted": granted,
        "expires": renewal.until,
        "by": renewal.by,
        "evidence": renewal.evidence,
    }
    earlier = [index for index, _ in customer.consents_of(renewal.scope)]
    consents = list_of(target.editable.data, "consents", order_of(Customer))
    append_entry(consents, entry(values, order_of(Consent)), earlier[-1] if earlier else None)
    kept = ""
    if earlier:
        kept = (
            "; the earlier one stays"
            if len(earlier) == 1
            else f"; the {len(earlier)} earlier ones stay"
        )
    return (
        f"Recorded a {renewal.scope} consent of {customer.id} "
        f"from {granted} until {renewal.until}{kept}."
    )


def withdraw(target: Target, scope: str, day: date) -> str:
    check_scope(scope)
    customer = _customer(target)
    holding = [i for i, c in customer.consents_of(scope) if c.ends is None or day < c.ends]
    if not holding:
        raise EditError(f"{customer.id} has no {scope} consent holding on {day} to withdraw")
    for index in holding:
        put(target.editable.data["consents"][index], "withdrawn", day, order_of(Consent))
    return f"Withdrew the {scope} consent of {customer.id} on {day}."


def _customer(target: Target) -> Customer:
    if not isinstance(target.record, CustomerRecord):
        raise EditError("consents belong to customers")
    return target.record.customer
