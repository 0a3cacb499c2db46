"""Public views: allow-list objects with no internal field at all.

The public templates only ever see these. A field that is not here cannot leak, so
adding one is a deliberate act: every field is something the consents allow to show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from checks.run import Report
from generator.markdown import to_html


@dataclass(frozen=True)
class Term:
    """A vocabulary entry: its slug (for filters and URLs) and its label."""

    slug: str
    label: str


@dataclass(frozen=True)
class Facet:
    term: Term
    count: int


@dataclass(frozen=True)
class PublicQuote:
    text: str
    author: str | None  # None for an anonymized reference: a name would identify it
    role: str | None


@dataclass(frozen=True)
class PublicReference:
    id: str
    url: str
    title: str
    summary: str
    customer_label: str
    named: bool
    website: str | None
    logo_url: str | None
    industry: Term
    region: str | None
    products: tuple[Term, ...]
    strengths: tuple[Term, ...]
    benefits: tuple[str, ...]
    quote: PublicQuote | None
    story_html: Markup | None
    completed: date


@dataclass(frozen=True)
class LogoTile:
    name: str
    logo_url: str
    reference_url: str


@dataclass(frozen=True)
class PublicCatalog:
    references: tuple[PublicReference, ...]
    logos: tuple[LogoTile, ...]
    industries: tuple[Facet, ...]
    regions: tuple[Facet, ...]
    products: tuple[Facet, ...]
    logo_files: dict[str, Path]  # output path -> logo file, only the logos shown


def public_catalog(report: Report) -> PublicCatalog:
    catalog = report.catalog
    references: list[PublicReference] = []
    logo_files: dict[str, Path] = {}
    for record_id in sorted(report.published):
        record = catalog.references[record_id]
        customer = catalog.customers[record.reference.customer]
        logo_url = _logo_url(catalog, customer, record, report.as_of)
        if logo_url is not None and customer.logo_file is not None:
            logo_files[logo_url] = customer.logo_file
        references.append(_public_reference(catalog, record, customer, logo_url, report.as_of))
    references.sort(key=lambda r: (-r.completed.toordinal(), r.title))
    return PublicCatalog(
        references=tuple(references),
        logos=_logo_wall(references),
        industries=_facets(r.industry for r in references),
        regions=_facets(Term(r.region, r.region) for r in references if r.region),
        products=_facets(p for r in references for p in r.products),
        logo_files=logo_files,
    )


def _public_reference(
    catalog: Catalog,
    record: ReferenceRecord,
    customer: CustomerRecord,
    logo_url: str | None,
    as_of: date,
) -> PublicReference:
    reference, who = record.reference, customer.customer
    taxonomy = catalog.taxonomy
    anonymized = catalog.anonymized(record)
    region = reference.region or who.region
    industry = reference.industry or who.sector
    story = record.body.strip() and who.has_consent("case-study", as_of)
    return PublicReference(
        id=reference.id,
        url=f"references/{reference.id}.html",
        title=reference.title,
        summary=reference.summary,
        customer_label=anonymous_label(catalog, customer, region) if anonymized else who.name,
        named=not anonymized,
        website=None if anonymized else who.website,
        logo_url=logo_url,
        industry=term(taxonomy.sectors if taxonomy else {}, industry),
        region=region,
        products=tuple(term(taxonomy.products if taxonomy else {}, s) for s in reference.products),
        strengths=tuple(
            term(taxonomy.strengths if taxonomy else {}, s) for s in reference.strengths.all()
        ),
        benefits=tuple(reference.benefits),
        quote=_quote(record, customer, anonymized, as_of),
        story_html=to_html(record.body) if story else None,
        completed=reference.completed,
    )


def anonymous_label(catalog: Catalog, customer: CustomerRecord, region: str | None) -> str:
    """'<sector label> in <region>', or the sector label alone."""
    sectors = catalog.taxonomy.sectors if catalog.taxonomy else {}
    sector = term(sectors, customer.customer.sector).label
    return f"{sector} in {region}" if region else sector


def _quote(
    record: ReferenceRecord, customer: CustomerRecord, anonymized: bool, as_of: date
) -> PublicQuote | None:
    quote = record.reference.quote
    if quote is None or quote.approved is None or quote.approved > as_of:
        return None
    if not customer.customer.has_consent("quote", as_of):
        return None
    return PublicQuote(quote.text, None if anonymized else quote.author, quote.role)


def _logo_url(
    catalog: Catalog, customer: CustomerRecord, record: ReferenceRecord, as_of: date
) -> str | None:
    if catalog.anonymized(record) or customer.logo_file is None:
        return None
    if not customer.customer.has_consent("logo", as_of):
        return None
    return f"logos/{customer.customer.id}{customer.logo_file.suffix.lower()}"


def _logo_wall(references: list[PublicReference]) -> tuple[LogoTile, ...]:
    tiles: dict[str, LogoTile] = {}
    for reference in references:
        if reference.logo_url and reference.logo_url not in tiles:
            tiles[reference.logo_url] = LogoTile(
                reference.customer_label, reference.logo_url, reference.url
            )
    return tuple(sorted(tiles.values(), key=lambda tile: tile.name.lower()))


def term(vocabulary: dict, slug: str) -> Term:
    entry = vocabulary.get(slug)
    return Term(slug, entry.label if entry is not None else slug)


def _facets(terms) -> tuple[Facet, ...]:
    counts = Counter(terms)
    return tuple(
        Facet(t, n) for t, n in sorted(counts.items(), key=lambda item: item[0].label.lower())
    )
