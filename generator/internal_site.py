"""The internal catalog for sales: what its pages are, each with its view objects.

    report -> Program (lookups) -> views (cards, pages, topics, dashboard) -> pages

Every page is plain data for the Pelican plugin to write; the compact index for the
browser (`data/references.json`) is one of them. Only `output/internal/` gets these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from checks.run import Report
from generator.dashboard import dashboard, dashboard_charts
from generator.internal_customers import customer_page
from generator.internal_index import PAGE_SIZE, facets, index_json
from generator.internal_topics import FOLDER, customer_rows, finding_groups, topics
from generator.internal_views import Program, ReferenceCard
from generator.referee_finder import Query, rank, referee_entries
from generator.sites import Page, Site

NAV = (
    ("catalog", "References", "index.html"),
    ("find", "Find a referee", "find.html"),
    ("customers", "Customers", "customers/index.html"),
    ("strength", "Strengths", "strengths/index.html"),
    ("technology", "Technologies", "technologies/index.html"),
    ("product", "Products", "products/index.html"),
    ("dashboard", "Dashboard", "dashboard.html"),
    ("findings", "Findings", "findings.html"),
)
INDEX_PATH = "data/references.json"
FINDER_SHOWN = 20


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    total: int  # references in the catalog
    first: int  # 1-based position of the first card on this page

    @property
    def last(self) -> int:
        return min(self.first + PAGE_SIZE - 1, self.total)

    def url(self, number: int) -> str:
        return "index.html" if number == 1 else f"page/{number}.html"


def internal_site(report: Report, settings: dict[str, Any]) -> Site:
    program = Program(report)
    common = {"audience": "internal", "as_of": report.as_of, "nav": NAV}
    entries = referee_entries(program)
    facet_list = facets(program.cards.values())
    pages = _catalog_pages(list(program.cards.values()), facet_list, common)
    pages.append(
        Page(
            INDEX_PATH,
            "internal/json",
            {"payload": Markup(index_json(report.as_of, facet_list, entries))},
        )
    )
    pages.append(_finder_page(program, entries, facet_list, common))
    pages += _record_pages(program, common)
    pages += _topic_pages(program, common)
    board = dashboard(program)
    pages.append(
        Page(
            "dashboard.html",
            "internal/dashboard",
            {
                **common,
                "current": "dashboard",
                "page_title": "Program dashboard",
                "board": board,
                "charts": dashboard_charts(board),
            },
        )
    )
    pages.append(
        Page(
            "findings.html",
            "internal/findings",
            {
                **common,
                "current": "findings",
                "page_title": "Findings",
                "groups": finding_groups(program),
                "report": _report_summary(report),
            },
        )
    )
    logo_files = {}
    for record in program.catalog.customers.values():
        url = program.logo_url(record)
        if url is not None and record.logo_file is not None:
            logo_files[url] = record.logo_file
    return Site(audience="internal", report=report, pages=pages, files=logo_files)


def _catalog_pages(cards: list[ReferenceCard], facet_list, common: dict[str, Any]) -> list[Page]:
    count = max(1, -(-len(cards) // PAGE_SIZE))
    pages = []
    for number in range(1, count + 1):
        first = (number - 1) * PAGE_SIZE
        pagination = Pagination(number, count, len(cards), first + 1)
        variables = {
            **common,
            "current": "catalog",
            "page_title": "Reference catalog"
            if number == 1
            else f"Reference catalog, page {number}",
            "cards": cards[first : first + PAGE_SIZE],
            "facets": facet_list,
            "pagination": pagination,
            "index_path": INDEX_PATH,
        }
        pages.append(Page(pagination.url(number), "internal/index", variables))
    return pages


def _finder_page(program, entries, facet_list, common) -> Page:
    by_key = {f.key: f for f in facet_list}
    ranking = rank(Query(), entries)
    return Page(
        "find.html",
        "internal/find",
        {
            **common,
            "current": "find",
            "page_title": "Find a referee",
            "industries": by_key["industry"].values,
            "regions": by_key["region"].values,
            "products": by_key["product"].values,
            "strengths": by_key["strength"].values,
            "ranked": ranking.ranked[:FINDER_SHOWN],
            "ranked_total": len(ranking.ranked),
            "near": ranking.near_misses[:FINDER_SHOWN],
            "near_total": len(ranking.near_misses),
            "index_path": INDEX_PATH,
        },
    )


def _record_pages(program: Program, common: dict[str, Any]) -> list[Page]:
    pages = []
    for record in program.catalog.references.values():
        view = program.reference_page(record)
        pages.append(
            Page(
                view.card.url,
                "internal/reference",
                {**common, "current": "catalog", "page_title": view.card.title, "reference": view},
            )
        )
    for record in program.catalog.customers.values():
        view = customer_page(program, record)
        pages.append(
            Page(
                view.url,
                "internal/customer",
                {**common, "current": "customers", "page_title": view.name, "customer": view},
            )
        )
    pages.append(
        Page(
            "customers/index.html",
            "internal/customers",
            {
                **common,
                "current": "customers",
                "page_title": "Customers",
                "rows": customer_rows(program),
            },
        )
    )
    return pages


TOPIC_TITLES = {"strength": "Strengths", "technology": "Technologies", "product": "Products"}


def _topic_pages(program: Program, common: dict[str, Any]) -> list[Page]:
    pages = []
    for kind, title in TOPIC_TITLES.items():
        pages_of_kind = topics(program, kind)
        pages.append(
            Page(
                f"{FOLDER[kind]}/index.html",
                "internal/topics",
                {
                    **common,
                    "current": kind,
                    "page_title": title,
                    "kind": kind,
                    "topics": pages_of_kind,
                },
            )
        )
        pages += [
            Page(
                t.url,
                "internal/topic",
                {**common, "current": kind, "page_title": t.term.label, "topic": t},
            )
            for t in pages_of_kind
        ]
    return pages


def _report_summary(report: Report) -> dict[str, int]:
    return {"errors": report.errors, "warnings": report.warnings, "findings": len(report.findings)}
