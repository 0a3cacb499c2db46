"""Pages per strength, technology release and own product: who benefited, who runs it.

Each lists its customers (the `TOPIC_CUSTOMERS` with most references when there are
more) and its most recent references, with a link to the catalog filtered on it for all
of them: at 10,000 references a strength has thousands, and a page listing every one
would be half a megabyte. Also the customer list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from refcat.checks.availability import Availability
from refcat.generator.internal.reference import TechnologyUse, technology_use
from refcat.generator.internal.views import (
    Link,
    Program,
    ReferenceCard,
    customer_url,
    technology_url,
)
from refcat.generator.terms import Term

TopicKind = Literal["strength", "technology", "product"]
FOLDER = {"strength": "strengths", "technology": "technologies", "product": "products"}
TOPIC_CARDS = 50  # the usable, most recent references shown; the catalog, filtered, has them all
TOPIC_CUSTOMERS = 100  # the customers shown when there are more: those with most references


@dataclass(frozen=True)
class TopicCustomer:
    customer: Link
    references: int
    availability: Availability


@dataclass(frozen=True)
class TopicPage:
    kind: TopicKind
    term: Term
    url: str
    description: str | None
    lifecycle: TechnologyUse | None  # technologies only
    successor: Link | None  # a retired product's successor
    references: tuple[ReferenceCard, ...]
    customers: tuple[TopicCustomer, ...]

    @property
    def usable(self) -> int:
        return sum(1 for c in self.references if c.status != "not-usable")

    @property
    def shown(self) -> tuple[ReferenceCard, ...]:
        return self.references[:TOPIC_CARDS]

    @property
    def shown_customers(self) -> tuple[TopicCustomer, ...]:
        """Every customer by name; past `TOPIC_CUSTOMERS`, those with most references."""
        if len(self.customers) <= TOPIC_CUSTOMERS:
            return self.customers
        ranked = sorted(self.customers, key=lambda row: -row.references)[:TOPIC_CUSTOMERS]
        return tuple(sorted(ranked, key=lambda row: row.customer.label.lower()))

    @property
    def catalog_query(self) -> str:
        """The catalog's query string that lists exactly these references."""
        return urlencode({self.kind: self.term.slug})


@dataclass(frozen=True)
class CustomerRow:
    customer: Link
    sector: str
    region: str | None
    country: str | None
    grade: str
    availability: Availability
    references: int
    published: int


def topic_url(kind: TopicKind, slug: str) -> str:
    return technology_url(slug) if kind == "technology" else f"{FOLDER[kind]}/{slug}.html"


def topics(program: Program, kind: TopicKind) -> tuple[TopicPage, ...]:
    if kind == "strength":
        terms = [Term(s, e.label) for s, e in program.strength_vocabulary.items()]
        uses: Callable[[ReferenceCard], Iterable[Term]] = lambda card: card.strengths  # noqa: E731
    elif kind == "product":
        terms = [Term(s, e.label) for s, e in program.product_vocabulary.items()]
        uses = lambda card: card.products  # noqa: E731
    else:
        found = {t.slug: t for card in program.cards.values() for t in card.technologies}
        terms = sorted(found.values(), key=lambda t: t.label.lower())
        uses = lambda card: card.technologies  # noqa: E731
    by_slug: dict[str, list[ReferenceCard]] = {t.slug: [] for t in terms}
    for card in program.cards.values():
        for used in uses(card):
            if used.slug in by_slug:
                by_slug[used.slug].append(card)
    return tuple(_topic(program, kind, t, tuple(by_slug[t.slug])) for t in terms)


def _topic(
    program: Program, kind: TopicKind, term: Term, cards: tuple[ReferenceCard, ...]
) -> TopicPage:
    description, successor = None, None
    if kind == "strength":
        description = program.strength_vocabulary[term.slug].description
    if kind == "product":
        product = program.product_vocabulary[term.slug]
        if product.retired is not None:
            description = f"Retired on {product.retired}."
        if product.successor in program.product_vocabulary:
            label = program.product_vocabulary[product.successor].label
            successor = Link(label, topic_url("product", product.successor))
    return TopicPage(
        kind=kind,
        term=term,
        url=topic_url(kind, term.slug),
        description=description,
        lifecycle=technology_use(program, term.slug) if kind == "technology" else None,
        successor=successor,
        references=cards,
        customers=_customers_of(program, cards),
    )


def _customers_of(program: Program, cards: tuple[ReferenceCard, ...]) -> tuple[TopicCustomer, ...]:
    counts: dict[str, int] = {}
    for card in cards:
        customer_id = program.catalog.references[card.id].reference.customer
        if customer_id in program.catalog.customers:
            counts[customer_id] = counts.get(customer_id, 0) + 1
    rows = [
        TopicCustomer(
            Link(program.catalog.customers[c].customer.name, customer_url(c)),
            n,
            program.availability[c],
        )
        for c, n in counts.items()
    ]
    return tuple(sorted(rows, key=lambda r: r.customer.label.lower()))


def customer_rows(program: Program) -> tuple[CustomerRow, ...]:
    rows = []
    for customer_id, record in program.catalog.customers.items():
        who, cards = record.customer, program.cards_by_customer.get(customer_id, [])
        rows.append(
            CustomerRow(
                customer=Link(who.name, customer_url(customer_id)),
                sector=program.sectors[who.sector].label if who.sector in program.sectors else "",
                region=who.region,
                country=who.country,
                grade=who.rating.grade,
                availability=program.availability[customer_id],
                references=len(cards),
                published=sum(1 for c in cards if c.status == "published"),
            )
        )
    return tuple(sorted(rows, key=lambda r: r.customer.label.lower()))
