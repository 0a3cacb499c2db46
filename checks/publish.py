"""Who is published: wanted public, and no error finding applies to it or its customer.

Findings about a customer list every reference of that customer, so one set of
blocked references covers both.
"""

from __future__ import annotations

from collections.abc import Iterable

from refcat.checks.catalog import Catalog
from refcat.checks.finding import Finding


def published_references(catalog: Catalog, findings: Iterable[Finding]) -> frozenset[str]:
    blocked = {ref for f in findings if f.severity == "error" for ref in f.references}
    return frozenset(
        record.id
        for record, _customer in catalog.pairs()
        if record.reference.publish == "public" and record.id not in blocked
    )
