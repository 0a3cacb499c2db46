"""A sector, strength or product that is not in the taxonomy.

What it finds: a customer's `sector`, or a reference's `industry`, `products` or
`strengths`, that is not defined in `content/taxonomy.yaml`; a product `successor`
that is not a product either.

Why it matters: filters and pages are built from the controlled vocabularies; a
misspelled slug hides the reference from the sales rep filtering for it.

Example:
    strengths: {technical: [zero-downtime-migraton]}

Fix: correct the slug, or add the entry to `content/taxonomy.yaml`.
"""

import difflib
from collections.abc import Iterable, Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, about_reference
from refcat.checks.finding import Fact
from refcat.checks.models import Reference, Taxonomy
from refcat.checks.policy import Policy

NAME = "unknown-taxonomy"
KIND = "structural"
LABEL = "Unknown taxonomy"
ABOUT = "file"


_Use = tuple[tuple[str | int, ...], str, str, Iterable[str]]  # where, what, slug, known ones


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    taxonomy = catalog.taxonomy
    if taxonomy is None:  # taxonomy.yaml itself is broken and reported
        return
    yield from _sectors(catalog, taxonomy)
    for record in catalog.references.values():
        for loc, what, slug, known in _uses(record.reference, taxonomy):
            if slug not in known:
                yield about_reference(record, loc, *_unknown(what, slug, known))
    yield from _successors(catalog, taxonomy)


def _sectors(catalog: Catalog, taxonomy: Taxonomy) -> Iterator[Fact]:
    for customer in catalog.customers.values():
        sector = customer.customer.sector
        if sector not in taxonomy.sectors:
            message, hint = _unknown("sector", sector, taxonomy.sectors)
            refs = catalog.references_of(customer.customer.id)
            yield about_customer(customer, refs, ("sector",), message, hint)


def _uses(reference: Reference, taxonomy: Taxonomy) -> list[_Use]:
    """Every slug the reference takes from the taxonomy, with where it is written."""
    used: list[_Use] = []
    if reference.industry is not None:
        used.append((("industry",), "sector", reference.industry, taxonomy.sectors))
    used += [
        (("products", i), "product", s, taxonomy.products) for i, s in enumerate(reference.products)
    ]
    for kind in ("technical", "commercial"):
        slugs = getattr(reference.strengths, kind)
        used += [
            (("strengths", kind, i), "strength", s, taxonomy.strengths) for i, s in enumerate(slugs)
        ]
    return used


def _successors(catalog: Catalog, taxonomy: Taxonomy) -> Iterator[Fact]:
    source = catalog.taxonomy_source
    for slug, product in taxonomy.products.items():
        if source and product.successor and product.successor not in taxonomy.products:
            message, hint = _unknown("product", product.successor, taxonomy.products)
            line = source.line("products", slug, "successor")
            yield Fact(source.path, line, "taxonomy", (), message, hint)


def _unknown(what: str, slug: str, known: Iterable[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(slug, list(known), n=1)
    hint = f"Did you mean '{close[0]}'?" if close else f"Add the {what} to content/taxonomy.yaml"
    return f"Unknown {what} '{slug}'", hint
