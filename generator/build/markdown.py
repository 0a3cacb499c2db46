"""The one place where sanitized HTML is marked safe for the templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from refcat.checks.markup import render
from refcat.generator.build.workers import fork_map

# Markdown text -> sanitized HTML. Rendering is a pure function of the text, and the
# public and internal catalogs show the same stories: each text is rendered once.
_rendered: dict[str, str] = {}


def to_html(text: str) -> Markup:
    """Markdown -> HTML that nh3 sanitized; unsafe parts are already removed."""
    html = _rendered.get(text)
    if html is None:
        html = _rendered[text] = _html(text)
    return Markup(html)


def prerender(
    texts: Iterable[str], processes: int, meanwhile: Callable[[], None] | None = None
) -> None:
    """Render `texts` ahead of the views, on `processes` cores; `to_html` looks them up.

    Called before the catalogs' processes are forked, so both inherit the results.
    `meanwhile` runs in this process while the texts are rendered.
    """
    pending = [text for text in dict.fromkeys(texts) if text and text not in _rendered]
    rendered = fork_map(_html, pending, processes, meanwhile)
    _rendered.update(zip(pending, rendered, strict=True))


def _html(text: str) -> str:
    return render(text).html
