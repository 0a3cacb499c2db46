"""Facets of the internal catalog and the compact index the browser filters on.

The catalog's first page of cards is rendered on the server; everything after that
(filters that combine, facet counts, pages, find-a-referee) runs in internal.js from
`data/references.json`, fetched only when a rep filters, searches or asks for a
referee. Within a facet the values picked are alternatives (OR); facets combine (AND).
Each reference lists its values as indices into the facet's value list, to keep the
file small at 10,000 references.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from checks.availability import GRADE_MEANING, GRADES
from generator.internal.customers import FORMS
from generator.internal.finder import WEIGHTS, RefereeEntry
from generator.internal.views import REASON_LABEL, STATUS_LABEL, ReferenceCard, reason_label
from generator.terms import Term

PAGE_SIZE = 50
FACETS = (
    ("status", "Status"),
    ("reason", "Why not usable"),
    ("availability", "Availability"),
    ("industry", "Industry"),
    ("region", "Region"),
    ("country", "Country"),
    ("product", "Product"),
    ("technology", "Technology"),
    ("strength", "Strength"),
    ("grade", "Grade"),
    ("form", "Intensity form"),
    ("year", "Completed"),
)
OPEN_FACETS = frozenset({"status", "availability", "industry", "region", "product"})
AVAILABILITY_LABEL = {
    "available": "Available now",
    "resting": "Resting",
    "not-usable": "Not usable",
}
FIXED_ORDER = {
    "status": tuple(STATUS_LABEL),
    "availability": tuple(AVAILABILITY_LABEL),
    "reason": tuple(REASON_LABEL),
    "grade": GRADES,
    "form": tuple(FORMS),
}


@dataclass(frozen=True)
class FacetValue:
    term: Term
    count: int


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[FacetValue, ...]

    @property
    def open(self) -> bool:
        """Shown unfolded in the catalog's sidebar."""
        return self.key in OPEN_FACETS


def facet_terms(card: ReferenceCard, key: str) -> tuple[Term, ...]:
    """The values a reference has in one facet, each once."""
    return tuple(dict.fromkeys(_terms(card, key)))


def _terms(card: ReferenceCard, key: str) -> tuple[Term, ...]:
    if key == "status":
        return (Term(card.status, card.status_label),)
    if key == "reason":
        return tuple(Term(rule, reason_label(rule)) for rule in card.reason_rules)
    if key == "availability":
        state = card.availability.state
        return (Term(state, AVAILABILITY_LABEL[state]),)
    if key == "industry":
        return (card.industry,) if card.industry.slug else ()
    if key in ("region", "country"):
        value = card.region if key == "region" else card.country
        return (Term(value, value),) if value else ()
    if key == "grade":
        grade = card.grade
        return (Term(grade, f"{grade} · {GRADE_MEANING[grade]}"),) if grade else ()
    if key == "form":
        return tuple(Term(f, FORMS[f][0]) for f in card.forms)
    if key == "year":
        return (Term(str(card.completed.year), str(card.completed.year)),)
    return {"product": card.products, "technology": card.technologies, "strength": card.strengths}[
        key
    ]


def facets(cards: Iterable[ReferenceCard]) -> tuple[Facet, ...]:
    """Every facet with every value that occurs, and how many references have it."""
    cards = list(cards)
    result = []
    for key, label in FACETS:
        counts: Counter[Term] = Counter(t for card in cards for t in facet_terms(card, key))
        result.append(
            Facet(key, label, tuple(FacetValue(t, counts[t]) for t in _ordered(key, counts)))
        )
    return tuple(result)


def _ordered(key: str, counts: Counter[Term]) -> list[Term]:
    if key in FIXED_ORDER:
        order = {slug: index for index, slug in enumerate(FIXED_ORDER[key])}
        return sorted(counts, key=lambda t: order.get(t.slug, len(order)))
    if key == "year":
        return sorted(counts, key=lambda t: t.slug, reverse=True)
    return sorted(counts, key=lambda t: (t.label.lower(), t.slug))


def index_json(as_of: date, facet_list: tuple[Facet, ...], entries: Iterable[RefereeEntry]) -> str:
    """`data/references.json`: facets, finder weights, customers, and a row per reference.

    A row is `[id, title, summary, customer, completed, availability, why, facets, askable,
    blockers, merits]`: `customer` indexes `customers` (`[name, url, [referee]]`, -1 when
    the customer does not load); `availability`, `why`, `blockers`, `referee` and merit
    labels index `texts`, which holds each repeated sentence once; `facets` lists, per
    facet, the indices of the reference's values. Status, industry, region, country,
    year and products are read from the facet values, not repeated.
    """
    positions = {
        facet.key: {value.term.slug: i for i, value in enumerate(facet.values)}
        for facet in facet_list
    }
    texts: dict[str, int] = {}
    customers: dict[str, int] = {}
    customer_rows: list[list[object]] = []
    rows = []
    for entry in entries:
        card = entry.card
        customer = -1
        if card.customer is not None:
            if card.customer.url not in customers:
                customers[card.customer.url] = len(customer_rows)
                referees = [_text(texts, line) for line in entry.referees]
                customer_rows.append([card.customer.label, card.customer.url, referees])
            customer = customers[card.customer.url]
        rows.append(
            [
                card.id,
                card.title,
                card.summary,
                customer,
                card.completed.isoformat(),
                _text(texts, card.availability.label),
                [_text(texts, reason) for reason in card.reasons],
                [[positions[f.key][t.slug] for t in facet_terms(card, f.key)] for f in facet_list],
                1 if entry.askable else 0,
                [_text(texts, blocker) for blocker in entry.blockers],
                [[_text(texts, m.label), m.points] for m in entry.merits],
            ]
        )
    document = {
        "as_of": as_of.isoformat(),
        "page_size": PAGE_SIZE,
        "weights": WEIGHTS,
        "facets": [
            {
                "key": f.key,
                "label": f.label,
                "values": [[v.term.slug, v.term.label] for v in f.values],
            }
            for f in facet_list
        ],
        "texts": list(texts),
        "customers": customer_rows,
        "references": rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _text(texts: dict[str, int], text: str) -> int:
    return texts.setdefault(text, len(texts))
