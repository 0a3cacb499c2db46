"""The public catalog for the marketing website: its pages, made from allow-list views only.

Each reference page has a search record too (see generator.build.search); the leak
guard later compares every file written with what these views show (`public_texts`).
"""

from __future__ import annotations

from typing import Any

from refcat.checks.catalog import Catalog
from refcat.checks.run import Report
from refcat.generator.brand_site import share_palette
from refcat.generator.build.guard.public_text import public_texts
from refcat.generator.build.site import BUILTIN_THEME, Page, SearchStarter, Site, no_search
from refcat.generator.public.addresses import address_pages
from refcat.generator.public.atom import ATOM_FEED, ATOM_TEXTS, atom_feed
from refcat.generator.public.feed import FEED_TEXTS, feed_files
from refcat.generator.public.listing import LIST_INDEX, LIST_TEXTS, list_index, list_pages
from refcat.generator.public.share_cache import share_folder, share_images
from refcat.generator.public.views import page_file, public_catalog

HOME_DESCRIPTION = "Customer stories: the projects, products and measurable results behind them."


def markdown_texts(catalog: Catalog, report: Report | None) -> list[str]:
    """The Markdown the public catalog renders: the stories of what the review publishes,
    so none before the review (`report` None)."""
    if report is None:
        return []
    return [catalog.references[r].body for r in sorted(report.published)]


def public_site(
    report: Report, settings: dict[str, Any], start_search: SearchStarter = no_search
) -> Site:
    catalog = public_catalog(report)
    records = [
        Page(page_file(r.url), "public/search", {"reference": r}) for r in catalog.references
    ]
    start_search(records)
    site_url = str(settings.get("REFCAT_SITE_URL") or settings.get("SITEURL") or "")
    palette = share_palette(settings.get("REFCAT_SITE_BRAND"))  # the brand's colours
    shares = share_images(catalog, share_folder(settings), palette)  # by reference id
    images = {s.path: s.png for s in shares.values()}
    common = {"audience": "public", "catalog": catalog, "as_of": report.as_of}
    home = {
        "page_title": "Customer references",
        "description": HOME_DESCRIPTION,
        "canonical_url": _absolute(site_url, ""),
    }
    pages = list_pages(catalog, {**common, **home}, site_url)  # the home page is the first
    pages += [
        Page(
            page_file(r.url),
            "public/reference",
            {
                **common,
                "reference": r,
                "page_title": r.title,
                "description": r.summary,
                "canonical_url": _absolute(site_url, r.url),
                "share_image": shares[r.id],
                "image_url": _absolute(site_url, shares[r.id].path),
            },
        )
        for r in catalog.references
    ]
    # the iframe form of the embed: data from catalog.json when viewed, not from the build
    embed = {**common, "page_title": "Customer story", "noindex": True}
    pages.append(Page("embed.html", "public/embed", embed))
    pages += address_pages(catalog, site_url, common)  # sitemap.html, 404.html, old addresses
    title = str(settings.get("SITENAME") or home["page_title"])
    return Site(
        audience="public",
        report=report,
        pages=pages,
        files={
            **catalog.logo_files,
            **catalog.image_files,
            **feed_files(catalog, site_url, title),
            ATOM_FEED: atom_feed(catalog, site_url, title, report.as_of),
            LIST_INDEX: list_index(catalog),
            **images,
        },
        site_url=site_url,
        drawn_texts={s.path: "\n".join(s.card.texts) for s in shares.values()},  # for the guard
        public_texts=(
            *public_texts(catalog, report.as_of, BUILTIN_THEME, settings),
            FEED_TEXTS,
            ATOM_TEXTS,
            LIST_TEXTS,
        ),
    )


def _absolute(site_url: str, path: str) -> str | None:
    """The page's canonical address, when the site's public address is known."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else None
