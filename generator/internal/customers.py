"""The internal page of a customer: rating, forms, consents, contacts, reputation,
requests, availability, NPS and every reference, as of the report's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from markupsafe import Markup

from refcat.checks.availability import GRADE_MEANING, Availability
from refcat.checks.catalog import CustomerRecord
from refcat.checks.finding import Finding
from refcat.checks.models import Contact, NpsScore, ReputationEntry, Request
from refcat.generator.build.markdown import to_html
from refcat.generator.internal.charts import nps_chart
from refcat.generator.internal.views import Link, Program, ReferenceCard, customer_url
from refcat.generator.terms import Term, term

FORMS = {
    "passive": ("Passive", "named in catalogs and on the website"),
    "active": ("Active", "recommends us to a prospect who asks"),
    "marketing": ("Marketing", "recommends us on its own; our rep may follow up"),
    "sales": ("Sales", "acquires prospects for us, for a commission"),
}
OUTCOMES = ("pending", "done", "declined", "won", "lost")
ConsentState = Literal["valid", "expired", "withdrawn", "not-yet"]


@dataclass(frozen=True)
class RatingView:
    grade: str
    meaning: str
    usable: bool
    reviewed: date
    by: str | None
    note: str | None
    due: date
    days_to_due: int  # negative when overdue


@dataclass(frozen=True)
class FormView:
    slug: str
    label: str
    description: str
    agreed: bool


@dataclass(frozen=True)
class ConsentView:
    scope: str
    granted: date
    ends: date | None
    by: str | None
    evidence: str | None
    note: str | None
    state: ConsentState
    days_left: int | None  # for a valid consent that ends


@dataclass(frozen=True)
class ReputationView:
    entry: ReputationEntry
    state: Literal["blocking", "watch", "resolved"]


@dataclass(frozen=True)
class RequestTotals:
    count: int
    by_outcome: tuple[tuple[str, int], ...]
    won_value: float


@dataclass(frozen=True)
class CustomerPage:
    id: str
    url: str
    name: str
    kind: str
    sector: Term
    country: str | None
    region: str | None
    website: str | None
    logo_url: str | None
    churned_since: date | None
    churned: bool
    owner: str | None
    notes_html: Markup | None
    rating: RatingView
    forms: tuple[FormView, ...]
    consents: tuple[ConsentView, ...]
    contacts: tuple[Contact, ...]
    reputation: tuple[ReputationView, ...]
    requests: tuple[Request, ...]  # newest first
    request_totals: RequestTotals
    availability: Availability
    nps: tuple[NpsScore, ...]
    nps_chart: Markup | None
    references: tuple[ReferenceCard, ...]
    findings: tuple[Finding, ...]

    @property
    def link(self) -> Link:
        return Link(self.name, self.url)


def customer_page(program: Program, record: CustomerRecord) -> CustomerPage:
    who, day = record.customer, program.as_of
    review_days = program.report.policy.rating_review_days
    due = who.rating.review_due(review_days)
    requests = tuple(sorted(who.requests, key=lambda r: r.date, reverse=True))
    nps = tuple(sorted(who.nps, key=lambda n: n.date))
    return CustomerPage(
        id=who.id,
        url=customer_url(who.id),
        name=who.name,
        kind=who.kind,
        sector=term(program.sectors, who.sector),
        country=who.country,
        region=who.region,
        website=who.website,
        logo_url=program.logo_url(record),
        churned=who.status.churned_on(day),
        churned_since=who.status.since if who.status.state == "churned" else None,
        owner=who.owner,
        notes_html=to_html(who.notes) if who.notes else None,
        rating=RatingView(
            grade=who.rating.grade,
            meaning=GRADE_MEANING[who.rating.grade],
            usable=who.rating.usable,
            reviewed=who.rating.reviewed,
            by=who.rating.by,
            note=who.rating.note,
            due=due,
            days_to_due=(due - day).days,
        ),
        forms=tuple(FormView(s, *FORMS[s], s in who.forms) for s in FORMS),
        consents=tuple(_consent_views(record, day)),
        contacts=tuple(sorted(who.contacts, key=lambda c: not c.referee)),
        reputation=tuple(_reputation(e, day) for e in sorted(who.reputation, key=lambda e: e.date)),
        requests=requests,
        request_totals=request_totals(requests, day),
        availability=program.availability[who.id],
        nps=nps,
        nps_chart=nps_chart(nps) if nps else None,
        references=tuple(program.cards_by_customer.get(who.id, ())),
        findings=tuple(program.by_path.get(record.source.path, ())),
    )


def _consent_views(record: CustomerRecord, day: date) -> list[ConsentView]:
    views = []
    for consent in record.customer.consents:
        ends = consent.ends
        if consent.granted > day:
            state: ConsentState = "not-yet"
        elif consent.valid_on(day):
            state = "valid"
        elif consent.withdrawn is not None and consent.withdrawn == ends:
            state = "withdrawn"
        else:
            state = "expired"
        left = (ends - day).days if state == "valid" and ends is not None else None
        views.append(
            ConsentView(
                scope=consent.scope,
                granted=consent.granted,
                ends=ends,
                by=consent.by,
                evidence=consent.evidence,
                note=consent.note,
                state=state,
                days_left=left,
            )
        )
    order = {"valid": 0, "not-yet": 1, "expired": 2, "withdrawn": 2}
    return sorted(views, key=lambda v: (order[v.state], v.scope))


def _reputation(entry: ReputationEntry, day: date) -> ReputationView:
    if entry.blocks_on(day):
        return ReputationView(entry, "blocking")
    return ReputationView(entry, "resolved" if entry.resolved_on(day) else "watch")


def request_totals(requests: tuple[Request, ...], day: date) -> RequestTotals:
    asked = [r for r in requests if r.date <= day]
    return RequestTotals(
        count=len(asked),
        by_outcome=tuple((o, sum(1 for r in asked if r.outcome == o)) for o in OUTCOMES),
        won_value=sum(r.value or 0 for r in asked if r.outcome == "won"),
    )
