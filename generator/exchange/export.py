"""References as spreadsheet rows: one row per reference with its customer's columns.

The public rows are made from the public catalog's allow-list views only
(`PublicReference`), so an internal field cannot reach them; the leak guard then reads
the CSV as it reads a public page. The internal rows carry the review's verdict and
the customer's program data, but no contact's e-mail or phone: a spreadsheet travels
further than the intranet, and the internal catalog's customer pages have them.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from refcat.checks.availability import GRADE_MEANING
from refcat.checks.models import Customer
from refcat.checks.run import Report
from refcat.generator.build.guard import LeakError, find_leaks
from refcat.generator.build.guard.public_text import public_texts
from refcat.generator.build.site import BUILTIN_THEME
from refcat.generator.exchange.csv_cells import to_csv
from refcat.generator.internal.views import Program, ReferenceCard
from refcat.generator.public.views import PublicReference, public_catalog
from refcat.generator.terms import Term

LIST = "; "  # between the values of a list column
PUBLIC_COLUMNS = (
    "id", "url", "title", "summary", "customer", "named", "website", "industry", "region",
    "products", "strengths", "benefits", "quote", "quote_author", "quote_role", "completed",
)  # fmt: skip
INTERNAL_COLUMNS = (
    "id", "title", "summary", "status", "why_not_usable", "publish", "completed",
    "industry", "region", "country", "products", "technologies", "strengths",
    "customer_id", "customer", "kind", "sector", "website", "owner", "customer_status",
    "grade", "grade_meaning", "rating_reviewed", "availability", "valid_consents",
)  # fmt: skip


def public_csv(report: Report, settings: dict[str, Any], *, bom: bool = False) -> str:
    """The published references as CSV; LeakError when the guard finds internal data."""
    catalog = public_catalog(report)
    text = to_csv(PUBLIC_COLUMNS, (_public_row(r) for r in catalog.references), bom=bom)
    shown = public_texts(catalog, report.as_of, BUILTIN_THEME, settings)
    leaks = guard(text, report, [*shown, *PUBLIC_COLUMNS])
    if leaks:
        raise LeakError(leaks)
    return text


def guard(text: str, report: Report, shown: Iterable[str]) -> list[str]:
    """The leak guard's findings in the CSV, read as written and cell by cell (a quoted
    cell doubles its quotes, which would split a name the guard looks for)."""
    with tempfile.TemporaryDirectory(prefix="refcat-export-") as folder:
        Path(folder, "references.csv").write_text(text, encoding="utf-8", newline="")
        cells = "\n".join(cell for row in csv.reader(io.StringIO(text)) for cell in row)
        Path(folder, "references.txt").write_text(cells, encoding="utf-8")
        return find_leaks(Path(folder), report, shown)


def _public_row(reference: PublicReference) -> list[str]:
    quote = reference.quote
    return [
        reference.id,
        reference.url,
        reference.title,
        reference.summary,
        reference.customer_label,
        "yes" if reference.named else "no",
        reference.website or "",
        reference.industry.label,
        reference.region.label if reference.region else "",
        _labels(reference.products),
        _labels(reference.strengths),
        LIST.join(reference.benefits),
        quote.text if quote else "",
        (quote.author or "") if quote else "",
        (quote.role or "") if quote else "",
        reference.completed.isoformat(),
    ]


def internal_csv(report: Report, *, bom: bool = False) -> str:
    """Every reference with the review's verdict and its customer's program data."""
    program = Program(report)
    return to_csv(
        INTERNAL_COLUMNS, (_internal_row(program, c) for c in program.cards.values()), bom=bom
    )


def _internal_row(program: Program, card: ReferenceCard) -> list[str]:
    record = program.catalog.references[card.id]
    customer = program.catalog.customer_of(record)
    return [
        card.id,
        card.title,
        card.summary,
        card.status_label,
        LIST.join(card.reasons),
        record.reference.publish,
        card.completed.isoformat(),
        card.industry.label,
        card.region or "",
        card.country or "",
        _labels(card.products),
        _labels(card.technologies),
        _labels(card.strengths),
        record.reference.customer,
        *(_customer_cells(customer.customer, program, card) if customer else [""] * 11),
    ]


def _customer_cells(customer: Customer, program: Program, card: ReferenceCard) -> list[str]:
    valid = sorted({c.scope for c in customer.consents if c.valid_on(program.as_of)})
    return [
        customer.name,
        customer.kind,
        customer.sector,
        customer.website or "",
        customer.owner or "",
        customer.status.state,
        customer.rating.grade,
        GRADE_MEANING.get(customer.rating.grade, ""),
        customer.rating.reviewed.isoformat(),
        card.availability.label,
        LIST.join(valid),
    ]


def _labels(terms: Iterable[Term]) -> str:
    return LIST.join(term.label for term in terms)
