"""Find a referee: rank the references whose customers may be asked now for a prospect.

A rep picks an industry, a region, a product and optionally strengths. A reference
matches a criterion when it has that value; it is a candidate when it matches at
least half of the weight of the criteria picked (so a retail Data Hub project in EMEA
still shows for a bank in EMEA, below the banks), or, with only strengths picked, one
of them. Candidates whose customer may be asked now are ranked; the others are the
near misses, each with the reasons it cannot be asked.

The score is the weight of the criteria matched plus the referee's merits (grade,
NPS, deals won, a recent project, a published story, not asked lately), each with a
label, so a rep sees why a reference ranks where it does. internal.js applies the
same rule in the browser from `data/references.json`, with the weights shipped there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from checks.availability import call_blockers
from checks.models import Contact, Customer
from checks.policy import RequestLimit
from generator.internal.views import Program, ReferenceCard

WEIGHTS = {"product": 4, "industry": 3, "region": 2, "strength": 1}
RECENT_DAYS = 730  # a project completed within two years is fresh in the customer's mind
MERITS = {
    "grade-A": 2,
    "grade-2": 1,
    "promoter": 2,  # latest NPS 9-10
    "detractor": -2,  # latest NPS 0-6
    "won": 1,  # a deal it supported was won
    "recent": 1,  # completed within RECENT_DAYS
    "published": 1,  # a case study the prospect can read
    "rested": 1,  # not asked within the request limit's days
    "at-limit": -1,  # one more ask and it rests
    "no-active-form": -2,  # has not agreed to recommend when asked
    "consent-ending": -1,  # the reference-call consent ends within consent_warn_days
    "no-referee": -1,  # no contact marked as referee
}


@dataclass(frozen=True)
class Merit:
    label: str
    points: int


@dataclass(frozen=True)
class RefereeEntry:
    card: ReferenceCard
    askable: bool
    blockers: tuple[str, ...]  # why it cannot be asked now: customer first, then reference
    merits: tuple[Merit, ...]
    referees: tuple[str, ...]  # whom to call: "name, role (languages)"

    @property
    def merit_points(self) -> int:
        return sum(m.points for m in self.merits)


@dataclass(frozen=True)
class Query:
    industry: str | None = None
    region: str | None = None
    product: str | None = None
    strengths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    label: str
    points: int  # 0 when not matched


@dataclass(frozen=True)
class Candidate:
    entry: RefereeEntry
    matches: tuple[Match, ...]
    full: bool  # matches industry, region and product, as far as they were picked

    @property
    def score(self) -> int:
        return sum(m.points for m in self.matches) + self.entry.merit_points


@dataclass(frozen=True)
class Ranking:
    ranked: tuple[Candidate, ...]
    near_misses: tuple[Candidate, ...]


def referee_entries(program: Program) -> tuple[RefereeEntry, ...]:
    entries = []
    for card in program.cards.values():
        record = program.catalog.references[card.id]
        customer = program.catalog.customer_of(record)
        who = customer.customer if customer else None
        own = call_blockers(program.by_reference.get(card.id, ()))
        entries.append(
            RefereeEntry(
                card=card,
                askable=card.availability.askable and not own,
                blockers=tuple(dict.fromkeys((*card.availability.reasons, *own))),
                merits=merits(program, card, who) if who else (),
                referees=tuple(contact_line(c) for c in who.contacts if c.referee) if who else (),
            )
        )
    return tuple(entries)


def contact_line(contact: Contact) -> str:
    text = f"{contact.name}, {contact.role}" if contact.role else contact.name
    return f"{text} ({', '.join(contact.languages)})" if contact.languages else text


def merits(program: Program, card: ReferenceCard, who: Customer) -> tuple[Merit, ...]:
    day, policy = program.as_of, program.report.policy
    found: list[Merit] = []
    if who.rating.grade in ("A", "2"):
        found.append(Merit(f"Rated {who.rating.grade}", MERITS[f"grade-{who.rating.grade}"]))
    if (nps := _nps_merit(who)) is not None:
        found.append(nps)
    won = [r for r in who.requests if r.outcome == "won" and r.date <= day]
    if won:
        found.append(
            Merit(f"Helped win {len(won)} deal{'s' if len(won) > 1 else ''}", MERITS["won"])
        )
    if (day - card.completed).days <= RECENT_DAYS:
        found.append(Merit(f"Completed {card.completed:%b %Y}", MERITS["recent"]))
    if card.status == "published":
        found.append(Merit("Published case study", MERITS["published"]))
    if (asked := _asked_merit(who, day, policy.request_limit)) is not None:
        found.append(asked)
    if "active" not in who.forms:
        label = "Has not agreed to recommend when asked (form 'active')"
        found.append(Merit(label, MERITS["no-active-form"]))
    ends = card.availability.consent_ends
    if ends is not None and ends - day <= timedelta(days=policy.consent_warn_days):
        found.append(Merit(f"Reference-call consent ends {ends}", MERITS["consent-ending"]))
    if not any(c.referee for c in who.contacts):
        found.append(Merit("No contact marked as referee", MERITS["no-referee"]))
    return tuple(found)


def _nps_merit(who: Customer) -> Merit | None:
    """The latest NPS counts when it makes the customer a promoter or a detractor."""
    if not who.nps:
        return None
    latest = max(who.nps, key=lambda n: n.date)
    label = f"NPS {latest.score} ({latest.date:%b %Y})"
    if latest.score >= 9 or latest.score <= 6:
        return Merit(label, MERITS["promoter" if latest.score >= 9 else "detractor"])
    return None


def _asked_merit(who: Customer, day: date, limit: RequestLimit) -> Merit | None:
    """Not asked lately is a merit; one ask away from resting is a drawback."""
    asked = len(who.requests_within(day, limit.days))
    if asked == 0:
        return Merit(f"Not asked in the last {limit.days} days", MERITS["rested"])
    if asked == limit.count:
        return Merit(f"Asked {asked} times lately: one more ask and it rests", MERITS["at-limit"])
    return None


def match(query: Query, card: ReferenceCard) -> tuple[tuple[Match, ...], bool, bool]:
    """The criteria matched, whether all hard ones (industry, region, product) match, and
    whether the reference qualifies as a candidate at all."""
    products = {p.slug: p.label for p in card.products}
    criteria = (
        ("industry", query.industry, card.industry.slug == query.industry, card.industry.label),
        ("region", query.region, card.region == query.region, card.region or "no region"),
        ("product", query.product, query.product in products, products.get(query.product or "")),
    )
    matches: list[Match] = []
    picked = matched = 0
    for key, wanted, hit, shown in criteria:
        if not wanted:
            continue
        weight = WEIGHTS[key]
        picked += weight
        matched += weight if hit else 0
        matches.append(Match(shown, weight) if hit else Match(f"other {key}", 0))
    strengths = {s.slug: s.label for s in card.strengths}
    hits = [strengths[s] for s in query.strengths if s in strengths]
    matches += [Match(label, WEIGHTS["strength"]) for label in hits]
    qualifies = matched * 2 >= picked if picked else (bool(hits) or not query.strengths)
    return tuple(matches), matched == picked, qualifies


def rank(query: Query, entries: tuple[RefereeEntry, ...]) -> Ranking:
    ranked, near = [], []
    for entry in entries:
        matches, full, qualifies = match(query, entry.card)
        if not qualifies:
            continue
        (ranked if entry.askable else near).append(Candidate(entry, matches, full))
    return Ranking(tuple(sorted(ranked, key=_order)), tuple(sorted(near, key=_order)))


def _order(candidate: Candidate) -> tuple[int, int, int, str, str]:
    card = candidate.entry.card
    completed = -card.completed.toordinal()
    return (-int(candidate.full), -candidate.score, completed, card.title, card.id)
