"""Small constructors for the facts about a record, so each rule reads as its condition
and the worklist finds lines the same way."""

from __future__ import annotations

from collections.abc import Iterable

from refcat.checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from refcat.checks.finding import Fact


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
    for customer_id, customer in catalog.customers.items():
        references = catalog.references_of(customer_id)
        if references:
            yield customer, references
