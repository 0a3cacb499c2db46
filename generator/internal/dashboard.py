"""The program owner's dashboard: figures computed from the report on its as-of date.

Referees by grade and availability, consents about to end, references that cannot be
used and why, requests per quarter with their outcomes and the value of deals won,
the referees asked most, and the product x industry pairs with no usable reference.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from refcat.checks.availability import GRADE_MEANING, GRADES
from refcat.checks.models import Request
from refcat.checks.worklist import worklist
from refcat.generator.internal.customers import OUTCOMES
from refcat.generator.internal.views import Link, Program, customer_url, reason_label
from refcat.generator.internal.worklist import HORIZON, is_overdue
from refcat.generator.terms import Term

EXPIRY_WINDOWS = (30, 60, 90)
QUARTERS_SHOWN = 8
MOST_ASKED_DAYS = 365
MOST_ASKED_SHOWN = 10


@dataclass(frozen=True)
class GradeRow:
    grade: str
    meaning: str
    available: int
    resting: int
    not_usable: int

    @property
    def total(self) -> int:
        return self.available + self.resting + self.not_usable


@dataclass(frozen=True)
class ExpiringConsent:
    customer: Link
    scope: str
    ends: date
    days_left: int


@dataclass(frozen=True)
class ReasonRow:
    rule: str
    label: str
    references: tuple[Link, ...]


@dataclass(frozen=True)
class QuarterRow:
    label: str
    outcomes: tuple[tuple[str, int], ...]  # in OUTCOMES order
    won_value: float

    @property
    def total(self) -> int:
        return sum(count for _, count in self.outcomes)


@dataclass(frozen=True)
class AskedRow:
    customer: Link
    asked: int  # within MOST_ASKED_DAYS
    recent: int  # within the policy's request_limit.days
    last_asked: date
    availability: str


@dataclass(frozen=True)
class Coverage:
    products: tuple[Term, ...]
    industries: tuple[Term, ...]
    counts: tuple[tuple[int, ...], ...]  # [product][industry]: usable references

    # the catalog's filter that lists the references a cell counts, after product and industry
    USABLE_QUERY = "status=published&status=internal&availability=available&availability=resting"

    @property
    def gaps(self) -> int:
        return sum(1 for row in self.counts for count in row if count == 0)


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    references: int
    by_status: tuple[tuple[str, int], ...]
    askable: int  # customers that may be asked now
    grades: tuple[GradeRow, ...]
    expiring: tuple[ExpiringConsent, ...]
    expiring_within: tuple[tuple[int, int], ...]  # (days, consents ending within them)
    reasons: tuple[ReasonRow, ...]
    quarters: tuple[QuarterRow, ...]
    earlier_requests: int  # asked before the quarters shown
    most_asked: tuple[AskedRow, ...]
    coverage: Coverage
    to_do: tuple[int, int]  # worklist items within its horizon, and how many are overdue

    @property
    def won_value(self) -> float:
        """The value of the deals won with a reference, in the quarters shown."""
        return sum(q.won_value for q in self.quarters)

    @property
    def won_deals(self) -> int:
        return sum(dict(q.outcomes)["won"] for q in self.quarters)


def dashboard(program: Program) -> Dashboard:
    cards = program.cards.values()
    statuses = Counter(card.status for card in cards)
    expiring = _expiring(program)
    quarters, earlier = _quarters(program)
    return Dashboard(
        as_of=program.as_of,
        references=len(program.cards),
        by_status=tuple((s, statuses[s]) for s in ("published", "internal", "not-usable")),
        askable=sum(1 for a in program.availability.values() if a.askable),
        grades=_grades(program),
        expiring=expiring,
        expiring_within=tuple(
            (days, sum(1 for e in expiring if e.days_left <= days)) for days in EXPIRY_WINDOWS
        ),
        reasons=_reasons(program),
        quarters=quarters,
        earlier_requests=earlier,
        most_asked=_most_asked(program),
        coverage=_coverage(program),
        to_do=_to_do(program),
    )


def _to_do(program: Program) -> tuple[int, int]:
    items = worklist(program.catalog, program.report.policy, program.as_of, HORIZON)
    return len(items), sum(1 for item in items if is_overdue(item, program.as_of))


def _grades(program: Program) -> tuple[GradeRow, ...]:
    counts: Counter[tuple[str, str]] = Counter()
    for customer_id, record in program.catalog.customers.items():
        counts[(record.customer.rating.grade, program.availability[customer_id].state)] += 1
    return tuple(
        GradeRow(
            grade,
            GRADE_MEANING[grade],
            counts[(grade, "available")],
            counts[(grade, "resting")],
            counts[(grade, "not-usable")],
        )
        for grade in GRADES
    )


def _expiring(program: Program) -> tuple[ExpiringConsent, ...]:
    day, horizon = program.as_of, max(EXPIRY_WINDOWS)
    found = []
    for record in program.catalog.customers.values():
        who = record.customer
        for consent in who.consents:
            ends = consent.ends
            if ends is None or not consent.valid_on(day) or (ends - day).days > horizon:
                continue
            link = Link(who.name, customer_url(who.id))
            found.append(ExpiringConsent(link, consent.scope, ends, (ends - day).days))
    return tuple(sorted(found, key=lambda e: (e.ends, e.customer.label, e.scope)))


def _reasons(program: Program) -> tuple[ReasonRow, ...]:
    """Each blocking rule, with the references it makes not usable."""
    by_rule: dict[str, list[Link]] = {}
    for card in program.cards.values():
        for rule in card.reason_rules:
            by_rule.setdefault(rule, []).append(Link(card.title, card.url))
    rows = [ReasonRow(rule, reason_label(rule), tuple(links)) for rule, links in by_rule.items()]
    return tuple(sorted(rows, key=lambda r: (-len(r.references), r.rule)))


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters(program: Program) -> tuple[tuple[QuarterRow, ...], int]:
    year, quarter = quarter_of(program.as_of)
    shown = []
    for _ in range(QUARTERS_SHOWN):
        shown.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    shown.reverse()
    asked: dict[tuple[int, int], list[Request]] = {key: [] for key in shown}
    earlier = 0
    for record in program.catalog.customers.values():
        for request in record.customer.requests:
            if request.date > program.as_of:
                continue
            key = quarter_of(request.date)
            if key in asked:
                asked[key].append(request)
            elif key < shown[0]:
                earlier += 1
    rows = tuple(
        QuarterRow(
            f"{y} Q{q}",
            tuple((o, sum(1 for r in asked[(y, q)] if r.outcome == o)) for o in OUTCOMES),
            sum(r.value or 0 for r in asked[(y, q)] if r.outcome == "won"),
        )
        for y, q in shown
    )
    return rows, earlier


def _most_asked(program: Program) -> tuple[AskedRow, ...]:
    day, limit = program.as_of, program.report.policy.request_limit
    rows = []
    for customer_id, record in program.catalog.customers.items():
        who = record.customer
        asked = who.requests_within(day, MOST_ASKED_DAYS)
        if not asked:
            continue
        rows.append(
            AskedRow(
                Link(who.name, customer_url(who.id)),
                len(asked),
                len(who.requests_within(day, limit.days)),
                max(r.date for r in asked),
                program.availability[customer_id].label,
            )
        )
    rows.sort(key=lambda r: (-r.asked, -r.recent, r.customer.label))
    return tuple(rows[:MOST_ASKED_SHOWN])


def _coverage(program: Program) -> Coverage:
    """Usable references per product and industry: not blocked, referee not ruled out."""
    day = program.as_of
    products = tuple(
        Term(slug, entry.label)
        for slug, entry in program.product_vocabulary.items()
        if entry.retired is None or entry.retired > day
    )
    industries = tuple(Term(slug, entry.label) for slug, entry in program.sectors.items())
    counts: Counter[tuple[str, str]] = Counter()
    for card in program.cards.values():
        if card.status == "not-usable" or card.availability.state == "not-usable":
            continue
        for product in card.products:
            counts[(product.slug, card.industry.slug)] += 1
    return Coverage(
        products,
        industries,
        tuple(tuple(counts[(p.slug, i.slug)] for i in industries) for p in products),
    )
