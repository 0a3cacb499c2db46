"""`feed.atom`: an Atom feed of the published references, newest first, for feed readers.

Made from the public views alone, like the pages and `feed.json`: each entry carries
the reference's title, summary, customer label and address, nothing else. The leak
guard reads it as it reads a page, and a reference the review withdraws leaves it in
the same build. Entries are dated by the project's completion date, and only the
newest `ENTRIES` are listed: a reader wants what is new, not 10,000 entries (3.6 MB)
on every poll; `sitemap.html` lists them all. The same catalog gives the same bytes,
so a rebuild keeps the file.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import feedgenerator
from markupsafe import Markup

from refcat.generator.public.views import PublicCatalog, PublicReference

ATOM_FEED = "feed.atom"
ENTRIES = 50
# The words the feed adds to what the pages show, for the leak guard's exclusion.
ATOM_TEXTS = (
    "http://www.w3.org/2005/Atom feed entry title link rel alternate self href id updated "
    "published author name summary type html urn:refcat:catalog urn:refcat:reference: T00:00:00Z"
)


class _AtomFeed(feedgenerator.Atom1Feed):
    """feedgenerator's Atom feed, dated by its newest entry rather than by the clock."""

    def __init__(self, updated: date, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.updated = _midnight(updated)

    def latest_post_date(self) -> datetime:
        return self.updated


def atom_feed(catalog: PublicCatalog, site_url: str, title: str, as_of: date) -> bytes:
    """The feed's bytes. Addresses are absolute when the site's address is known, else
    relative to the feed, which sits at the catalog's root."""
    base = f"{site_url.rstrip('/')}/" if site_url else ""
    newest = catalog.references[0].completed if catalog.references else as_of
    feed = _AtomFeed(
        newest,
        title=title,
        link=base or "./",
        description="Customer references, newest first.",
        language="en",
        author_name=title,
        feed_url=base + ATOM_FEED if base else None,
        feed_guid=base or "urn:refcat:catalog",
    )
    for reference in catalog.references[:ENTRIES]:  # newest first, as the views sort them
        _add_entry(feed, reference, base)
    stream = io.StringIO()
    feed.write(stream, "utf-8")
    return (stream.getvalue() + "\n").encode("utf-8")


def _add_entry(feed: _AtomFeed, reference: PublicReference, base: str) -> None:
    summary = Markup("<p>{}</p><p>{}</p>").format(reference.customer_label, reference.summary)
    feed.add_item(
        title=reference.title,
        link=base + reference.url,
        description=str(summary),
        pubdate=_midnight(reference.completed),
        unique_id=base + reference.url if base else f"urn:refcat:reference:{reference.id}",
    )


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
