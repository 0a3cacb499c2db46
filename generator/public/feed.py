"""The public catalog as data for other pages: `feed.json` and the embed's `catalog.json`.

Both are made from the public views alone, as the pages are, so they carry nothing a
page could not show, the leak guard reads them like any page, and a reference the
review withdraws leaves them in the same build. `feed.json` is a JSON Feed 1.1 for
readers and other sites; `catalog.json` is the compact form `theme/js/embed.js` reads
when a product page that embeds a quote or a logo strip is viewed, so that a takedown
reaches every page that embeds the catalog.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from refcat.generator.public.views import PublicCatalog, PublicQuote, PublicReference

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED = "feed.json"
EMBED_CATALOG = "catalog.json"
# The words these files add to what the pages show, for the leak guard's exclusion.
FEED_TEXTS = (
    f"{JSON_FEED_VERSION} version title home_page_url feed_url description items id url "
    "summary content_html image date_published tags references customer named logo "
    "industry products quote text author role label T00:00:00Z Benefits"
)


def feed_files(catalog: PublicCatalog, site_url: str, title: str) -> dict[str, bytes]:
    """Output path -> bytes of the JSON feed and the embed's catalog."""
    return {
        FEED: _dump(json_feed(catalog, site_url, title)),
        EMBED_CATALOG: _dump(embed_catalog(catalog, title)),
    }


def json_feed(catalog: PublicCatalog, site_url: str, title: str) -> dict[str, Any]:
    """A JSON Feed 1.1: one item per published reference, newest first.

    Addresses are absolute when the site's public address is known, else relative to
    the feed (a reader resolves them against `feed.json`'s own address).
    """
    base = f"{site_url.rstrip('/')}/" if site_url else ""
    feed: dict[str, Any] = {"version": JSON_FEED_VERSION, "title": title}
    if base:
        feed |= {"home_page_url": base, "feed_url": base + FEED}
    feed["items"] = [_item(r, base) for r in catalog.references]
    return feed


def _item(reference: PublicReference, base: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": base + reference.url,
        "url": base + reference.url,
        "title": reference.title,
        "summary": reference.summary,
        "content_html": str(_content_html(reference)),
    }
    if reference.logo_url:
        item["image"] = base + reference.logo_url
    item["date_published"] = f"{reference.completed.isoformat()}T00:00:00Z"
    item["tags"] = [reference.industry.label, *(p.label for p in reference.products)]
    return item


def _content_html(reference: PublicReference) -> Markup:
    """Summary, benefits and quote: the story itself stays on the reference's page."""
    html = Markup("<p>{}</p>").format(reference.summary)
    if reference.benefits:
        items = Markup("").join(Markup("<li>{}</li>").format(b) for b in reference.benefits)
        html += Markup("<h2>Benefits</h2><ul>{}</ul>").format(items)
    if reference.quote:
        html += Markup("<blockquote><p>{}</p>{}</blockquote>").format(
            reference.quote.text, _attribution(reference.quote, reference.customer_label)
        )
    return html


def _attribution(quote: PublicQuote, customer_label: str) -> Markup:
    who = ", ".join(part for part in (quote.author, quote.role, customer_label) if part)
    return Markup("<footer>{}</footer>").format(escape(who))


def embed_catalog(catalog: PublicCatalog, title: str) -> dict[str, Any]:
    """What the embed shows: each reference with a quote or a logo, newest first, with
    addresses relative to the catalog (the script resolves them against its own)."""
    references = [r for r in catalog.references if r.quote or r.logo_url]
    return {
        "version": 1,
        "title": title,
        "products": {f.term.slug: f.term.label for f in catalog.products},
        "industries": {f.term.slug: f.term.label for f in catalog.industries},
        "references": [_embedded(r) for r in references],
    }


def _embedded(reference: PublicReference) -> dict[str, Any]:
    quote = reference.quote
    return {
        "id": reference.id,
        "url": reference.url,
        "title": reference.title,
        "customer": reference.customer_label,
        "logo": reference.logo_url,
        "industry": reference.industry.slug,
        "products": [p.slug for p in reference.products],
        "quote": {"text": quote.text, "author": quote.author, "role": quote.role}
        if quote
        else None,
    }


def _dump(document: dict[str, Any]) -> bytes:
    """Readable UTF-8 JSON, the same bytes for the same catalog (rebuilds keep the file)."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
