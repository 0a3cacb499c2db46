"""Find a referee: rank the references whose customers may be asked now for a prospect.

A rep describes the prospect: industry, region, country (or a named group such as the
Nordics), product, the language the call should be in, and optionally strengths. A
reference matches a criterion when it has that value (a language: when one of its
customer's referees speaks it); it is a candidate when it matches at least half of
the weight of the criteria picked (so a retail Data Hub project in EMEA still shows
for an insurer in EMEA, below the insurers), or, with only strengths picked, one of
them. The weights are the policy's (`REFCAT["finder"]`): industry above product by
default. Candidates whose customer may be asked now are ranked; the others are the
near misses, each with the reasons it cannot be asked.

Full matches come first, then the better fit (the weight of the criteria matched),
then the score: that weight plus the strengths matched and the referee's merits. Each
customer is listed once, with its best reference; its other matching references are
folded under it. internal.js applies the same rule in the browser from
`data/references.json`, with the weights and groups shipped there: keep both in step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from refcat.checks.policy import FinderPolicy
from refcat.generator.internal.places import countries_of, country_name, language_name
from refcat.generator.internal.referees import MERITS, Merit, RefereeEntry, referee_entries

__all__ = ["MERITS", "Candidate", "Merit", "Query", "Ranking", "rank", "referee_entries"]
DEFAULT = FinderPolicy()


@dataclass(frozen=True)
class Query:
    industry: str | None = None
    region: str | None = None
    product: str | None = None
    strengths: tuple[str, ...] = ()
    country: str | None = None  # an ISO code or the name of a group of countries
    language: str | None = None  # an ISO 639-1 code as the contacts list it


@dataclass(frozen=True)
class Match:
    label: str
    points: int  # 0 when not matched
    strength: bool = False  # a strength the prospect cares about, not a criterion


@dataclass(frozen=True)
class Candidate:
    entry: RefereeEntry
    matches: tuple[Match, ...]
    full: bool  # matches every criterion picked, strengths aside
    others: tuple[Candidate, ...] = ()  # the customer's other matching references

    @property
    def fit(self) -> int:
        """The points of the prospect's criteria matched: what ranks first."""
        return sum(m.points for m in self.matches if not m.strength)

    @property
    def score(self) -> int:
        return sum(m.points for m in self.matches) + self.entry.merit_points


@dataclass(frozen=True)
class Ranking:
    ranked: tuple[Candidate, ...]
    near_misses: tuple[Candidate, ...]


def _criteria(query: Query, entry: RefereeEntry, finder: FinderPolicy) -> list[tuple]:
    """(key, picked, matched, label when matched, label when missed) per hard criterion."""
    card = entry.card
    products = {p.slug: p.label for p in card.products}
    country = (card.country or "").upper()
    wanted = countries_of(query.country or "", finder.country_groups)
    group = f" ({query.country})" if query.country in finder.country_groups else ""
    language = (query.language or "").lower()
    spoken = f"{language_name(language)}-speaking referee"
    return [
        ("industry", query.industry, card.industry.slug == query.industry, card.industry.label),
        ("region", query.region, card.region == query.region, card.region),
        ("country", query.country, country in wanted, f"{country_name(country)}{group}"),
        ("product", query.product, query.product in products, products.get(query.product or "")),
        ("language", language, language in entry.languages, spoken),
    ]


def match(
    query: Query, entry: RefereeEntry, finder: FinderPolicy
) -> tuple[tuple[Match, ...], bool, bool]:
    """The criteria matched, whether all hard ones picked match, and whether the
    reference qualifies as a candidate at all."""
    weights = finder.weights.model_dump()
    matches: list[Match] = []
    picked = matched = 0
    for key, wanted, hit, shown in _criteria(query, entry, finder):
        if not wanted:
            continue
        picked += weights[key]
        matched += weights[key] if hit else 0
        matches.append(Match(shown, weights[key]) if hit else Match(_miss(key, query), 0))
    strengths = {s.slug: s.label for s in entry.card.strengths}
    hits = [strengths[s] for s in query.strengths if s in strengths]
    matches += [Match(label, weights["strength"], strength=True) for label in hits]
    qualifies = matched * 2 >= picked if picked else (bool(hits) or not query.strengths)
    return tuple(matches), matched == picked, qualifies


def _miss(key: str, query: Query) -> str:
    if key == "language":
        return f"no {language_name(query.language or '')}-speaking referee"
    return f"other {key}"


def rank(
    query: Query, entries: tuple[RefereeEntry, ...], finder: FinderPolicy = DEFAULT
) -> Ranking:
    ranked, near = [], []
    for entry in entries:
        matches, full, qualifies = match(query, entry, finder)
        if qualifies:
            (ranked if entry.askable else near).append(Candidate(entry, matches, full))
    return one_per_customer(sorted(ranked, key=_order) + sorted(near, key=_order))


def one_per_customer(candidates: list[Candidate]) -> Ranking:
    """Each customer once, with its best reference; the others folded under it. Ranked
    candidates come first, so a customer that may be asked leads with one it may be
    asked about, and its references that cannot be used fold under that one."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        card = candidate.entry.card
        key = card.customer.url if card.customer else f"reference:{card.id}"
        groups.setdefault(key, []).append(candidate)
    leaders = [replace(group[0], others=tuple(group[1:])) for group in groups.values()]
    return Ranking(
        tuple(c for c in leaders if c.entry.askable),
        tuple(c for c in leaders if not c.entry.askable),
    )


def _order(candidate: Candidate) -> tuple[int, int, int, int, str, str]:
    """Full matches first, then the better fit to the prospect (an insurer before a
    bank with the same product), then strengths and merits, then the newer project."""
    card, fit = candidate.entry.card, candidate.fit
    completed = -card.completed.toordinal()
    return (-int(candidate.full), -fit, -candidate.score, completed, card.title, card.id)
