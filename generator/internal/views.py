"""The internal catalog's lookups, and the compact card a list shows of a reference.

`Program` computes once what every internal page needs: findings by reference and by
file, each customer's availability, a card per reference. Every reference shows the
review's verdict (published, internal only, not usable and why) and whether its
customer may be asked now. Views sort and decide; templates only loop and format.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Literal

from refcat.checks.availability import Availability, customer_availability
from refcat.checks.catalog import CustomerRecord, ReferenceRecord
from refcat.checks.finding import Finding
from refcat.checks.rules import BY_NAME, RULES
from refcat.checks.run import Report
from refcat.generator.internal.as_of import without_day_count
from refcat.generator.terms import Term, term

Status = Literal["published", "internal", "not-usable"]
STATUS_LABEL = {"published": "Published", "internal": "Internal only", "not-usable": "Not usable"}
# A rep looks for a reference that may be used: lists show usable ones first, in this order.
STATUS_ORDER = {status: position for position, status in enumerate(STATUS_LABEL)}
NO_CUSTOMER = Availability("not-usable", ("the customer record does not load",))
# The "Why not usable" facet lists these first, in the registry's order, and any other
# reason after them as it occurs.
REASON_LABEL = {rule.NAME: rule.LABEL for rule in RULES if rule.KIND == "blocking"}


def reason_label(rule: str) -> str:
    """Why a reference is not usable, in a few words: the rule's own label."""
    return BY_NAME[rule].LABEL


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
    reason_rules: tuple[str, ...]  # ... and their rules
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
    def referee_state(self) -> str:
        """The referee's state as the card shows it: neutral on a card that is not usable,
        so that a green "available" never sits beside a red "Not usable"."""
        return "neutral" if self.status == "not-usable" else self.availability.state

    @property
    def referee_label(self) -> str:
        """Whether the customer may be called about this reference, in the card's words."""
        if self.status == "not-usable":
            return "not to be asked while the reference is not usable"
        if self.availability.state == "not-usable":
            return "cannot be called: " + "; ".join(self.availability.reasons)
        return self.availability.label

    @property
    def meta(self) -> str:
        """Industry · region · country · year, the line under a card's title."""
        parts = (self.industry.label, self.region, self.country, str(self.completed.year))
        return " · ".join(part for part in parts if part)


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
        self.by_path: dict[str, list[Finding]] = defaultdict(list)
        for found in report.findings:
            # a record's page says the date a finding counts down to, not "in N days"
            finding = replace(found, message=without_day_count(found.message))
            self.by_path[finding.path].append(finding)
            for reference_id in finding.references:
                self.by_reference[reference_id].append(finding)
        self.availability = {
            customer_id: customer_availability(record.customer, report.policy, report.as_of)
            for customer_id, record in self.catalog.customers.items()
        }

    @cached_property
    def cards(self) -> dict[str, ReferenceCard]:
        """Every loaded reference: usable ones first (published, then internal only),
        then those not usable; newest first within each."""
        cards = sorted(
            (self._card(record) for record in self.catalog.references.values()),
            key=lambda c: (STATUS_ORDER[c.status], -c.completed.toordinal(), c.title.lower(), c.id),
        )
        return {card.id: card for card in cards}

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

    def status(self, reference_id: str) -> tuple[Status, tuple[Finding, ...]]:
        """Published, internal only, or not usable because of these blocking findings."""
        if reference_id in self.report.published:
            return "published", ()
        blocking = tuple(f for f in self.by_reference.get(reference_id, ()) if f.blocking)
        return ("not-usable" if blocking else "internal"), blocking

    def _card(self, record: ReferenceRecord) -> ReferenceCard:
        reference = record.reference
        customer = self.catalog.customer_of(record)
        who = customer.customer if customer else None
        status, blocking = self.status(record.id)
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
            reasons=tuple(dict.fromkeys(f.message for f in blocking)),
            reason_rules=tuple(dict.fromkeys(f.rule for f in blocking)),
            availability=self.availability.get(reference.customer, NO_CUSTOMER),
            products=tuple(term(self.product_vocabulary, p) for p in reference.products),
            strengths=tuple(term(self.strength_vocabulary, s) for s in reference.strengths.all()),
            technologies=tuple(self.technology(t) for t in reference.technologies),
            grade=who.rating.grade if who else None,
            forms=tuple(who.forms) if who else (),
        )

    def logo_url(self, customer: CustomerRecord | None) -> str | None:
        if customer is None or customer.logo is None:
            return None
        return f"logos/{customer.customer.id}{customer.logo.suffix}"  # the suffix of its content
