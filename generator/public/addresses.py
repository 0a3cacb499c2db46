"""The public catalog's addresses: the pages that help a visitor find a story.

A reference lives at `references/<id>/` (its `index.html`). The older address
`references/<id>.html` stays as a small page that sends the visitor on: a static host
serves it everywhere, with no redirect rules to configure. A withdrawn reference has
neither, so the takedown removes both. `404.html` is what hosts (and `refcat serve`)
answer for a missing address, at any depth: its links start at the site's root path.
`sitemap.html` lists every story by industry, for people; `sitemap.xml` is for crawlers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from refcat.generator.build.site import Page
from refcat.generator.public.views import PublicCatalog, PublicReference
from refcat.generator.terms import Term

NOT_FOUND = "404.html"
SITEMAP_PAGE = "sitemap.html"


@dataclass(frozen=True)
class IndustryGroup:
    """One industry of the sitemap page, its references by title."""

    industry: Term
    references: tuple[PublicReference, ...]


def address_pages(catalog: PublicCatalog, site_url: str, common: dict[str, Any]) -> list[Page]:
    """The sitemap page, the 404 page and a forwarding page per old reference address."""
    sitemap = {
        **common,
        "page_title": "Sitemap",
        "description": "Every customer story, by industry.",
        "canonical_url": absolute(site_url, SITEMAP_PAGE),
        "groups": industry_groups(catalog),
    }
    not_found = {
        **common,
        "page_title": "Page not found",
        "description": "This page does not exist, or the story it showed was withdrawn.",
        "canonical_url": None,
        "noindex": True,
        "SITEURL": root_path(site_url),  # served at any depth: links from the site's root
    }
    pages = [
        Page(SITEMAP_PAGE, "public/sitemap", sitemap),
        Page(NOT_FOUND, "public/404", not_found),
    ]
    return pages + [_forward(r, site_url) for r in catalog.references]


def industry_groups(catalog: PublicCatalog) -> tuple[IndustryGroup, ...]:
    """The references by industry (as the home page's filter orders them), each by title."""
    by_industry: dict[str, list[PublicReference]] = defaultdict(list)
    for reference in catalog.references:
        by_industry[reference.industry.slug].append(reference)
    return tuple(
        IndustryGroup(
            facet.term,
            tuple(sorted(by_industry[facet.term.slug], key=lambda r: (r.title.lower(), r.id))),
        )
        for facet in catalog.industries
    )


def old_address(reference: PublicReference) -> str:
    """Where the reference's page was before clean addresses: `references/<id>.html`."""
    return reference.url.rstrip("/") + ".html"


def _forward(reference: PublicReference, site_url: str) -> Page:
    variables = {
        "reference": reference,
        "page_title": reference.title,
        "canonical_url": absolute(site_url, reference.url),
        "noindex": True,
    }
    return Page(old_address(reference), "public/redirect", variables)


def absolute(site_url: str, path: str) -> str | None:
    """The page's canonical address, when the site's public address is known."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else None


def root_path(site_url: str) -> str:
    """The path of the catalog's root on its host, without the final slash: `/customers`
    for `https://www.example.com/customers`, "" for a catalog at the host's root."""
    return urlsplit(site_url).path.rstrip("/")
