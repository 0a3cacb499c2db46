"""The records of a reference program, as strict pydantic models.

Strict and frozen, with unknown keys forbidden: a typo in a record must be an error,
never silently dropped data. The predicates SPEC defines live here as small methods.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from checks.days import shift

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
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


def valid_between(granted: date, ends: date | None, day: date) -> bool:
    return granted <= day and (ends is None or day < ends)


class Status(Model):
    state: Literal["active", "churned"]
    since: Day | None = None

    def churned_on(self, day: date) -> bool:
        return self.state == "churned" and (self.since is None or self.since <= day)


class Rating(Model):
    grade: Grade
    reviewed: Day
    by: str | None = None
    note: str | None = None

    @property
    def usable(self) -> bool:
        return self.grade in USABLE_GRADES

    def review_due(self, review_days: int) -> date:
        return shift(self.reviewed, review_days)

    def overdue_on(self, day: date, review_days: int) -> bool:
        return (day - self.reviewed).days > review_days


class Consent(Model):
    scope: Scope
    granted: Day
    expires: Day | None = None
    by: str | None = None
    evidence: str | None = None
    withdrawn: Day | None = None
    note: str | None = None

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
    name: Text
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    languages: list[str] = []
    referee: bool = False


class ReputationEntry(Model):
    date: Day
    summary: Text
    severity: Literal["watch", "blocking"]
    source: str | None = None
    resolved: Day | None = None

    def resolved_on(self, day: date) -> bool:
        return self.resolved is not None and self.resolved <= day

    def blocks_on(self, day: date) -> bool:
        return self.severity == "blocking" and self.date <= day and not self.resolved_on(day)


class Request(Model):
    date: Day
    kind: Scope
    by: str | None = None
    prospect: str | None = None
    outcome: Literal["pending", "done", "declined", "won", "lost"] = "pending"
    value: int | float | None = None
    reference: Slug | None = None  # the reference the prospect was shown
    reason: str | None = None  # why the customer was asked although it was not askable
    closed: Day | None = None  # when the outcome was recorded; `date` stays the day of the ask


class NpsScore(Model):
    date: Day
    score: Annotated[int, Field(ge=0, le=10)]


class Customer(Model):
    id: Slug
    name: Text
    sector: Slug
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    region: str | None = None
    kind: Literal["customer", "partner"] = "customer"
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    logo: str | None = None
    status: Status = Status(state="active")
    rating: Rating
    forms: list[Form] = []
    consents: list[Consent] = []
    contacts: list[Contact] = []
    reputation: list[ReputationEntry] = []
    requests: list[Request] = []
    nps: list[NpsScore] = []
    owner: str | None = None
    notes: str | None = None

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
    text: Text
    author: Text
    role: str | None = None
    approved: Day | None = None


class Evaluation(Model):
    date: Day
    verdict: Literal["reference", "no-reference"]
    by: str | None = None
    note: str | None = None


class Strengths(Model):
    technical: list[Slug] = []
    commercial: list[Slug] = []

    def all(self) -> list[str]:
        return [*self.technical, *self.commercial]


class Reference(Model):
    id: Slug
    customer: Slug
    title: Text
    summary: Text
    completed: Day
    publish: Literal["public", "internal"] = "internal"
    products: list[Slug] = []
    technologies: list[Release] = []
    industry: Slug | None = None
    region: str | None = None
    strengths: Strengths = Strengths()
    benefits: list[Text] = []
    quote: Quote | None = None
    evaluation: Evaluation | None = None
    anonymize: bool | None = None
    review_by: Day | None = None
    caveats: str | None = None


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
