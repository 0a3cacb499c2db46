"""An anonymized reference that names its customer.

What it finds: an anonymized reference (`anonymize: true`, or a customer in a
`restricted` sector) whose public text names its customer: the customer's name or
its website's domain. The fields checked are every free text the public catalog
shows of an anonymized reference: `title` (also its page's address), `summary` (also
the page's description), `region` (its own, else the customer's: shown as "<sector>
in <region>" and in the region filter), each of `benefits`, the quote's `text` and
`role`, the story image's `alt` (the image itself is never shown anonymized), and
the Markdown story. The quote's `author` is never shown for an anonymized
reference, and industry, products and strengths are labels from `taxonomy.yaml`.

A name matches case-insensitively as whole words, whatever whitespace or Markdown
emphasis separates its words (a name split over two lines of the story matches).
Besides the full name, the name without its legal form (`AG`, `GmbH`, `Ltd`, `Inc.`,
`plc`, `S.A.`, ...) matches when what remains is two words or more, or one word of
at least five letters: "Hanse Kreditbank AG" also matches "Hanse Kreditbank", but
"Acme Bank" never matches a bare "Acme", which would flag every common word that
starts a company name. The domain is the website's registrable domain
(`https://www.kestrel-bank.example/about` -> `kestrel-bank.example`), matched with
or without `www.` or another subdomain, in a link or an e-mail address too.

Why it matters: an anonymized reference exists because the customer may not be
named (asset managers rarely disclose their suppliers); one mention of its name in
a benefit or in the region puts it on the website, the home page and the search
filters, against its will.

Example:
    anonymize: true
    region: Kestrel Savings Bank, Northern Europe

Fix: remove the customer's name and domain from the field, or publish the reference
named (`anonymize: false`, with a valid `name` consent).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

from refcat.checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from refcat.checks.facts import about_customer, about_reference
from refcat.checks.finding import Fact
from refcat.checks.models import Customer, Reference
from refcat.checks.policy import Policy

NAME = "anonymity-breach"
KIND = "blocking"
LABEL = "Anonymity breach"
ABOUT = "publication"

# Written in lower case without dots or brackets: "S.A.", "(Pty)" are compared as "sa", "pty".
LEGAL_FORMS = frozenset(
    {"ag", "gmbh", "mbh", "kg", "ohg", "ug", "ltd", "limited", "inc", "incorporated", "corp"}
    | {"corporation", "co", "plc", "llc", "llp", "lp", "sa", "sas", "sarl", "spa", "srl", "se"}
    | {"nv", "bv", "ab", "asa", "as", "oy", "oyj", "kk", "pty", "pte", "pvt", "bhd", "dac", "sl"}
    | {"&", "de", "cv"}  # "GmbH & Co. KG", "S.A. de C.V."
)
_SECOND_LEVELS = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"})
_WORD_GAP = r"[\s*_]+"  # whitespace and Markdown emphasis between a name's words
_LOCATION = tuple[str | int, ...]


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    patterns: dict[str, re.Pattern[str] | None] = {}
    by_customer_region: dict[str, list[ReferenceRecord]] = defaultdict(list)
    for record, customer in catalog.pairs():
        if not catalog.anonymized(record):
            continue
        who = customer.customer
        if who.id not in patterns:
            patterns[who.id] = customer_pattern(who)
        pattern = patterns[who.id]
        if pattern is None:
            continue
        for loc, where, text in public_fields(record.reference):
            found = pattern.search(text)
            if found:
                yield about_reference(record, loc, _message(found, where), _hint(where))
        yield from _story(record, pattern)
        if record.reference.region is None and who.region:
            by_customer_region[who.id].append(record)
    for customer_id, records in by_customer_region.items():
        yield from _customer_region(catalog.customers[customer_id], records, patterns)


def public_fields(reference: Reference) -> Iterator[tuple[_LOCATION, str, str]]:
    """(location, name for a marketer, text) of each front-matter text shown in public."""
    yield ("title",), "the title", reference.title
    yield ("summary",), "the summary", reference.summary
    if reference.region:
        yield ("region",), "the region", reference.region
    for index, benefit in enumerate(reference.benefits):
        yield ("benefits", index), f"benefit {index + 1}", benefit
    if reference.quote is not None:
        yield ("quote", "text"), "the quote", reference.quote.text
        if reference.quote.role:
            yield ("quote", "role"), "the quote's role", reference.quote.role
    if reference.image is not None:  # never shown anonymized, but a text written for the public
        yield ("image", "alt"), "the story image's alt text", reference.image.alt


def customer_pattern(customer: Customer) -> re.Pattern[str] | None:
    """One pattern for every way the customer is named: names, then its domain."""
    names = sorted(name_variants(customer.name), key=len, reverse=True)
    parts = [_name_pattern(name) for name in names]
    domain = registrable_domain(customer.website) if customer.website else None
    if domain:
        parts.append(r"(?<![\w-])" + re.escape(domain) + r"(?![\w-]|\.[^\W_])")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def name_variants(name: str) -> set[str]:
    """The name, and without its legal form when what remains still identifies it."""
    words = name.split()
    variants = {" ".join(words)} if words else set()
    while words and _bare(words[-1]) in LEGAL_FORMS:
        words.pop()
    if words:
        words[-1] = words[-1].rstrip(",")
    distinctive = len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 5)
    if distinctive:
        variants.add(" ".join(words))
    return variants


def registrable_domain(website: str) -> str | None:
    """`https://www.shop.kestrel.co.uk/x` -> `kestrel.co.uk`: the part a company owns."""
    try:
        host = urlsplit(website).hostname or ""
    except ValueError:  # a malformed address (an unclosed IPv6 bracket) names no domain
        return None
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVELS and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _bare(word: str) -> str:
    return word.lower().replace(".", "").strip(",()")


def _name_pattern(name: str) -> str:
    """Whole words only: a letter or digit may neither precede nor follow the name."""
    words = _WORD_GAP.join(re.escape(word) for word in name.split())
    return rf"(?<![^\W_]){words}(?![^\W_])"


def _story(record: ReferenceRecord, pattern: re.Pattern[str]) -> Iterator[Fact]:
    """The Markdown source, so the finding points at the line that names the customer."""
    found = list(pattern.finditer(record.body))
    if not found:
        return
    first = found[0]
    line = record.body_line + record.body.count("\n", 0, first.start())
    times = f" ({len(found)} times)" if len(found) > 1 else ""
    message = _message(first, "the story") + times
    source = record.source
    yield Fact(source.path, line, record.id, (record.id,), message, _hint("the story"))


def _customer_region(
    customer: CustomerRecord,
    records: list[ReferenceRecord],
    patterns: dict[str, re.Pattern[str] | None],
) -> Iterator[Fact]:
    """The customer's region is shown for anonymized references that have none of their own."""
    pattern = patterns[customer.customer.id]
    found = pattern.search(customer.customer.region or "") if pattern else None
    if found:
        message = _message(found, "the region", "Anonymized references name their customer")
        hint = "Remove the customer's name from its region, or give each reference its own `region`"
        yield about_customer(customer, records, ("region",), message, hint)


def _message(
    found: re.Match[str], where: str, subject: str = "The anonymized reference names its customer"
) -> str:
    written = " ".join(re.split(_WORD_GAP, found.group(0)))  # as written, on one line
    return f"{subject} '{written}' in {where}"


def _hint(where: str) -> str:
    return (
        f"Remove the customer's name from {where}, or publish the reference named"
        " (`anonymize: false`, with a valid name consent)"
    )
