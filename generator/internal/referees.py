"""Who may be asked about each reference, whom to call there, and what speaks for them.

A referee entry is a reference seen from find-a-referee: whether its customer may be
asked now (and why not), the contacts marked as referees with their phone and email,
the languages they speak, the merits that rank it (grade, NPS, deals won, a recent
project, a published story, not asked lately), each with a label so a rep sees why a
reference ranks where it does, and the brief a rep copies before the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from refcat.checks.availability import call_blockers
from refcat.checks.models import Contact, Customer
from refcat.checks.policy import RequestLimit
from refcat.generator.internal.brief import brief
from refcat.generator.internal.places import language_name
from refcat.generator.internal.views import Program, ReferenceCard

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
class Referee:
    """A contact marked as referee: whom the rep calls."""

    name: str
    role: str | None
    phone: str | None
    email: str | None
    languages: tuple[str, ...]  # codes, lower case

    @property
    def line(self) -> str:
        """ "Name, role (English, German)": the referee in one line of text."""
        text = f"{self.name}, {self.role}" if self.role else self.name
        spoken = ", ".join(self.language_names)
        return f"{text} ({spoken})" if spoken else text

    @property
    def language_names(self) -> tuple[str, ...]:
        return tuple(language_name(code) for code in self.languages)

    @property
    def tel(self) -> str | None:
        """The phone as a `tel:` link: a phone taps to call, whatever its spacing."""
        digits = re.sub(r"[^0-9+]", "", self.phone or "")
        return f"tel:{digits}" if any(d.isdigit() for d in digits) else None


@dataclass(frozen=True)
class RefereeEntry:
    card: ReferenceCard
    askable: bool
    blockers: tuple[str, ...]  # why it cannot be asked now: customer first, then reference
    merits: tuple[Merit, ...]
    referees: tuple[Referee, ...]
    brief: str = ""  # the plain-text brief for the call, for references that may be asked

    @property
    def merit_points(self) -> int:
        return sum(m.points for m in self.merits)

    @property
    def languages(self) -> frozenset[str]:
        """What the referees speak: a prospect's language is matched against these."""
        return frozenset(code for referee in self.referees for code in referee.languages)


def referee_entries(program: Program) -> tuple[RefereeEntry, ...]:
    entries = []
    for card in program.cards.values():
        record = program.catalog.references[card.id]
        customer = program.catalog.customer_of(record)
        who = customer.customer if customer else None
        own = call_blockers(program.by_reference.get(card.id, ()))
        askable = card.availability.askable and not own
        referees = tuple(referee(c) for c in who.contacts if c.referee) if who else ()
        entries.append(
            RefereeEntry(
                card=card,
                askable=askable,
                blockers=tuple(dict.fromkeys((*card.availability.reasons, *own))),
                merits=merits(program, card, who) if who else (),
                referees=referees,
                brief=brief(card, record.reference, referees) if askable else "",
            )
        )
    return tuple(entries)


def referee(contact: Contact) -> Referee:
    languages = tuple(dict.fromkeys(code.strip().lower() for code in contact.languages))
    return Referee(contact.name, contact.role, contact.phone, contact.email, languages)


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
