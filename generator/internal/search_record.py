"""What the internal search finds a reference by, field by field.

Reps search by what they know of a prospect's wish: a customer's name, a product, a
strength, a technology, a country, the language a call must be held in. The word index
(`generator/internal/word_index.py`), the one place these records go, lists each word
with the fields it is in, so that the catalog can say which field a result matched.
Internally everything is visible: an anonymized reference is found by its customer's
name too (this record goes only into the internal catalog's word index).
Countries and languages are written by name and by code ("Sweden (SE)", "Swedish
(sv)"): a rep types either.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcat.generator.internal.places import country_name, language_name
from refcat.generator.internal.reference import ReferencePage
from refcat.generator.internal.views import Program
from refcat.generator.terms import Term


@dataclass(frozen=True)
class SearchRecord:
    page: ReferencePage
    customer: str | None
    country: str | None
    strengths: tuple[str, ...]
    products: tuple[str, ...]
    technologies: tuple[str, ...]
    languages: tuple[str, ...]  # of all the customer's contacts: whom a rep could call


def search_record(program: Program, page: ReferencePage) -> SearchRecord:
    card = page.card
    record = program.catalog.references[card.id]
    customer = program.catalog.customer_of(record)
    contacts = customer.customer.contacts if customer else ()
    languages = dict.fromkeys(code for contact in contacts for code in contact.languages)
    return SearchRecord(
        page=page,
        customer=card.customer.label if card.customer else None,
        country=_named(card.country, country_name(card.country)) if card.country else None,
        strengths=tuple(t.label for t in card.strengths),
        products=tuple(t.label for t in card.products),
        technologies=tuple(_technology(t) for t in card.technologies),
        languages=tuple(_named(code, language_name(code)) for code in languages),
    )


def _named(code: str, name: str) -> str:
    """'Sweden (SE)'; a code without a known name as it is."""
    return code if name == code else f"{name} ({code})"


def _technology(release: Term) -> str:
    """'Red Hat Enterprise Linux 9 (rhel)': the lifecycle's title and its product slug,
    the short name reps often type."""
    product = release.slug.partition("@")[0]
    named = product.replace("-", " ") in release.label.lower()
    return release.label if named else f"{release.label} ({product})"
