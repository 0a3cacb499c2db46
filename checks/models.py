"""The records of a reference program, as strict pydantic models.

Strict and frozen, with unknown keys forbidden: a typo in a record must be an error,
never silently dropped data. The predicates SPEC defines live here as small methods.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from refcat.checks.days import shift

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day(value: object) -> object:
    if isinstance(value, str):
        if not _ISO_DAY.match(value):
            raise ValueError(f"'{value}' is not a date in the form YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date that exists") from None
    return value


def _grade_text(value: object) -> object:
    return str(value) if value in (1, 2) and not isinstance(value, bool) else value


Day = Annotated[date, BeforeValidator(_iso_day)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1)]
Grade = Annotated[Literal["A", "1", "B", "2", "C", "D"], BeforeValidator(_grade_text)]
Scope = Literal["name", "logo", "quote", "case-study", "reference-call", "site-visit", "press"]
Form = Literal["passive", "active", "marketing", "sales"]
Release = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*@\S+$")]

USABLE_GRADES = frozenset({"A", "2"})


class Model(BaseModel):
    # a field's docstring is its description in the JSON Schema and the editor's hint
    model_config = ConfigDict(
        strict=True, frozen=True, extra="forbid", use_attribute_docstrings=True
    )


def valid_between(granted: date, ends: date | None, day: date) -> bool:
    return granted <= day and (ends is None or day < ends)


class Status(Model):
    """Whether the customer is still a customer."""

    state: Literal["active", "churned"]
    """`active` (the default) or `churned`."""
    since: Day | None = None
    """The day the state began (YYYY-MM-DD)."""

    def churned_on(self, day: date) -> bool:
        return self.state == "churned" and (self.since is None or self.since <= day)


class Rating(Model):
    """The program owner's judgement of the customer as a referee, re-rated at least yearly."""

    grade: Grade
    """A win actively, 1 candidate, B observe, 2 agreed, C not considered, D not eligible."""
    reviewed: Day
    """When the grade was last reviewed (YYYY-MM-DD)."""
    by: str | None = None
    """Who rated."""
    note: str | None = None
    """Why this grade."""

    @property
    def usable(self) -> bool:
        return self.grade in USABLE_GRADES

    def review_due(self, review_days: int) -> date:
        return shift(self.reviewed, review_days)

    def overdue_on(self, day: date, review_days: int) -> bool:
        return (day - self.reviewed).days > review_days


class Consent(Model):
    """One consent the customer gave; a renewal is a new entry."""

    scope: Scope
    """What it allows: name, logo, quote, case-study, reference-call, site-visit or press."""
    granted: Day
    """The first day the consent holds (YYYY-MM-DD)."""
    expires: Day | None = None
    """The first day the consent no longer holds (YYYY-MM-DD)."""
    by: str | None = None
    """Who signed."""
    evidence: str | None = None
    """Where the signed agreement is kept."""
    withdrawn: Day | None = None
    """The day the customer withdrew the consent (YYYY-MM-DD)."""
    note: str | None = None
    """Conditions, preferences."""

    @property
    def ends(self) -> date | None:
        """The first day on which the consent no longer holds, if any."""
        ends = [day for day in (self.expires, self.withdrawn) if day is not None]
        return min(ends) if ends else None

    def valid_on(self, day: date) -> bool:
        return valid_between(self.granted, self.ends, day)

    def lapsed_by(self, day: date) -> bool:
        """Was valid at some day before `day`, and is not valid on it."""
        ends = self.ends
        return ends is not None and ends <= day and self.granted < ends


class Contact(Model):
    """Internal: a person at the customer; never published."""

    name: Text
    """The person's name."""
    role: str | None = None
    """The person's role, e.g. Chief Information Officer."""
    email: str | None = None
    """E-mail address."""
    phone: str | None = None
    """Phone number, in quotes: "+44 20 7946 0184"."""
    languages: list[str] = []
    """Languages the person speaks on a call."""
    referee: bool = False
    """true when this person takes reference calls (default false)."""


class ReputationEntry(Model):
    """Internal: news that may affect the customer's references."""

    date: Day
    """When it became known (YYYY-MM-DD)."""
    summary: Text
    """What happened."""
    severity: Literal["watch", "blocking"]
    """watch, or blocking: keeps the customer's references off the website until resolved."""
    source: str | None = None
    """Where it was reported."""
    resolved: Day | None = None
    """From this day on the entry no longer counts (YYYY-MM-DD)."""

    def resolved_on(self, day: date) -> bool:
        return self.resolved is not None and self.resolved <= day

    def blocks_on(self, day: date) -> bool:
        return self.severity == "blocking" and self.date <= day and not self.resolved_on(day)


class Request(Model):
    """Internal: one time the customer was asked to act as a referee."""

    date: Day
    """The day of the ask (YYYY-MM-DD); it stays the day of the ask."""
    kind: Scope
    """What was asked, usually reference-call or site-visit."""
    by: str | None = None
    """The sales rep who asked."""
    prospect: str | None = None
    """Who the customer spoke to."""
    outcome: Literal["pending", "done", "declined", "won", "lost"] = "pending"
    """pending (the default), done, declined, won or lost."""
    value: int | float | None = None
    """The deal's value, for the dashboard."""
    reference: Slug | None = None
    """The id of the reference the prospect was shown."""
    reason: str | None = None
    """Why the customer was asked although it could not be asked at the time."""
    closed: Day | None = None
    """When the outcome was recorded (YYYY-MM-DD)."""


class NpsScore(Model):
    """Internal: one Net Promoter Score answer."""

    date: Day
    """When the customer answered (YYYY-MM-DD)."""
    score: Annotated[int, Field(ge=0, le=10)]
    """The score, 0 to 10."""


class Customer(Model):
    """A customer or partner of the reference program: content/customers/<id>.yaml."""

    id: Slug
    """The file's name without .yaml: lower-case letters, digits and '-'."""
    name: Text
    """Display name, as shown on the website."""
    sector: Slug
    """A sector of taxonomy.yaml."""
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    """ISO 3166 alpha-2 code, upper case (GB, DE)."""
    region: str | None = None
    """Free text, e.g. EMEA; the customer's references default to it."""
    kind: Literal["customer", "partner"] = "customer"
    """customer (the default) or partner."""
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """An http:// or https:// address; shown publicly with a named reference."""
    logo: str | None = None
    """A logo file (SVG, PNG, JPEG or WebP), relative to content/."""
    status: Status = Status(state="active")
    """active (the default) or churned, and since when."""
    rating: Rating
    """The program owner's judgement: the grade and when it was reviewed."""
    forms: list[Form] = []
    """The intensity forms agreed: passive, active, marketing, sales."""
    consents: list[Consent] = []
    """What the customer agreed to, one entry per consent."""
    contacts: list[Contact] = []
    """Internal: people at the customer and referees."""
    reputation: list[ReputationEntry] = []
    """Internal: news that may affect the references."""
    requests: list[Request] = []
    """Internal: the log of reference requests; it decides when a referee rests."""
    nps: list[NpsScore] = []
    """Internal: Net Promoter Score answers."""
    owner: str | None = None
    """Internal: the account owner."""
    notes: str | None = None
    """Internal notes, in Markdown."""

    def consents_of(self, scope: str) -> list[tuple[int, Consent]]:
        return [(index, c) for index, c in enumerate(self.consents) if c.scope == scope]

    def has_consent(self, scope: str, day: date) -> bool:
        return any(c.valid_on(day) for _, c in self.consents_of(scope))

    def requests_within(self, day: date, days: int) -> list[Request]:
        start = shift(day, -days)
        return [r for r in self.requests if start < r.date <= day]

    def resting_until(self, day: date, count: int, days: int) -> date | None:
        """The day this referee may be asked again, when asked more than `count` times lately."""
        recent = sorted((r.date for r in self.requests_within(day, days)), reverse=True)
        if len(recent) <= count:
            return None
        return shift(recent[count], days)


class Quote(Model):
    """A customer's quote: public once approved and with a valid quote consent."""

    text: Text
    """The quote itself."""
    author: Text
    """Who said it (left out when the reference is anonymized)."""
    role: str | None = None
    """The author's role, e.g. Chief Information Officer, Kestrel Savings Bank."""
    approved: Day | None = None
    """The day the customer approved the quote (YYYY-MM-DD)."""


class Evaluation(Model):
    """Internal: the post-evaluation of the project."""

    date: Day
    """When the project was evaluated (YYYY-MM-DD)."""
    verdict: Literal["reference", "no-reference"]
    """reference, or no-reference."""
    by: str | None = None
    """Who evaluated."""
    note: str | None = None
    """What the evaluation found."""


def _said(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        raise ValueError("the alt text is empty; say what the picture shows")
    return value


class StoryImage(Model):
    """A picture for the public story: shown only with a valid case-study consent, never
    on an anonymized reference (a photo may show who the customer is)."""

    path: Text
    """An SVG, PNG, JPEG or WebP file, relative to content/ (e.g. images/plant.jpg)."""
    alt: Annotated[str, AfterValidator(_said)]
    """What the picture shows, for visitors who cannot see it (read aloud, indexed)."""


class Strengths(Model):
    """What the reference proves: strength slugs from taxonomy.yaml."""

    technical: list[Slug] = []
    """Technical strengths, slugs from taxonomy.yaml."""
    commercial: list[Slug] = []
    """Commercial strengths, slugs from taxonomy.yaml."""

    def all(self) -> list[str]:
        return [*self.technical, *self.commercial]


class Reference(Model):
    """A reference project: the YAML front matter of content/references/<id>.md."""

    id: Slug
    """The file's name without .md: lower-case letters, digits and '-'."""
    customer: Slug
    """The id of the customer, in content/customers/."""
    title: Text
    """Public title."""
    summary: Text
    """One public line a prospect reads first."""
    completed: Day
    """Go-live or completion (YYYY-MM-DD)."""
    publish: Literal["public", "internal"] = "internal"
    """public: wanted on the website; internal (the default): for sales only."""
    products: list[Slug] = []
    """Our products delivered, slugs from taxonomy.yaml."""
    technologies: list[Release] = []
    """Third-party releases it runs on, product@cycle (rhel@9), from content/lifecycle/."""
    industry: Slug | None = None
    """A sector of taxonomy.yaml; defaults to the customer's."""
    region: str | None = None
    """Free text, e.g. EMEA; defaults to the customer's."""
    strengths: Strengths = Strengths()
    """What the reference proves, technical and commercial."""
    benefits: list[Text] = []
    """Measurable outcomes."""
    quote: Quote | None = None
    """A quote, public once approved and with a valid quote consent."""
    image: StoryImage | None = None
    """A picture for the story, with its alt text; public with the case-study consent."""
    evaluation: Evaluation | None = None
    """Internal: the post-evaluation; date and verdict are required."""
    anonymize: bool | None = None
    """true: published without the customer's name."""
    review_by: Day | None = None
    """The day after which a person re-checks the reference (YYYY-MM-DD)."""
    caveats: str | None = None
    """Internal: what did not go so well, what a prospect may hear (Markdown)."""


class Sector(Model):
    label: Text
    disclosure: Literal["open", "restricted"] = "open"


class StrengthEntry(Model):
    label: Text
    kind: Literal["technical", "commercial"]
    description: str | None = None


class Product(Model):
    label: Text
    retired: Day | None = None
    successor: Slug | None = None


class Taxonomy(Model):
    sectors: dict[Slug, Sector]
    strengths: dict[Slug, StrengthEntry] = {}
    products: dict[Slug, Product] = {}


class LifecycleRelease(BaseModel):
    """One release of an endoflife.date product; the format carries many keys we ignore."""

    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")

    releaseCycle: Text
    # the date first, so that `2026-02-30` is reported as a date that does not exist
    eol: Day | bool
    eoas: Day | bool | None = None
    eoes: Day | bool | None = None
    releaseLabel: str | None = None


class Lifecycle(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")

    title: str | None = None
    releases: list[LifecycleRelease]
