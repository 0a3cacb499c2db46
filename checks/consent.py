"""Which consents a reference needs, and where each scope stands on a day.

Shared by the consent rules and by the catalogs (what may be shown, who may be called).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from refcat.checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from refcat.checks.models import Consent, Customer

State = Literal["valid", "lapsed", "missing"]


@dataclass(frozen=True)
class ScopeStatus:
    """Where one consent scope stands on a day; `index` points into `consents`."""

    state: State
    index: int | None = None
    consent: Consent | None = None


def scope_status(customer: Customer, scope: str, day: date) -> ScopeStatus:
    """Valid if any consent holds; lapsed if one held before and ended; else missing."""
    consents = customer.consents_of(scope)
    valid = [(i, c) for i, c in consents if c.valid_on(day)]
    if valid:
        index, consent = max(valid, key=lambda item: item[1].ends or date.max)
        return ScopeStatus("valid", index, consent)
    lapsed = [(i, c) for i, c in consents if c.lapsed_by(day)]
    if lapsed:
        index, consent = max(lapsed, key=lambda item: item[1].ends or date.max)
        return ScopeStatus("lapsed", index, consent)
    return ScopeStatus("missing")


def scopes_used(catalog: Catalog, customer: CustomerRecord, record: ReferenceRecord) -> list[str]:
    """The consent scopes a reference needs when it is published."""
    anonymized = catalog.anonymized(record)
    scopes = []
    if not anonymized:
        scopes.append("name")
    if anonymized or record.body.strip():
        scopes.append("case-study")
    if record.reference.quote is not None:
        scopes.append("quote")
    if shows_logo_when_public(catalog, customer, record):
        scopes.append("logo")
    return scopes


def shows_logo_when_public(
    catalog: Catalog, customer: CustomerRecord, record: ReferenceRecord
) -> bool:
    """A logo is in use for a named public reference of a customer that has one."""
    return (
        customer.customer.logo is not None
        and record.reference.publish == "public"
        and not catalog.anonymized(record)
    )


def uses_by_scope(
    catalog: Catalog, customer: CustomerRecord, references: list[ReferenceRecord]
) -> dict[str, list[ReferenceRecord]]:
    uses: dict[str, list[ReferenceRecord]] = {}
    for record in references:
        for scope in scopes_used(catalog, customer, record):
            uses.setdefault(scope, []).append(record)
    return uses


def label(scope: str) -> str:
    return scope.replace("-", " ").capitalize()


@dataclass(frozen=True)
class ScopeInUse:
    """One consent scope a customer's references use, and where it stands on the day."""

    customer: CustomerRecord
    scope: str
    users: tuple[ReferenceRecord, ...]
    status: ScopeStatus


@lru_cache(maxsize=4)
def scopes_in_use(catalog: Catalog, day: date) -> tuple[ScopeInUse, ...]:
    """Every scope in use, customer by customer: worked out once for the three consent rules."""
    found = []
    for customer_id, customer in catalog.customers.items():
        references = catalog.references_of(customer_id)
        for scope, users in uses_by_scope(catalog, customer, references).items():
            status = scope_status(customer.customer, scope, day)
            found.append(ScopeInUse(customer, scope, tuple(users), status))
    return tuple(found)
