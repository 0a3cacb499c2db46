"""Vocabulary both catalogs share: terms, slugs, monograms and how a hidden customer is named.

The public and the internal catalog must say the same thing the same way (a sector's
label, a region's slug in a filter, "Banking in EMEA" for an anonymized customer), so
the words live here rather than in either catalog's views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcat.checks.catalog import Catalog, CustomerRecord


@dataclass(frozen=True)
class Term:
    """A vocabulary entry: its slug (for filters and URLs) and its label."""

    slug: str
    label: str
    short: str = ""  # a shorter label for tight spaces (cards), when there is one

    @property
    def short_label(self) -> str:
        return self.short or self.label


def term(vocabulary: dict, slug: str) -> Term:
    """The taxonomy's label for a slug; the slug itself when the taxonomy lacks it."""
    entry = vocabulary.get(slug)
    return Term(slug, entry.label if entry is not None else slug)


def slugify(text: str) -> str:
    """A free-text value (a region such as 'EMEA') as a URL- and attribute-safe slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


def initials(label: str) -> str:
    """Up to two capital letters for a monogram: 'Hanse Kreditbank AG' -> 'HK'."""
    words = [w for w in re.findall(r"[^\W\d_][\w&'.-]*", label) if w[0].isupper()]
    return "".join(w[0] for w in words[:2]) or label[:1].upper()


def anonymous_label(catalog: Catalog, customer: CustomerRecord, region: str | None) -> str:
    """'<sector label> in <region>', or the sector label alone."""
    sectors = catalog.taxonomy.sectors if catalog.taxonomy else {}
    sector = term(sectors, customer.customer.sector).label
    return f"{sector} in {region}" if region else sector
