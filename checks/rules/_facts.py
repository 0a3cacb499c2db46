"""Small constructors for the facts rules yield, so each rule reads as its condition."""

from __future__ import annotations

from collections.abc import Iterable

from checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from checks.finding import Fact


def about_reference(
    record: ReferenceRecord, loc: tuple[str | int, ...], message: str, hint: str
) -> Fact:
    line = record.source.line(*loc) if loc else 1
    return Fact(record.source.path, line, record.id, (record.id,), message, hint)


def about_customer(
    customer: CustomerRecord,
    references: Iterable[ReferenceRecord],
    loc: tuple[str | int, ...],
    message: str,
    hint: str,
) -> Fact:
    line = customer.source.line(*loc) if loc else 1
    refs = tuple(sorted(r.id for r in references))
    return Fact(customer.source.path, line, customer.customer.id, refs, message, hint)


def customers_with_references(
    catalog: Catalog,
) -> Iterable[tuple[CustomerRecord, list[ReferenceRecord]]]:
    """Each loaded customer with its references; customers without any are skipped."""
    by_customer: dict[str, list[ReferenceRecord]] = {}
    for record in catalog.references.values():
        by_customer.setdefault(record.reference.customer, []).append(record)
    for customer_id, customer in catalog.customers.items():
        if customer_id in by_customer:
            yield customer, by_customer[customer_id]
