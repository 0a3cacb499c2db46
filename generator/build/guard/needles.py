"""What identifies internal data in a page: the needles the leak guard looks for.

Four kinds, from the most to the least distinctive: e-mail addresses (as written);
phone numbers (by their digits, whatever the separators); names and titles that must
not appear (people, customers shown only anonymized and their web domains, titles and
summaries of references that are not published), as whole words at any length; and
internal texts (notes, caveats, evaluations, findings ...) as phrases between
Markdown and punctuation breaks, long enough to say something on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlparse

from refcat.checks.catalog import Catalog, ReferenceRecord
from refcat.checks.models import Customer
from refcat.checks.run import Report
from refcat.generator.build.guard.decode import plain

MIN_PHRASE = 8  # a shorter phrase ("weekly", "CIO") says nothing on its own
MIN_PHONE_DIGITS = 6  # fewer digits occur in any page by chance
PHONE_TAIL = 8  # compared digits: "+44 20 7946 0184" is also "020 7946 0184"
_PHRASE_BREAK = re.compile(
    r"[\n*_#<>=`|\[\]{}()\"“”]+"  # Markdown and markup
    r"|[.,;:!?](?=\s|$)|(?<!\w)'|'(?!\w)|\s[-\u2013\u2014]\s"  # punctuation, quotes, dashes
)
_LIST_MARKS = " \t-+.,;:!?"  # "- item": Markdown drops the mark; "end..": the last dot

Kind = Literal["text", "word", "phone"]


@dataclass(frozen=True)
class Needle:
    key: str  # in plain lower case; for a phone, its last digits
    kind: Kind  # text: anywhere; word: as whole words; phone: the end of a written number
    where: str  # "a contact of customer acme"


def needles(report: Report) -> Iterator[Needle]:
    """Every needle of every record, in record order."""
    catalog = report.catalog
    named = named_customers(report)
    for customer_id, record in catalog.customers.items():
        yield from _customer(record.customer, f"customer {customer_id}")
        if customer_id not in named:
            yield from _anonymous(record.customer, customer_id)
    for record in catalog.references.values():
        yield from _reference(record, record.id in report.published, catalog.anonymized(record))
    for finding in report.findings:
        yield from phrases(f"a finding ({finding.rule})", finding.message)


def named_customers(report: Report) -> set[str]:
    """Customers named by at least one published reference."""
    catalog: Catalog = report.catalog
    return {
        catalog.references[r].reference.customer
        for r in report.published
        if not catalog.anonymized(catalog.references[r])
    }


def _customer(customer: Customer, where: str) -> Iterator[Needle]:
    for contact in customer.contacts:
        contact_of = f"a contact of {where}"
        yield from words(contact_of, contact.name, contact.role)
        if contact.email:
            yield Needle(plain(contact.email), "text", contact_of)
        yield from _phone(contact_of, contact.phone)
    for consent in customer.consents:
        yield from words(f"a consent of {where}", consent.by)
        yield from phrases(f"a consent of {where}", consent.evidence, consent.note)
    yield from phrases(f"the notes of {where}", customer.notes)
    yield from words(f"the owner or rating of {where}", customer.owner)
    yield from phrases(f"the owner or rating of {where}", customer.rating.note)
    yield from words(f"the rating of {where}", customer.rating.by)
    for request in customer.requests:
        yield from words(f"a request of {where}", request.prospect, request.by)
        yield from phrases(f"a request of {where}", getattr(request, "reason", None))
    for entry in customer.reputation:
        yield from phrases(f"a reputation entry of {where}", entry.summary, entry.source)


def _reference(record: ReferenceRecord, published: bool, anonymized: bool) -> Iterator[Needle]:
    reference, where = record.reference, f"reference {record.id}"
    yield from phrases(f"the caveats of {where}", reference.caveats)
    if reference.evaluation is not None:
        yield from words(f"the evaluation of {where}", reference.evaluation.by)
        yield from phrases(f"the evaluation of {where}", reference.evaluation.note)
    quote = reference.quote
    if quote is not None and (anonymized or not published):
        yield from words(f"the quote author of {where}", quote.author)
    if not published:  # an excluded reference leaves no trace
        yield from words(f"unpublished {where}", reference.title, reference.summary)
        texts = (record.body, quote.text if quote else None, *reference.benefits)
        yield from phrases(f"unpublished {where}", *texts)


def _anonymous(customer: Customer, customer_id: str) -> Iterator[Needle]:
    """A customer no published reference names: its name and web domain stay out."""
    yield from words(f"the name of customer {customer_id}", customer.name)
    host = urlparse(customer.website).hostname if customer.website else None
    if host:
        yield from words(f"the website of customer {customer_id}", host.removeprefix("www."))


def words(where: str, *values: str | None) -> Iterator[Needle]:
    """Names and titles, found as whole words at any length."""
    for value in values:  # "Core banking migration." is found as its words
        key = plain(value.strip(_LIST_MARKS)) if value else ""
        if any(c.isalnum() for c in key):  # `"` alone names no one
            yield Needle(key, "word", where)


def phrases(where: str, *texts: str | None) -> Iterator[Needle]:
    """Markdown and punctuation change on the way to HTML: each plain run of text."""
    for text in texts:
        for key in split_phrases(text or ""):
            yield Needle(key, "text", where)


def split_phrases(text: str) -> list[str]:
    """The plain runs of `text` between Markdown and punctuation breaks, long enough."""
    keys = (plain(phrase.strip(_LIST_MARKS)) for phrase in _PHRASE_BREAK.split(text))
    return [key for key in keys if len(key) >= MIN_PHRASE and any(c.isalnum() for c in key)]


def _phone(where: str, phone: str | None) -> Iterator[Needle]:
    """A phone number by its last digits, and as written (it may hold letters)."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= MIN_PHONE_DIGITS:
        yield Needle(digits[-PHONE_TAIL:], "phone", where)
    yield from phrases(where, phone)
