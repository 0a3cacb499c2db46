"""Facets of the internal catalog and the compact index the browser filters on.

The catalog's first page of cards is rendered on the server; everything after that
(filters that combine, facet counts, pages, find-a-referee) runs in internal.js from
`data/references.json`, fetched in the background once a catalog or finder page has
loaded (gzipped, a few hundred KB at 10,000 references), so the first filter, search or
referee question does not wait for it. Within a facet the values picked are
alternatives (OR); facets combine (AND). Each reference lists its values as indices
into the facet's value list, to keep the file small at 10,000 references.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from refcat.checks.availability import GRADE_MEANING, GRADES
from refcat.checks.policy import FinderPolicy
from refcat.generator.internal.customers import FORMS
from refcat.generator.internal.places import country_name, language_name
from refcat.generator.internal.referees import RefereeEntry
from refcat.generator.internal.views import REASON_LABEL, STATUS_LABEL, ReferenceCard, reason_label
from refcat.generator.terms import Term

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


class Merit(NamedTuple):
    """Why a referee ranks where it does: `label` indexes `texts`."""

    label: int
    points: int


class ReferenceRow(NamedTuple):
    """One reference in `references`, written as an array in this order.

    `customer` indexes `customers` (-1 when the customer does not load); `availability`,
    `why` and `blockers` index `texts`, which holds each repeated sentence once; `facets`
    lists, per facet, the indices of the reference's values; `askable` is 1 or 0.
    Status, industry, region, country, year and products are read from the facet
    values, not repeated.
    """

    id: str
    title: str
    summary: str
    customer: int
    completed: str
    availability: int
    why: list[int]
    facets: list[list[int]]
    askable: int
    blockers: list[int]
    merits: list[Merit]


class RefereeRow(NamedTuple):
    """A contact marked as referee; `languages` are codes, named in `finder.languages`."""

    name: str
    role: str | None
    phone: str | None
    email: str | None
    languages: list[str]


class CustomerRow(NamedTuple):
    """One customer in `customers`, with its referees as `RefereeRow`s."""

    name: str
    url: str
    referees: list[RefereeRow]


# The index's schema, written into the index itself: internal.js reads every array
# position from here, so the two sides cannot disagree. A facet value is [slug, label].
COLUMNS = {
    "references": ReferenceRow._fields,
    "customers": CustomerRow._fields,
    "merits": Merit._fields,
    "referees": RefereeRow._fields,
}


# What find-a-referee ranks on and shows: no summaries, reasons or status facets. A link
# to find.html with criteria waits for its index: at 10,000 references this one is
# about a quarter smaller than references.json (gzipped), and parses faster.
FINDER_FACETS = frozenset({"industry", "region", "country", "product", "strength", "year"})
FINDER_COLUMNS = tuple(c for c in ReferenceRow._fields if c not in ("summary", "why"))


def finder_index_json(
    as_of: date,
    facet_list: tuple[Facet, ...],
    entries: Iterable[RefereeEntry],
    finder: FinderPolicy | None = None,
) -> str:
    """`data/finder.json`: the index find.html loads, in the same schema with fewer
    facets and columns (each named in the index, as in references.json)."""
    wanted = tuple(f for f in facet_list if f.key in FINDER_FACETS)
    return index_json(as_of, wanted, entries, finder, FINDER_COLUMNS)


def index_json(
    as_of: date,
    facet_list: tuple[Facet, ...],
    entries: Iterable[RefereeEntry],
    finder: FinderPolicy | None = None,
    columns: tuple[str, ...] = ReferenceRow._fields,
) -> str:
    """`data/references.json`: the schema (`columns`), facets, the finder's policy and
    names, the repeated texts, customers and a row per reference, as arrays to keep it
    small; `columns` picks the reference columns written."""
    rows = _Rows(facet_list)
    picked = [ReferenceRow._fields.index(name) for name in columns]
    references = [[row[i] for i in picked] for row in map(rows.reference, entries)]
    document = {
        "columns": {**COLUMNS, "references": columns},
        "as_of": as_of.isoformat(),
        "page_size": PAGE_SIZE,
        "finder": _finder_settings(finder or FinderPolicy(), facet_list, rows.languages),
        "facets": [
            {
                "key": f.key,
                "label": f.label,
                "values": [[v.term.slug, v.term.label] for v in f.values],
            }
            for f in facet_list
        ],
        "texts": list(rows.texts),
        "customers": rows.customers,
        "references": references,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _finder_settings(
    finder: FinderPolicy, facet_list: tuple[Facet, ...], languages: set[str]
) -> dict[str, object]:
    """What find-a-referee needs beyond the rows: weights, groups, countries' and
    languages' names (the same words the Python ranking uses)."""
    codes = [v.term.slug for f in facet_list if f.key == "country" for v in f.values]
    return {
        "weights": finder.weights.model_dump(),
        "country_groups": finder.country_groups,
        "countries": {code: country_name(code) for code in codes},
        "languages": {code: language_name(code) for code in sorted(languages)},
    }


class _Rows:
    """Builds the rows, storing each repeated sentence and each customer once."""

    def __init__(self, facet_list: tuple[Facet, ...]) -> None:
        self.facet_list = facet_list
        self.positions = {
            facet.key: {value.term.slug: i for i, value in enumerate(facet.values)}
            for facet in facet_list
        }
        self.texts: dict[str, int] = {}
        self.customers: list[CustomerRow] = []
        self.languages: set[str] = set()
        self._customer_at: dict[str, int] = {}

    def reference(self, entry: RefereeEntry) -> ReferenceRow:
        card, text = entry.card, self.text
        return ReferenceRow(
            id=card.id,
            title=card.title,
            summary=card.summary,
            customer=self.customer(entry),
            completed=card.completed.isoformat(),
            availability=text(card.referee_label),
            why=[text(reason) for reason in card.reasons],
            facets=[
                [self.positions[f.key][t.slug] for t in facet_terms(card, f.key)]
                for f in self.facet_list
            ],
            askable=1 if entry.askable else 0,
            blockers=[text(blocker) for blocker in entry.blockers],
            merits=[Merit(text(m.label), m.points) for m in entry.merits],
        )

    def customer(self, entry: RefereeEntry) -> int:
        customer = entry.card.customer
        if customer is None:
            return -1
        if customer.url not in self._customer_at:
            self._customer_at[customer.url] = len(self.customers)
            referees = [
                RefereeRow(r.name, r.role, r.phone, r.email, list(r.languages))
                for r in entry.referees
            ]
            self.languages.update(entry.languages)
            self.customers.append(CustomerRow(customer.label, customer.url, referees))
        return self._customer_at[customer.url]

    def text(self, text: str) -> int:
        return self.texts.setdefault(text, len(self.texts))
