"""The audiences refcat builds: each one's site, the Markdown it renders, how it finishes.

Each catalog declares its pages (`*_site`) and the Markdown texts it renders
(`markdown_texts`) in its own site module; this registry names them by audience. After
a site is written, the search index and sitemap are added, then the leak guard reads
every file of the public one, the precompressed `.gz` copies included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from refcat.checks.catalog import Catalog
from refcat.checks.run import Report
from refcat.generator.build.guard import LeakError, find_leaks
from refcat.generator.build.guard.verdict_cache import verdict_folder
from refcat.generator.build.precompress import precompress
from refcat.generator.build.search import PendingIndex
from refcat.generator.build.site import SearchStarter, Site, no_search
from refcat.generator.build.sitemap import write_robots, write_sitemap
from refcat.generator.internal import site as internal
from refcat.generator.public import site as public
from refcat.generator.public.site import public_site

SiteMaker = Callable[[Report, dict[str, Any], SearchStarter], Site]
TextsDeclaration = Callable[[Catalog, Report | None], list[str]]

SITES: dict[str, SiteMaker] = {"public": public_site, "internal": internal.internal_site}
MARKDOWN: dict[str, TextsDeclaration] = {
    "public": public.markdown_texts,
    "internal": internal.markdown_texts,
}


def markdown_texts(audiences: Iterable[str], catalog: Catalog, report: Report | None) -> list[str]:
    """The Markdown texts the catalogs of `audiences` render: before the review
    (`report` None) those known from the records alone, after it the others."""
    return [text for name in audiences for text in MARKDOWN[name](catalog, report)]


def build_site(
    audience: str, report: Report, settings: dict[str, Any], start_search: SearchStarter = no_search
) -> Site:
    """The audience's site; `start_search` gets its search records as soon as they exist
    (before the other pages are made), so that indexing runs beside the rest."""
    if audience not in SITES:
        raise ValueError(f"unknown audience '{audience}'")
    return SITES[audience](report, settings, start_search)


def finish_site(site: Site, output: Path, search: PendingIndex | None = None) -> None:
    """The end of the search index `search` started, sitemap and robots.txt, `.gz`
    copies of large text files; then, for the public site, the leak guard."""
    if search is not None:
        search.wait()
    write_robots(output, public=site.audience == "public", site_url=site.site_url)
    if site.audience != "public":
        precompress(output)
        return
    indexed = [p.path for p in site.pages if not p.variables.get("noindex")]
    write_sitemap(output, indexed, site.site_url)
    precompress(output)  # before the guard, which reads every copy
    cache = verdict_folder(site.report.catalog.content)
    leaks = find_leaks(output, site.report, site.public_texts, site.drawn_texts, cache)
    if leaks:
        raise LeakError(leaks)
