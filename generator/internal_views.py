"""Internal views of references: a compact card for lists, a full page for one reference.

Everything in the records is shown here, with the review's verdict on each reference
(published, internal only, not usable and why) and whether its customer may be asked
now. Views sort and decide; templates only loop and format.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from markupsafe import Markup

from checks.catalog import CustomerRecord, ReferenceRecord
from checks.finding import Finding
from checks.lifecycle import days_left, end_of_life, ended
from checks.models import Contact, Evaluation, Quote
from checks.run import Report
from generator.availability import Availability, call_blockers, customer_availability
from generator.markdown import to_html
from generator.views import Term, anonymous_label, term

Status = Literal["published", "internal", "not-usable"]
STATUS_LABEL = {"published": "Published", "internal": "Internal only", "not-usable": "Not usable"}
NO_CUSTOMER = Availability("not-usable", ("the customer record does not load",))


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class ReferenceCard:
    """What a list shows of a reference, and what the filters need to know about it."""

    id: str
    url: str
    title: str
    summary: str
    customer: Link | None
    industry: Term
    region: str | None
    country: str | None
    completed: date
    status: Status
    reasons: tuple[str, ...]  # why not usable: the blocking findings' messages
    availability: Availability
    products: tuple[Term, ...]
    strengths: tuple[Term, ...]
    technologies: tuple[Term, ...]  # slug: `product@cycle`
    grade: str | None
    forms: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]

    @property
    def meta(self) -> str:
        """Industry · region · country · year, the line under a card's title."""
        parts = (self.industry.label, self.region, self.country, str(self.completed.year))
        return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class TechnologyUse:
    term: Term
    url: str
    state: Literal["supported", "ending", "ended", "unknown"]
    note: str


@dataclass(frozen=True)
class Sheet:
    """What the printed sheet for a prospect may show: what the consents clear."""

    customer_label: str
    logo: bool
    story: bool
    quote: bool
    quote_author: bool


@dataclass(frozen=True)
class ReferencePage:
    card: ReferenceCard
    publish: str
    anonymized: bool
    sheet: Sheet
    logo_url: str | None
    technologies: tuple[TechnologyUse, ...]
    technical: tuple[Term, ...]
    commercial: tuple[Term, ...]
    benefits: tuple[str, ...]
    quote: Quote | None
    evaluation: Evaluation | None
    review_by: date | None
    story_html: Markup | None
    caveats_html: Markup | None
    findings: tuple[Finding, ...]
    call_blockers: tuple[str, ...]
    referees: tuple[Contact, ...]
    other_references: tuple[ReferenceCard, ...]


def reference_url(reference_id: str) -> str:
    return f"references/{reference_id}.html"


def customer_url(customer_id: str) -> str:
    return f"customers/{customer_id}.html"


def technology_url(release: str) -> str:
    product, _, cycle = release.partition("@")
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in cycle)
    return f"technologies/{product}/{safe}.html"


class Program:
    """The report with its lookups computed once: findings, availability, cards."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.catalog = report.catalog
        self.as_of = report.as_of
        taxonomy = self.catalog.taxonomy
        self.sectors = taxonomy.sectors if taxonomy else {}
        self.strength_vocabulary = taxonomy.strengths if taxonomy else {}
        self.product_vocabulary = taxonomy.products if taxonomy else {}
        self.by_reference: dict[str, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            for reference_id in finding.references:
                self.by_reference[reference_id].append(finding)
        self.availability = {
            customer_id: customer_availability(record.customer, report.policy, report.as_of)
            for customer_id, record in self.catalog.customers.items()
        }

    @cached_property
    def cards(self) -> dict[str, ReferenceCard]:
        """Every loaded reference, newest first."""
        records = sorted(
            self.catalog.references.values(),
            key=lambda r: (-r.reference.completed.toordinal(), r.reference.title.lower(), r.id),
        )
        return {record.id: self._card(record) for record in records}

    @cached_property
    def cards_by_customer(self) -> dict[str, list[ReferenceCard]]:
        grouped: dict[str, list[ReferenceCard]] = defaultdict(list)
        for card in self.cards.values():
            grouped[self.catalog.references[card.id].reference.customer].append(card)
        return grouped

    def technology(self, release: str) -> Term:
        product, _, cycle = release.partition("@")
        found = self.catalog.lifecycle.get(product)
        return Term(release, f"{found.title if found else product} {cycle}")

    def status(self, reference_id: str) -> tuple[Status, tuple[str, ...]]:
        blocking = [f for f in self.by_reference.get(reference_id, ()) if f.blocking]
        reasons = tuple(dict.fromkeys(f.message for f in blocking))
        if reference_id in self.report.published:
            return "published", ()
        return ("not-usable" if blocking else "internal"), reasons

    def _card(self, record: ReferenceRecord) -> ReferenceCard:
        reference = record.reference
        customer = self.catalog.customer_of(record)
        who = customer.customer if customer else None
        status, reasons = self.status(record.id)
        return ReferenceCard(
            id=record.id,
            url=reference_url(record.id),
            title=reference.title,
            summary=reference.summary,
            customer=Link(who.name, customer_url(who.id)) if who else None,
            industry=term(self.sectors, reference.industry or (who.sector if who else "")),
            region=reference.region or (who.region if who else None),
            country=who.country if who else None,
            completed=reference.completed,
            status=status,
            reasons=reasons,
            availability=self.availability.get(reference.customer, NO_CUSTOMER),
            products=tuple(term(self.product_vocabulary, p) for p in reference.products),
            strengths=tuple(term(self.strength_vocabulary, s) for s in reference.strengths.all()),
            technologies=tuple(self.technology(t) for t in reference.technologies),
            grade=who.rating.grade if who else None,
            forms=tuple(who.forms) if who else (),
        )

    def logo_url(self, customer: CustomerRecord | None) -> str | None:
        if customer is None or customer.logo_file is None:
            return None
        return f"logos/{customer.customer.id}{customer.logo_file.suffix.lower()}"

    def technology_use(self, release: str) -> TechnologyUse:
        found = self.catalog.release(release)
        label, url = self.technology(release), technology_url(release)
        if found is None:
            return TechnologyUse(label, url, "unknown", "not in the lifecycle files")
        end = end_of_life(found, self.report.policy.lifecycle_field)
        if ended(end, self.as_of):
            note = "end of life reached" if end is True else f"end of life since {end}"
            return TechnologyUse(label, url, "ended", note)
        left = days_left(end, self.as_of)
        if left is not None and left <= self.report.policy.eol_warn_days:
            return TechnologyUse(label, url, "ending", f"end of life {end}, in {left} days")
        note = f"supported until {end}" if left is not None else "no end of life announced"
        return TechnologyUse(label, url, "supported", note)

    def reference_page(self, record: ReferenceRecord) -> ReferencePage:
        reference, customer = record.reference, self.catalog.customer_of(record)
        card = self.cards[record.id]
        strengths = self.strength_vocabulary
        body = record.body.strip()
        others = self.cards_by_customer.get(reference.customer, [])
        return ReferencePage(
            card=card,
            publish=reference.publish,
            anonymized=self.catalog.anonymized(record),
            sheet=self._sheet(record, customer, card.region),
            logo_url=self.logo_url(customer),
            technologies=tuple(self.technology_use(t) for t in reference.technologies),
            technical=tuple(term(strengths, s) for s in reference.strengths.technical),
            commercial=tuple(term(strengths, s) for s in reference.strengths.commercial),
            benefits=tuple(reference.benefits),
            quote=reference.quote,
            evaluation=reference.evaluation,
            review_by=reference.review_by,
            story_html=to_html(record.body) if body else None,
            caveats_html=to_html(reference.caveats) if reference.caveats else None,
            findings=tuple(self.by_reference.get(record.id, ())),
            call_blockers=call_blockers(self.by_reference.get(record.id, ())),
            referees=tuple(c for c in customer.customer.contacts if c.referee) if customer else (),
            other_references=tuple(c for c in others if c.id != record.id),
        )

    def _sheet(
        self, record: ReferenceRecord, customer: CustomerRecord | None, region: str | None
    ) -> Sheet:
        if customer is None:
            return Sheet("A customer", False, False, False, False)
        who, day = customer.customer, self.as_of
        named = not self.catalog.anonymized(record) and who.has_consent("name", day)
        quote = record.reference.quote
        return Sheet(
            customer_label=who.name if named else anonymous_label(self.catalog, customer, region),
            logo=named and customer.logo_file is not None and who.has_consent("logo", day),
            story=bool(record.body.strip()) and who.has_consent("case-study", day),
            quote=quote is not None
            and quote.approved is not None
            and quote.approved <= day
            and who.has_consent("quote", day),
            quote_author=named,
        )
