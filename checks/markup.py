"""Markdown to safe HTML, and what had to be removed on the way.

Python-Markdown passes raw HTML through untouched; refcat removes every raw HTML
fragment before it reaches the page, then sanitizes the result with nh3 against an
allow-list of tags, attributes and URL schemes. The same pass tells the
`unsafe-content` rule what was removed, so the check and the pages never disagree.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from refcat.checks import markdown_speedups

if TYPE_CHECKING:
    import markdown

# markdown and nh3 are imported on first use: most reviews never render a story

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
SAFE_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ("tables", "fenced_code", "sane_lists")

_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--")
_EVENT = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_URL_ATTR = re.compile(r'\b(?:href|src)="([^"]*)"')
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_SUSPECT = ("<", "script:", "data:", "&#")


@dataclass(frozen=True)
class Rendered:
    html: str
    removed: tuple[str, ...]  # what was removed, named by kind, never quoted


def render(text: str) -> Rendered:
    """Markdown -> sanitized HTML, with the kinds of unsafe content that were removed."""
    import nh3

    converter = _converter()
    converter.reset()
    remover = converter.postprocessors["refcat-raw-html"]
    raw_html = converter.convert(text)
    removed = [*remover.removed, *_unsafe_links(raw_html)]
    clean = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Rendered(clean, tuple(dict.fromkeys(removed)))


def unsafe_parts(text: str) -> tuple[str, ...]:
    """What `render` would remove; cheap for the usual text without HTML or schemes."""
    lowered = text.lower()
    if not any(mark in lowered for mark in _SUSPECT):
        return ()
    return render(text).removed


def first_unsafe_line(text: str) -> int:
    """0-based line of the first raw HTML or dangerous link, for the finding's line."""
    for number, line in enumerate(text.splitlines()):
        lowered = line.lower()
        if _TAG.search(line) or "javascript:" in lowered or "data:" in lowered or "&#" in line:
            return number
    return 0


def _describe(fragment: str) -> list[str]:
    kinds: list[str] = []
    matches = list(_TAG.finditer(fragment))
    for match in matches:
        if match.group(0) == "<!--":
            kinds.append("an HTML comment")
            continue
        name = match.group(2).lower()
        if name == "script":
            kinds.append("a <script> element")
        elif not match.group(1):
            kinds.append(f"raw HTML (<{name}>)")
        if _EVENT.search(match.group(3) or ""):
            kinds.append("an event-handler attribute")
    return kinds if matches else ["raw HTML"]


def _unsafe_links(rendered: str) -> list[str]:
    if "href=" not in rendered and "src=" not in rendered:
        return []
    found = []
    for value in _URL_ATTR.findall(rendered):
        url = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
        scheme = _SCHEME.match(url)
        if scheme and scheme.group(1) not in SAFE_SCHEMES:
            found.append(f"a {scheme.group(1)}: link")
    return found


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """The one Markdown converter: the extensions stories may use, raw HTML removed."""
    import markdown

    converter = markdown.Markdown(extensions=list(EXTENSIONS))
    _remove_raw_html(converter)
    markdown_speedups.speed_up(converter)
    return converter


def _remove_raw_html(converter: markdown.Markdown) -> None:
    """Blank the author's raw HTML that Python-Markdown stashed, and note what it was."""
    from markdown.extensions.fenced_code import FencedBlockPreprocessor
    from markdown.postprocessors import Postprocessor

    class FencedCode(FencedBlockPreprocessor):
        """Fenced code, escaped by Python-Markdown and stashed as HTML: the stash
        entries it adds are not the author's raw HTML."""

        def __init__(self, md: markdown.Markdown, config: dict[str, Any]) -> None:
            super().__init__(md, config)
            self.stashed: set[int] = set()

        def run(self, lines: list[str]) -> list[str]:
            first = self.md.htmlStash.html_counter
            lines = super().run(lines)
            self.stashed = set(range(first, self.md.htmlStash.html_counter))
            return lines

    class RawHtmlRemover(Postprocessor):
        """Runs before Markdown puts stashed raw HTML back, and blanks it instead."""

        def __init__(self, md: markdown.Markdown, fenced: FencedCode) -> None:
            super().__init__(md)
            self.fenced = fenced
            self.removed: list[str] = []

        def run(self, text: str) -> str:
            self.removed = []
            blocks = self.md.htmlStash.rawHtmlBlocks
            for index, block in enumerate(blocks):
                if index in self.fenced.stashed:
                    continue
                if isinstance(block, str) and block.lstrip().startswith("<"):
                    self.removed.extend(_describe(block))
                    blocks[index] = ""
            return text

    stock_fenced = converter.preprocessors["fenced_code_block"]
    fenced = FencedCode(converter, stock_fenced.config)  # type: ignore[attr-defined]
    converter.preprocessors.register(fenced, "fenced_code_block", 25)
    converter.postprocessors.register(RawHtmlRemover(converter, fenced), "refcat-raw-html", 35)
