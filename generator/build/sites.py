"""What each audience's catalog consists of: pages, copied files, and the finishing steps.

A site is plain data (page path, template, variables) so the Pelican plugin only has
to write it. The public site is made from allow-list views only; after it is written
the search index and sitemap are added, then the leak guard reads every file. Pages
that search covers have a search record too (see generator.build.search).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.run import Report
from generator.build.guard import LeakError, find_leaks
from generator.build.guard.public_text import public_texts
from generator.build.search import PendingIndex
from generator.build.sitemap import write_robots, write_sitemap
from generator.public.views import public_catalog


def _builtin_theme() -> Path:
    """refcat's own theme: `theme/` of a checkout, or the installed `refcat_theme` package."""
    checkout = Path(__file__).resolve().parents[2] / "theme"
    if (checkout / "templates").is_dir():
        return checkout
    spec = importlib.util.find_spec("refcat_theme")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("refcat's theme is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


BUILTIN_THEME = _builtin_theme()
HOME_DESCRIPTION = "Customer stories: the projects, products and measurable results behind them."


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    variables: dict[str, Any]


@dataclass
class Site:
    audience: str
    report: Report
    pages: list[Page] = field(default_factory=list)
    # output path -> bytes: a logo's published form, never the file it was made from
    files: dict[str, bytes] = field(default_factory=dict)
    site_url: str = ""
    public_texts: tuple[str, ...] = ()  # what the public views show, for the leak guard

    def copy_files(self, output: Path) -> None:
        for target, published in sorted(self.files.items()):
            destination = output / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(published)


SearchStarter = Callable[[list[Page]], None]  # given the search records, starts indexing


def no_search(records: list[Page]) -> None:
    """For views built without a catalog to index (tests, tools)."""


def public_site(
    report: Report, settings: dict[str, Any], start_search: SearchStarter = no_search
) -> Site:
    catalog = public_catalog(report)
    start_search([Page(r.url, "public/search", {"reference": r}) for r in catalog.references])
    site_url = str(settings.get("REFCAT_SITE_URL") or settings.get("SITEURL") or "")
    common = {"audience": "public", "catalog": catalog, "as_of": report.as_of}
    home = {
        "page_title": "Customer references",
        "description": HOME_DESCRIPTION,
        "canonical_url": _absolute(site_url, ""),
    }
    pages = [Page("index.html", "public/index", {**common, **home})]
    pages += [
        Page(
            r.url,
            "public/reference",
            {
                **common,
                "reference": r,
                "page_title": r.title,
                "description": r.summary,
                "canonical_url": _absolute(site_url, r.url),
                "image_url": _absolute(site_url, r.logo_url) if r.logo_url else None,
            },
        )
        for r in catalog.references
    ]
    return Site(
        audience="public",
        report=report,
        pages=pages,
        files=dict(catalog.logo_files),
        site_url=site_url,
        public_texts=tuple(public_texts(catalog, report.as_of, BUILTIN_THEME, settings)),
    )


def _absolute(site_url: str, path: str) -> str | None:
    """The page's canonical address, when the site's public address is known."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else None


def _internal_site(report: Report, settings: dict[str, Any], start_search: SearchStarter) -> Site:
    from generator.internal.site import internal_site

    return internal_site(report, settings, start_search)


SITES: dict[str, Callable[[Report, dict[str, Any], SearchStarter], Site]] = {
    "public": public_site,
    "internal": _internal_site,
}


def build_site(
    audience: str, report: Report, settings: dict[str, Any], start_search: SearchStarter = no_search
) -> Site:
    """The audience's site; `start_search` gets its search records as soon as they exist
    (before the other pages are made), so that indexing runs beside the rest."""
    if audience not in SITES:
        raise ValueError(f"unknown audience '{audience}'")
    return SITES[audience](report, settings, start_search)


def finish_site(site: Site, output: Path, search: PendingIndex | None = None) -> None:
    """The end of the search index `search` started, sitemap and robots.txt; then, for
    the public site, the leak guard."""
    if search is not None:
        search.wait()
    write_robots(output, public=site.audience == "public", site_url=site.site_url)
    if site.audience != "public":
        return
    write_sitemap(output, [p.path for p in site.pages], site.site_url)
    leaks = find_leaks(output, site.report, site.public_texts)
    if leaks:
        raise LeakError(leaks)
