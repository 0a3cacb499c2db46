"""Internal views: everything in the records, plus the review's verdict on each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from checks.catalog import ReferenceRecord
from checks.finding import Finding
from checks.models import Customer, Reference
from checks.run import Report
from generator.markdown import to_html


@dataclass(frozen=True)
class InternalReference:
    id: str
    url: str
    title: str
    reference: Reference
    customer: Customer | None
    status: str  # published | internal | not-usable
    reasons: tuple[str, ...]
    findings: tuple[Finding, ...]
    story_html: Markup
    caveats_html: Markup | None
    logo_url: str | None


@dataclass(frozen=True)
class InternalCatalog:
    references: tuple[InternalReference, ...]
    logo_files: dict[str, Path]


def internal_catalog(report: Report) -> InternalCatalog:
    catalog = report.catalog
    references = []
    logo_files: dict[str, Path] = {}
    for record in sorted(catalog.references.values(), key=lambda r: r.id):
        customer = catalog.customer_of(record)
        logo_url = None
        if customer is not None and customer.logo_file is not None:
            logo_url = f"logos/{customer.customer.id}{customer.logo_file.suffix.lower()}"
            logo_files[logo_url] = customer.logo_file
        references.append(
            _reference(report, record, customer.customer if customer else None, logo_url)
        )
    return InternalCatalog(tuple(references), logo_files)


def _reference(
    report: Report, record: ReferenceRecord, customer: Customer | None, logo_url: str | None
) -> InternalReference:
    findings = tuple(report.findings_for(record.id))
    blocking = [f for f in findings if f.blocking]
    if record.id in report.published:
        status = "published"
    elif blocking:
        status = "not-usable"
    else:
        status = "internal"
    caveats = record.reference.caveats
    return InternalReference(
        id=record.id,
        url=f"references/{record.id}.html",
        title=record.reference.title,
        reference=record.reference,
        customer=customer,
        status=status,
        reasons=tuple(dict.fromkeys(f.message for f in blocking)),
        findings=findings,
        story_html=to_html(record.body),
        caveats_html=to_html(caveats) if caveats else None,
        logo_url=logo_url,
    )
