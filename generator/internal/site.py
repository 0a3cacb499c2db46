"""The internal catalog for sales: what its pages are, each with its view objects.

    report -> Program (lookups) -> views (cards, pages, topics, dashboard) -> pages

Every page is plain data for the Pelican plugin to write; the compact index the
browser filters on (`data/references.json`) is one of them. Long lists (the catalog,
customers, findings) are split into pages; only `output/internal/` gets any of this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from refcat.checks.catalog import Catalog
from refcat.checks.run import Report
from refcat.generator.build.site import Page, SearchStarter, Site, no_search
from refcat.generator.internal.as_of import AS_OF_SCRIPT, as_of_script
from refcat.generator.internal.customers import customer_page
from refcat.generator.internal.dashboard import dashboard
from refcat.generator.internal.dashboard_charts import dashboard_charts
from refcat.generator.internal.finder import MERITS, Query, rank, referee_entries
from refcat.generator.internal.findings import findings_pages
from refcat.generator.internal.index import (
    PAGE_SIZE,
    Facet,
    facets,
    finder_index_json,
    index_json,
)
from refcat.generator.internal.pagination import paginate
from refcat.generator.internal.places import country_options, language_options
from refcat.generator.internal.referees import RefereeEntry
from refcat.generator.internal.reference import ReferencePage, reference_page
from refcat.generator.internal.search_record import SearchRecord, search_record
from refcat.generator.internal.topics import FOLDER, TopicKind, customer_rows, topics
from refcat.generator.internal.views import Program
from refcat.generator.internal.word_index import ROWS_PATH, positions, word_chunks
from refcat.generator.internal.worklist import (
    CONSENTS_URL,
    WORKLIST_URL,
    consents_worklist,
    full_worklist,
)

NAV = (
    ("catalog", "References", "index.html"),
    ("find", "Find a referee", "find.html"),
    ("customers", "Customers", "customers/index.html"),
    ("strength", "Strengths", "strengths/index.html"),
    ("technology", "Technologies", "technologies/index.html"),
    ("product", "Products", "products/index.html"),
    ("dashboard", "Dashboard", "dashboard.html"),
    ("worklist", "Worklist", "worklist.html"),
    ("findings", "Findings", "findings.html"),
)
INDEX_PATH = "data/references.json"
FINDER_INDEX_PATH = "data/finder.json"
BRIEF_PATH = "data/briefs/{id}.txt"  # internal.js and the `candidate` macro know it too
FINDER_SHOWN = 20
CUSTOMERS_PER_PAGE = 200
PageMaker = Callable[..., Page]  # (path, template, current nav key, title, **variables)
TOPIC_TITLES: dict[TopicKind, str] = {
    "strength": "Strengths",
    "technology": "Technologies",
    "product": "Products",
}


def markdown_texts(catalog: Catalog, report: Report | None) -> list[str]:
    """The Markdown the internal catalog renders: every story, caveat and note, whatever
    the review says, so all of it before the review (`report` None) and none after."""
    if report is not None:
        return []
    texts = [r.body for r in catalog.references.values()]
    texts += [r.reference.caveats or "" for r in catalog.references.values()]
    return texts + [c.customer.notes or "" for c in catalog.customers.values()]


def internal_site(
    report: Report, settings: dict[str, Any], start_search: SearchStarter = no_search
) -> Site:
    """The catalog's pages. `start_search` is never called: the catalog's search reads
    its own word index, so no Pagefind index is made of internal text."""
    program = Program(report)
    page = _page_maker(report)
    references = [reference_page(program, r) for r in program.catalog.references.values()]
    # what the word index holds of each reference; the internal catalog has no Pagefind
    records = [search_record(program, v) for v in references]
    entries = referee_entries(program)
    facet_list = facets(program.cards.values())
    pages = [_index_page(report, facet_list, entries)]
    pages.append(_finder_index_page(report, facet_list, entries))
    pages += _catalog_pages(program, facet_list, page)
    pages.append(_finder_page(report, entries, facet_list, page))
    pages += _brief_pages(entries)
    pages += _word_pages(records, entries)
    pages += _record_pages(program, references, page)
    pages += _topic_pages(program, page)
    pages.append(_dashboard_page(program, page))
    pages += _worklist_pages(program, page)
    pages += _findings_pages(program, report, page)
    files = {**_logo_files(program), AS_OF_SCRIPT: as_of_script(report.as_of)}
    return Site(audience="internal", report=report, pages=pages, files=files)


def _word_pages(records: list[SearchRecord], entries: tuple[RefereeEntry, ...]) -> list[Page]:
    """The word index the catalog's search looks words up in, and the map from its
    positions to the rows of the facet index (see word_index)."""
    order, rows = positions([entry.card.id for entry in entries])
    chunks = {**word_chunks(records, order), ROWS_PATH: rows}
    return [Page(path, "internal/json", {"payload": Markup(text)}) for path, text in chunks.items()]


def _page_maker(report: Report) -> PageMaker:
    """Pages share the audience, the as-of date and the navigation."""
    common = {"audience": "internal", "as_of": report.as_of, "nav": NAV}

    def page(path: str, template: str, current: str, title: str, **variables: Any) -> Page:
        return Page(
            path,
            f"internal/{template}",
            {**common, "current": current, "page_title": title, **variables},
        )

    return page


def _index_page(
    report: Report, facet_list: tuple[Facet, ...], entries: tuple[RefereeEntry, ...]
) -> Page:
    """The compact index the browser filters and ranks on."""
    payload = Markup(index_json(report.as_of, facet_list, entries, report.policy.finder))
    return Page(INDEX_PATH, "internal/json", {"payload": payload})


def _finder_index_page(
    report: Report, facet_list: tuple[Facet, ...], entries: tuple[RefereeEntry, ...]
) -> Page:
    """The smaller index find.html ranks on (see index.finder_index_json)."""
    text = finder_index_json(report.as_of, facet_list, entries, report.policy.finder)
    return Page(FINDER_INDEX_PATH, "internal/json", {"payload": Markup(text)})


def _dashboard_page(program: Program, page: PageMaker) -> Page:
    board = dashboard(program)
    charts = dashboard_charts(board)
    return page(
        "dashboard.html", "dashboard", "dashboard", "Program dashboard", board=board, charts=charts
    )


def _worklist_pages(program: Program, page: PageMaker) -> list[Page]:
    """What falls due, and the consents alone (where the dashboard's consent tiles lead)."""
    everything, consents = full_worklist(program), consents_worklist(program)
    return [
        page(WORKLIST_URL, "worklist", "worklist", everything.title, worklist=everything),
        page(CONSENTS_URL, "worklist", "worklist", consents.title, worklist=consents),
    ]


def _findings_pages(program: Program, report: Report, page: PageMaker) -> list[Page]:
    pages = []
    for view in findings_pages(program):
        number = view.pagination.number
        title = "Findings" + (f", page {number}" if number > 1 else "")
        summary = _summary(report)
        pages.append(
            page(view.pagination.path, "findings", "findings", title, view=view, report=summary)
        )
    return pages


def _catalog_pages(program: Program, facet_list: tuple[Facet, ...], page: PageMaker) -> list[Page]:
    cards = list(program.cards.values())
    return [
        page(
            pagination.path,
            "index",
            "catalog",
            "Reference catalog" + (f", page {n}" if (n := pagination.number) > 1 else ""),
            cards=chunk,
            facets=facet_list,
            pagination=pagination,
            index_path=INDEX_PATH,
        )
        for pagination, chunk in paginate(cards, PAGE_SIZE, "index.html", "page/{n}.html")
    ]


def _finder_page(
    report: Report,
    entries: tuple[RefereeEntry, ...],
    facet_list: tuple[Facet, ...],
    page: PageMaker,
) -> Page:
    """Without criteria, the best referees overall; internal.js ranks for a prospect."""
    by_key = {f.key: f.values for f in facet_list}
    finder = report.policy.finder
    ranking = rank(Query(), entries, finder)
    codes = (v.term.slug for v in by_key["country"])
    spoken = (code for entry in entries for code in entry.languages)
    return page(
        "find.html",
        "find",
        "find",
        "Find a referee",
        industries=by_key["industry"],
        regions=by_key["region"],
        products=by_key["product"],
        countries=country_options(codes, finder.country_groups),
        languages=language_options(spoken),
        strengths=by_key["strength"],
        ranked=ranking.ranked[:FINDER_SHOWN],
        ranked_total=len(ranking.ranked),
        near=ranking.near_misses[:FINDER_SHOWN],
        near_total=len(ranking.near_misses),
        index_path=FINDER_INDEX_PATH,
        weights=finder.weights,
        merits=MERITS,
        policy=report.policy,
    )


def _brief_pages(entries: tuple[RefereeEntry, ...]) -> list[Page]:
    """The brief for each call a rep may make, fetched when a rep copies it: plain text
    that would make the finder's index twice as big."""
    return [
        Page(BRIEF_PATH.format(id=e.card.id), "internal/json", {"payload": Markup(e.brief)})
        for e in entries
        if e.brief
    ]


def _record_pages(program: Program, references: list[ReferencePage], page: PageMaker) -> list[Page]:
    pages = [
        page(v.card.url, "reference", "catalog", v.card.title, reference=v) for v in references
    ]
    for record in program.catalog.customers.values():
        view = customer_page(program, record)
        pages.append(page(view.url, "customer", "customers", view.name, customer=view))
    rows = customer_rows(program)
    for pagination, chunk in paginate(
        rows, CUSTOMERS_PER_PAGE, "customers/index.html", "customers/page/{n}.html"
    ):
        title = "Customers" + (f", page {pagination.number}" if pagination.number > 1 else "")
        pages.append(
            page(
                pagination.path, "customers", "customers", title, rows=chunk, pagination=pagination
            )
        )
    return pages


def _topic_pages(program: Program, page: PageMaker) -> list[Page]:
    pages = []
    for kind, title in TOPIC_TITLES.items():
        of_kind = topics(program, kind)
        pages.append(
            page(f"{FOLDER[kind]}/index.html", "topics", kind, title, kind=kind, topics=of_kind)
        )
        pages += [page(t.url, "topic", kind, t.term.label, topic=t) for t in of_kind]
    return pages


def _logo_files(program: Program) -> dict[str, bytes]:
    files = {}
    for record in program.catalog.customers.values():
        url = program.logo_url(record)
        if url is not None and record.logo is not None:
            files[url] = record.logo.published
    return files


def _summary(report: Report) -> dict[str, int]:
    return {"errors": report.errors, "warnings": report.warnings, "findings": len(report.findings)}
