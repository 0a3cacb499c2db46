"""The internal page of one reference: everything in the record, its findings with
their hints, its technologies' lifecycle, whom to call, and what its printed sheet for
a prospect may show (only what the customer's consents clear)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from markupsafe import Markup

from refcat.checks.availability import call_blockers
from refcat.checks.catalog import CustomerRecord, ReferenceRecord
from refcat.checks.finding import Finding
from refcat.checks.lifecycle import days_left, end_of_life, ended
from refcat.checks.models import Contact, Evaluation, Quote
from refcat.generator.build.markdown import to_html
from refcat.generator.internal.views import Program, ReferenceCard, technology_url
from refcat.generator.terms import Term, anonymous_label, term


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
    named: bool  # else shown as "<sector> in <region>": no name, logo, author or country
    logo: bool
    story: bool
    quote: bool


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


def technology_use(program: Program, release: str) -> TechnologyUse:
    found = program.catalog.release(release)
    label, url = program.technology(release), technology_url(release)
    if found is None:
        return TechnologyUse(label, url, "unknown", "not in the lifecycle files")
    end = end_of_life(found, program.report.policy.lifecycle_field)
    if ended(end, program.as_of):
        note = "end of life reached" if end is True else f"end of life since {end}"
        return TechnologyUse(label, url, "ended", note)
    left = days_left(end, program.as_of)
    warn = program.report.policy.eol_warn_days
    if left is not None and left <= warn:  # within, not "in N days": the page keeps its bytes
        return TechnologyUse(label, url, "ending", f"end of life {end}, within {warn} days")
    note = f"supported until {end}" if left is not None else "no end of life announced"
    return TechnologyUse(label, url, "supported", note)


def reference_page(program: Program, record: ReferenceRecord) -> ReferencePage:
    reference, customer = record.reference, program.catalog.customer_of(record)
    card = program.cards[record.id]
    strengths = program.strength_vocabulary
    body = record.body.strip()
    others = program.cards_by_customer.get(reference.customer, [])
    return ReferencePage(
        card=card,
        publish=reference.publish,
        anonymized=program.catalog.anonymized(record),
        sheet=_sheet(program, record, customer, card.region),
        logo_url=program.logo_url(customer),
        technologies=tuple(technology_use(program, t) for t in reference.technologies),
        technical=tuple(term(strengths, s) for s in reference.strengths.technical),
        commercial=tuple(term(strengths, s) for s in reference.strengths.commercial),
        benefits=tuple(reference.benefits),
        quote=reference.quote,
        evaluation=reference.evaluation,
        review_by=reference.review_by,
        story_html=to_html(record.body) if body else None,
        caveats_html=to_html(reference.caveats) if reference.caveats else None,
        findings=tuple(program.by_reference.get(record.id, ())),
        call_blockers=call_blockers(program.by_reference.get(record.id, ())),
        referees=tuple(c for c in customer.customer.contacts if c.referee) if customer else (),
        other_references=tuple(c for c in others if c.id != record.id),
    )


def _sheet(
    program: Program, record: ReferenceRecord, customer: CustomerRecord | None, region: str | None
) -> Sheet:
    if customer is None:
        return Sheet("A customer", False, False, False, False)
    who, day = customer.customer, program.as_of
    named = not program.catalog.anonymized(record) and who.has_consent("name", day)
    quote = record.reference.quote
    return Sheet(
        customer_label=who.name if named else anonymous_label(program.catalog, customer, region),
        named=named,
        logo=named and customer.logo_file is not None and who.has_consent("logo", day),
        story=bool(record.body.strip()) and who.has_consent("case-study", day),
        quote=quote is not None
        and quote.approved is not None
        and quote.approved <= day
        and who.has_consent("quote", day),
    )
