"""What the public catalog legitimately shows, for the leak guard's exclusion.

An internal text that the public views also show ("June 2025", a sector label, a
product name, the word "Results") is not a leak when it appears on a page. This
module lists every string the public view objects hold, each date as the templates
format it, the static text of refcat's own public templates and the site's settings
that pages print. A project's own template overrides are not included: what they add
is exactly what the guard must still see.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup

# the formats the templates use (`%B %Y`, the year, ISO, the footer's day), and kin
DATE_FORMATS = ("%B %Y", "%b %Y", "%Y", "%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d.%m.%Y")
PUBLIC_TEMPLATES = ("base.html", "_macros.html", "public/*.html")
_TEMPLATE_BREAK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|[<>\"=]", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# The words of the files refcat writes without a template: sitemap.xml, robots.txt and
# the keys of Pagefind's fragments ("urlset", "content", "anchors" are no one's name).
FORMAT_TEXTS = (
    '<?xml version="1.0" encoding="UTF-8"?> urlset xmlns '
    "http://www.sitemaps.org/schemas/sitemap/0.9 url loc",
    "User-agent: * Allow: / Disallow: / Sitemap: sitemap.xml",
    "url content word_count filters meta title image image_alt anchors element id text "
    "location locations weighted_locations weight balanced_score sub_results excerpt "
    "raw_content raw_url page_number",
)


def public_texts(catalog: Any, as_of: date, theme: Path, settings: dict[str, Any]) -> list[str]:
    """Every text the public pages may show: the views' strings, formatted dates and
    numbers, the builtin templates' own words, the site's name and address."""
    texts = list(_walk(catalog))
    texts += _walk(catalog.filters)  # a property: the filters' labels ("All industries")
    texts += formatted(as_of)
    texts += [str(as_of.day)]  # the footer writes the day on its own
    texts += template_texts(theme)
    texts += FORMAT_TEXTS
    texts += [str(settings.get(k) or "") for k in ("SITENAME", "SITEURL", "REFCAT_SITE_URL")]
    return [t for t in texts if t.strip()]


def formatted(day: date) -> list[str]:
    """A date as the templates (and any reasonable override) write it."""
    return [day.strftime(f) for f in DATE_FORMATS] + [f"{day.day} {day.strftime('%B %Y')}"]


def template_texts(theme: Path) -> list[str]:
    """The literal words of refcat's public templates, between tags and expressions, and
    each template's whole source: its markup (`href=`, `class=`) is in every page too."""
    texts: list[str] = []
    for pattern in PUBLIC_TEMPLATES:
        for template in sorted((theme / "templates").glob(pattern)):
            source = template.read_text(encoding="utf-8")
            texts += (run.strip() for run in _TEMPLATE_BREAK.split(source) if run.strip())
            texts.append(source)
    return texts


def html_texts(html: str) -> list[str]:
    """An HTML fragment's text nodes, and its whole text without tags (inline markup)."""
    return [*(node for node in _TAG.split(html) if node.strip()), _TAG.sub("", html)]


def _walk(view: Any) -> Iterator[str]:
    """Every string, number and date inside a view object, depth first.

    A stack rather than recursion: each text is handed out once, not through every level.
    """
    pending = [view]
    while pending:
        value = pending.pop()
        if type(value) is str:  # the most common by far: no call for it
            yield value
            continue
        texts = _texts(value)
        if texts is None:
            pending.extend(reversed(_parts(value)))
        else:
            yield from texts


def _texts(value: Any) -> Iterable[str] | None:
    """A single value's texts as the pages show it; None for a container."""
    if isinstance(value, Markup):
        return html_texts(str(value))
    if isinstance(value, str):
        return (value,)
    if isinstance(value, bool) or value is None or isinstance(value, Path):
        return ()  # a source file's path is never shown
    if isinstance(value, int | float):
        return (str(value),)
    if isinstance(value, date):
        return formatted(value)
    return None


def _parts(container: Any) -> Sequence[Any]:
    """What a view object holds: a dataclass's fields, a dict's keys and values, items.

    Anything else (bytes: a logo file's content) holds no text to show.
    """
    if dataclasses.is_dataclass(container) and not isinstance(container, type):
        return [getattr(container, field.name) for field in dataclasses.fields(container)]
    if isinstance(container, dict):
        return [part for item in container.items() for part in item]
    if isinstance(container, tuple | list):
        return container
    if isinstance(container, set | frozenset):
        return list(container)
    return ()
