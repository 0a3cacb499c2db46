"""Pages per strength, technology release and own product: who benefited, who runs it.

Also the lists that lead to them, the customer list, and the findings by rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from checks.finding import Finding
from checks.rules import RULES
from generator.availability import Availability
from generator.internal_views import (
    Link,
    Program,
    ReferenceCard,
    TechnologyUse,
    customer_url,
    reference_url,
    technology_url,
)
from generator.views import Term

TopicKind = Literal["strength", "technology", "product"]
FOLDER = {"strength": "strengths", "technology": "technologies", "product": "products"}


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


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    record: Link | None  # the page of the record it is about, when there is one
    references: tuple[Link, ...]


@dataclass(frozen=True)
class RuleGroup:
    rule: str
    summary: str  # the first line of the rule's documentation
    rows: tuple[FindingRow, ...]

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.finding.severity == "error")


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
        lifecycle=program.technology_use(term.slug) if kind == "technology" else None,
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


def finding_groups(program: Program) -> tuple[RuleGroup, ...]:
    catalog = program.catalog
    customer_paths = {r.source.path: cid for cid, r in catalog.customers.items()}
    reference_paths = {r.source.path: rid for rid, r in catalog.references.items()}
    grouped: dict[str, list[FindingRow]] = {}
    for finding in program.report.findings:
        if finding.path in customer_paths:
            customer = catalog.customers[customer_paths[finding.path]].customer
            record: Link | None = Link(customer.name, customer_url(customer.id))
        elif finding.path in reference_paths:
            record = Link(finding.record, reference_url(reference_paths[finding.path]))
        else:
            record = None
        links = tuple(
            Link(program.cards[r].title, reference_url(r))
            for r in finding.references
            if r in program.cards
        )
        grouped.setdefault(finding.rule, []).append(FindingRow(finding, record, links))
    return tuple(
        RuleGroup(rule.NAME, _summary(rule.__doc__), tuple(grouped[rule.NAME]))
        for rule in RULES
        if rule.NAME in grouped
    )


def _summary(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if doc else ""
