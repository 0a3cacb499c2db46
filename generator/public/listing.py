"""The public list in pages, and the compact index the browser filters the whole list on.

At 10,000 references one page with every card is megabytes of HTML; so the home page
shows the newest `PAGE_SIZE` cards and `page/<n>/` the next ones, each with previous,
next and page numbers: the whole list stays browsable without JavaScript. With it,
public.js filters and searches the whole catalog from `list.json`: only what a card
shows, from the public views, in columns (each row a list, industry and region as
indices into their facet lists) to keep it small. The leak guard reads it like any
page, and a withdrawn reference leaves it with the same build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from refcat.generator.build.site import Page
from refcat.generator.public.views import Facet, PublicCatalog, PublicReference

PAGE_SIZE = 24
LIST_INDEX = "list.json"
COLUMNS = ("id", "url", "title", "summary", "customer", "named", "initials", "logo", "year")
COLUMNS += ("industry", "region", "products")
WINDOW = 2  # page numbers shown on each side of the current one
# The words list.json adds to what the pages show, for the leak guard's exclusion.
LIST_TEXTS = "version page_size url {id} columns rows industries regions products " + " ".join(
    COLUMNS
)


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str  # relative to the site's root: "index.html", "page/2/index.html"


@dataclass(frozen=True)
class Pagination:
    """One page of the list: its cards, and the links to the others (None: a gap)."""

    number: int
    count: int
    references: tuple[PublicReference, ...]
    links: tuple[PageLink | None, ...]

    @property
    def previous(self) -> PageLink | None:
        return PageLink(self.number - 1, page_url(self.number - 1)) if self.number > 1 else None

    @property
    def next(self) -> PageLink | None:
        return (
            PageLink(self.number + 1, page_url(self.number + 1))
            if self.number < self.count
            else None
        )


def list_pages(catalog: PublicCatalog, home: dict[str, Any], site_url: str) -> list[Page]:
    """The home page (the list's first page, with `home`'s variables) and the others."""
    pages = []
    for pagination in paginate(catalog.references):
        variables = {**home, "pagination": pagination}
        if pagination.number > 1:
            variables["page_title"] = f"{home['page_title']}, page {pagination.number}"
            url = page_url(pagination.number).removesuffix("index.html")
            variables["canonical_url"] = f"{site_url.rstrip('/')}/{url}" if site_url else None
        pages.append(Page(page_url(pagination.number), "public/index", variables))
    return pages


def page_url(number: int) -> str:
    """Where page `number` of the list is written; the first is the home page."""
    return "index.html" if number == 1 else f"page/{number}/index.html"


def paginate(references: tuple[PublicReference, ...]) -> list[Pagination]:
    """The list in pages of `PAGE_SIZE`; one (empty) page for an empty catalog."""
    count = max(1, -(-len(references) // PAGE_SIZE))
    return [
        Pagination(n, count, references[(n - 1) * PAGE_SIZE : n * PAGE_SIZE], _links(n, count))
        for n in range(1, count + 1)
    ]


def _links(number: int, count: int) -> tuple[PageLink | None, ...]:
    """First, last and a window around the current page; None where numbers are left out."""
    shown = {1, count, *range(number - WINDOW, number + WINDOW + 1)}
    links: list[PageLink | None] = []
    for n in sorted(n for n in shown if 1 <= n <= count):
        if links and links[-1] is not None and n > links[-1].number + 1:
            links.append(None)
        links.append(PageLink(n, page_url(n)))
    return tuple(links)


def list_index(catalog: PublicCatalog) -> bytes:
    """`list.json`: every published reference as a card shows it, newest first."""
    industries, regions = _slugs(catalog.industries), _slugs(catalog.regions)
    products = _slugs(catalog.products)
    pattern = _url_pattern(catalog.references)
    document: dict[str, Any] = {
        "version": 1,
        "page_size": PAGE_SIZE,
        "url": pattern,
        "industries": _terms(catalog.industries),
        "regions": _terms(catalog.regions),
        "products": _terms(catalog.products),
        "columns": list(COLUMNS),
        "rows": [_row(r, industries, regions, products, pattern) for r in catalog.references],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text.replace('],["', '],\n["') + "\n").encode("utf-8")  # a row a line


def _url_pattern(references: tuple[PublicReference, ...]) -> str:
    """The pages' address with `{id}` for the reference's id ("references/{id}/"), so
    that rows leave it out; "" where the addresses follow no one pattern."""
    if not references:
        return ""
    pattern = references[0].url.replace(references[0].id, "{id}", 1)
    uniform = all(pattern.replace("{id}", r.id) == r.url for r in references)
    return pattern if uniform else ""


def _row(
    r: PublicReference,
    industries: dict[str, int],
    regions: dict[str, int],
    products: dict[str, int],
    pattern: str,
) -> list[Any]:
    return [
        r.id,
        "" if pattern else r.url,  # "": the address is the pattern's
        r.title,
        r.summary,
        r.customer_label,
        int(r.named),
        r.initials,
        r.logo_url or "",
        r.completed.year,
        industries[r.industry.slug],
        regions[r.region.slug] if r.region else -1,
        [products[p.slug] for p in r.products],
    ]


def _slugs(facets: tuple[Facet, ...]) -> dict[str, int]:
    return {f.term.slug: index for index, f in enumerate(facets)}


def _terms(facets: tuple[Facet, ...]) -> list[list[str]]:
    """[slug, label, short label] of each facet, in the filters' order."""
    return [[f.term.slug, f.term.label, f.term.short_label] for f in facets]
