"""The internal catalog for sales: every reference, its status, and all of its fields."""

from __future__ import annotations

from typing import Any

from checks.run import Report
from generator.internal_views import internal_catalog
from generator.sites import Page, Site


def internal_site(report: Report, settings: dict[str, Any]) -> Site:
    catalog = internal_catalog(report)
    common = {"audience": "internal", "catalog": catalog, "as_of": report.as_of}
    pages = [Page("index.html", "internal/index", {**common, "page_title": "Reference catalog"})]
    pages += [
        Page(r.url, "internal/reference", {**common, "reference": r, "page_title": r.title})
        for r in catalog.references
    ]
    return Site(audience="internal", report=report, pages=pages, files=dict(catalog.logo_files))
