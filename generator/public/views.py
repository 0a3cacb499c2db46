"""Public views: allow-list objects with no internal field at all.

The public templates only ever see these. A field that is not here cannot leak, so
adding one is a deliberate act: every field is something the consents allow to show.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup

from refcat.checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from refcat.checks.run import Report
from refcat.generator.build.markdown import to_html
from refcat.generator.public.figures import Figure, headline_figures
from refcat.generator.terms import Term, anonymous_label, initials, slugify, term

RELATED_LIMIT = 3


@dataclass(frozen=True)
class Facet:
    term: Term
    count: int


@dataclass(frozen=True)
class Filter:
    """One filter of the home page: URL parameter and data attribute, label, choices."""

    name: str  # industry | region | product
    label: str
    every: str  # the choice that filters nothing: "All industries"
    facets: tuple[Facet, ...]


@dataclass(frozen=True)
class PublicQuote:
    text: str
    author: str | None  # None for an anonymized reference: a name would identify it
    role: str | None


@dataclass(frozen=True)
class ReferenceLink:
    """A short pointer to another published reference ("more references")."""

    title: str
    url: str
    customer_label: str


@dataclass(frozen=True)
class PublicReference:
    id: str
    url: str
    title: str
    summary: str
    customer_label: str
    named: bool
    initials: str  # the monogram shown where there is no logo
    website: str | None
    logo_url: str | None
    industry: Term
    region: Term | None
    products: tuple[Term, ...]
    technical_strengths: tuple[Term, ...]
    commercial_strengths: tuple[Term, ...]
    benefits: tuple[str, ...]
    quote: PublicQuote | None
    story_html: Markup | None
    completed: date
    related: tuple[ReferenceLink, ...] = ()
    headline_figures: tuple[Figure, ...] = ()  # benefits that start with a number
    image_url: str | None = None  # the story image, with case-study consent, never anonymized
    image_alt: str | None = None

    @property
    def other_benefits(self) -> tuple[str, ...]:
        """The benefits not shown as headline figures: the list under them."""
        headlined = {figure.text for figure in self.headline_figures}
        return tuple(b for b in self.benefits if b.strip() not in headlined)

    @property
    def strengths(self) -> tuple[Term, ...]:
        return self.technical_strengths + self.commercial_strengths


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
    logo_files: dict[str, bytes]  # output path -> published logo, only the logos shown
    image_files: dict[str, bytes]  # output path -> published story image, only those shown
    featured: PublicReference | None = None  # the newest named reference with a quote

    @property
    def filters(self) -> tuple[Filter, ...]:
        return (
            Filter("industry", "Industry", "All industries", self.industries),
            Filter("region", "Region", "All regions", self.regions),
            Filter("product", "Product", "All products", self.products),
        )


def public_catalog(report: Report) -> PublicCatalog:
    catalog = report.catalog
    references: list[PublicReference] = []
    logo_files: dict[str, bytes] = {}
    image_files: dict[str, bytes] = {}
    taken = {f.id for f in catalog.reference_files} | set(catalog.customers)
    for record_id in sorted(report.published):
        record = catalog.references[record_id]
        customer = catalog.customers[record.reference.customer]
        logo_url = _logo_url(catalog, customer, record, report.as_of)
        if logo_url is not None and customer.logo is not None:
            logo_files[logo_url] = customer.logo.published
        public_id = _public_id(catalog, record, taken)
        taken.add(public_id)
        reference = _public_reference(report, record, customer, public_id, logo_url)
        reference = _with_image(report, record, reference, image_files)
        references.append(reference)
    references.sort(key=lambda r: (-r.completed.toordinal(), r.title))
    neighbours = Neighbours(references)
    references = [replace(r, related=neighbours.related_links(r)) for r in references]
    quoted = [r for r in references if r.quote and r.quote.author]
    return PublicCatalog(
        references=tuple(references),
        logos=_logo_wall(references),
        industries=_facets(r.industry for r in references),
        regions=_facets(r.region for r in references if r.region),
        products=_facets(p for r in references for p in r.products),
        logo_files=logo_files,
        image_files=image_files,
        featured=next((r for r in quoted if r.logo_url), quoted[0] if quoted else None),
    )


def _public_reference(
    report: Report,
    record: ReferenceRecord,
    customer: CustomerRecord,
    public_id: str,
    logo_url: str | None,
) -> PublicReference:
    catalog, as_of = report.catalog, report.as_of
    reference, who = record.reference, customer.customer
    taxonomy = catalog.taxonomy
    anonymized = catalog.anonymized(record)
    region = reference.region or who.region
    industry = reference.industry or who.sector
    strengths = taxonomy.strengths if taxonomy else {}
    story = record.body.strip() and who.has_consent("case-study", as_of)
    label = anonymous_label(catalog, customer, region) if anonymized else who.name
    return PublicReference(
        id=public_id,
        url=f"references/{public_id}/",  # a clean address: the page is its index.html
        title=reference.title,
        summary=reference.summary,
        customer_label=label,
        named=not anonymized,
        initials=initials(label),
        website=None if anonymized else who.website,
        logo_url=logo_url,
        industry=term(taxonomy.sectors if taxonomy else {}, industry),
        region=Term(slugify(region), region) if region else None,
        products=_products(taxonomy.products if taxonomy else {}, reference.products),
        technical_strengths=tuple(term(strengths, s) for s in reference.strengths.technical),
        commercial_strengths=tuple(term(strengths, s) for s in reference.strengths.commercial),
        benefits=tuple(reference.benefits),
        quote=_quote(record, customer, anonymized, as_of),
        story_html=to_html(record.body) if story else None,
        completed=reference.completed,
        headline_figures=headline_figures(reference.benefits),
    )


def _with_image(
    report: Report, record: ReferenceRecord, reference: PublicReference, files: dict[str, bytes]
) -> PublicReference:
    """The story image, published under the page's own id (`images/<public id>.<ext>`)
    only with a valid case-study consent and never anonymized: a photo of a plant or a
    team can say whose it is as plainly as a name."""
    image, written = record.image, record.reference.image
    if image is None or written is None or not reference.named:
        return reference
    customer = report.catalog.customers[record.reference.customer].customer
    if not customer.has_consent("case-study", report.as_of):
        return reference
    url = f"images/{reference.id}{image.suffix}"
    files[url] = image.published
    return replace(reference, image_url=url, image_alt=written.alt.strip())


def page_file(url: str) -> str:
    """The file a page's address is served from: `references/x/` is `references/x/index.html`."""
    return f"{url}index.html" if url.endswith("/") else url


def _public_id(catalog: Catalog, record: ReferenceRecord, taken: set[str]) -> str:
    """The id in the page's address and markup: the record's id, except when anonymized.

    A reference id usually starts with its customer's (`harbourview-fund-data-hub`), so
    an anonymized reference is addressed by its public title instead, kept unique.
    """
    if not catalog.anonymized(record):
        return record.id
    base = slugify(record.reference.title)[:60].rstrip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class Neighbours:
    """Published references by customer, industry and product, each newest first.

    Built once, so that finding each reference's related ones reads a few short lists
    instead of every published reference (quadratic at thousands of references).
    """

    def __init__(self, references: list[PublicReference]) -> None:
        self.position = {r.id: index for index, r in enumerate(references)}
        self.by_customer: dict[str, list[PublicReference]] = defaultdict(list)
        self.by_industry: dict[Term, list[PublicReference]] = defaultdict(list)
        self.by_product: dict[Term, list[PublicReference]] = defaultdict(list)
        for r in references:
            if r.named:
                self.by_customer[r.customer_label].append(r)
            self.by_industry[r.industry].append(r)
            for product in dict.fromkeys(r.products):
                self.by_product[product].append(r)

    def related_links(self, reference: PublicReference) -> tuple[ReferenceLink, ...]:
        """Other published references: the same customer's, then the same industry's,
        then those with a product in common (newest first within each group)."""
        same_product = heapq.merge(
            *(self.by_product.get(p, ()) for p in dict.fromkeys(reference.products)),
            key=lambda r: self.position[r.id],
        )
        groups = (
            self.by_customer.get(reference.customer_label, ()),
            self.by_industry.get(reference.industry, ()),
            same_product,
        )
        chosen: dict[str, PublicReference] = {}
        for r in itertools.chain.from_iterable(groups):
            if len(chosen) == RELATED_LIMIT:
                break
            if r.id != reference.id:
                chosen.setdefault(r.id, r)
        return tuple(ReferenceLink(r.title, r.url, r.customer_label) for r in chosen.values())


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
    if catalog.anonymized(record) or customer.logo is None:
        return None
    if not customer.customer.has_consent("logo", as_of):
        return None
    return f"logos/{customer.customer.id}{customer.logo.suffix}"  # the suffix of its content


def _logo_wall(references: list[PublicReference]) -> tuple[LogoTile, ...]:
    tiles: dict[str, LogoTile] = {}
    for reference in references:
        if reference.logo_url and reference.logo_url not in tiles:
            tiles[reference.logo_url] = LogoTile(
                reference.customer_label, reference.logo_url, reference.url
            )
    return tuple(sorted(tiles.values(), key=lambda tile: tile.name.lower()))


def _products(vocabulary: dict, slugs: list[str]) -> tuple[Term, ...]:
    """Products with a short label: without the brand word every product label starts with."""
    labels = [entry.label for entry in vocabulary.values()]
    first_words = {label.split(" ", 1)[0] for label in labels if " " in label}
    brand = next(iter(first_words)) + " " if len(first_words) == 1 and len(labels) > 1 else ""
    terms = (term(vocabulary, s) for s in slugs)
    return tuple(replace(t, short=t.label.removeprefix(brand) if brand else "") for t in terms)


def _facets(terms: Iterable[Term | None]) -> tuple[Facet, ...]:
    """Each term with how many references carry it; one facet per slug, by label."""
    counts: Counter[str] = Counter()
    first: dict[str, Term] = {}
    for t in terms:
        if t is not None:
            counts[t.slug] += 1
            first.setdefault(t.slug, t)
    ordered = sorted(first.values(), key=lambda t: (t.label.lower(), t.slug))
    return tuple(Facet(t, counts[t.slug]) for t in ordered)
