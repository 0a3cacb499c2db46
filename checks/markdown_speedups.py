"""What makes Python-Markdown fast enough for thousands of stories, and nothing else.

Python-Markdown tries every pattern on every piece of text, tests every block for a
table by splitting it into cells, and looks for the end of a link's `[text]`, of its
`(destination)` and of a raw HTML start tag by scanning from each opening to the end
of the text: a text with thousands of openings that do not close (`[[[[...`,
`<a b<a b...`) took minutes. Here:

- a pattern skips a text holding none of the strings it needs (`BLOCK_TRIGGERS`,
  `INLINE_TRIGGERS`), and the table test skips a block without a `|`;
- a link's scans give the same answer in constant time from a table built once per
  text; a titled link destination and a start tag are looked for within a window only.

`checks.markup` calls `speed_up(converter)` once; what it renders is the same HTML
without this module (the tests compare both), so the renderer reads as if it were not
there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from xml.etree.ElementTree import Element

    import markdown

# Python-Markdown tries each block processor on each block and each inline pattern on
# each piece of text; the regex scans were a third of a story's rendering. None of
# these patterns can match a text that holds none of its strings (each regex needs one
# of them literally), so such a text skips the scan.
BLOCK_TRIGGERS: dict[str, tuple[str, tuple[str, ...]]] = {  # processor: its regex, triggers
    "hashheader": ("RE", ("#",)),
    "hr": ("SEARCH_RE", ("-", "_", "*")),
    "quote": ("RE", (">",)),
    "reference": ("RE", ("]:",)),
}
INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}

LINK_PATTERNS = ("link", "image_link", "reference", "image_reference", "short_reference")
LINK_PATTERNS += ("short_image_ref",)
_NEAR = 256  # a closing this near is found by a plain search, without a table
_BRACKETS = re.compile(r"[\[\]]")
_LINK_MARKS = re.compile(r"[()'\"]")  # quotes start a link's title
# A start tag longer than this is text (refcat removes raw HTML anyway); a link's
# `(destination "title")` longer than this is not a link.
_TAG_WINDOW = 512
_LINK_WINDOW = 512


def speed_up(converter: markdown.Markdown) -> None:
    """Install every speed-up of this module in `converter`; its HTML stays the same."""
    _test_tables_for_pipes(converter)
    _skip_untriggered_patterns(converter)
    _scan_links_in_linear_time(converter)
    _bound_start_tags(converter)


def _test_tables_for_pipes(converter: markdown.Markdown) -> None:
    from markdown.extensions.tables import TableProcessor

    class PipeTableProcessor(TableProcessor):
        """A table has a `|` in its first rows; most blocks of a story have none.

        The stock test splits every block into cells first: a seventh of the time a
        story takes to render, spent on paragraphs.
        """

        def test(self, parent: Element, block: str) -> bool:
            return "|" in block and super().test(parent, block)

    tables = converter.parser.blockprocessors
    tables.register(PipeTableProcessor(converter.parser, tables["table"].config), "table", 75)


class _Triggered:
    """A compiled pattern that finds nothing, at once, in a text without any of its
    triggers."""

    def __init__(self, compiled: re.Pattern[str], triggers: tuple[str, ...]) -> None:
        self.compiled = compiled
        self.triggers = triggers

    def _may_match(self, string: str, start: int = 0, *_: int) -> bool:
        # from `start`: Python-Markdown searches on from each match, and a scan of the
        # whole text each time would grow with the square of the text
        return any(string.find(trigger, start) >= 0 for trigger in self.triggers)

    def search(self, string: str, *span: int) -> re.Match[str] | None:
        return self.compiled.search(string, *span) if self._may_match(string, *span) else None

    def match(self, string: str, *span: int) -> re.Match[str] | None:
        return self.compiled.match(string, *span) if self._may_match(string, *span) else None

    def finditer(self, string: str, *span: int) -> Iterator[re.Match[str]]:
        may = self._may_match(string, *span)
        return self.compiled.finditer(string, *span) if may else iter(())


def _skip_untriggered_patterns(converter: markdown.Markdown) -> None:
    """Let the patterns of `BLOCK_TRIGGERS` and `INLINE_TRIGGERS` skip the texts they
    cannot match."""
    blocks = converter.parser.blockprocessors
    for name, (attribute, triggers) in BLOCK_TRIGGERS.items():
        if name in blocks:
            processor = blocks[name]
            setattr(processor, attribute, _Triggered(getattr(processor, attribute), triggers))
    for name, triggers in INLINE_TRIGGERS.items():
        if name in converter.inlinePatterns:
            pattern = converter.inlinePatterns[name]
            pattern.compiled_re = _Triggered(pattern.compiled_re, triggers)  # type: ignore[assignment]


class Closings:
    """Where each opening of a text closes (as a counter of opening and closing marks
    finds it) and where its other marks are, by distance from the text's end: such a
    distance stays true while the text changes only before it, which is how
    Python-Markdown replaces what it has matched."""

    def __init__(self, marks: re.Pattern[str], opening: str, closing: str) -> None:
        self.marks = marks
        self.opening, self.closing = opening, closing
        self.text = ""
        self.valid = 0  # distances from the end up to this one describe `self.text`
        self.closes: dict[int, int] = {}  # distance of an opening -> of its close
        self.others: list[int] = []  # minus the distance of each other mark, ascending

    def close(self, text: str, opening: int) -> int:
        """The index of the mark closing the opening at `opening`, or -1."""
        self._follow(text, len(text) - opening)
        end = self.closes.get(len(text) - opening, 0)
        return len(text) - end if end else -1

    def next_other(self, text: str, start: int) -> int:
        """The index of the first other mark at or after `start`, or -1."""
        self._follow(text, len(text) - start)
        found = bisect_left(self.others, start - len(text))
        return len(text) + self.others[found] if found < len(self.others) else -1

    def _follow(self, text: str, distance: int) -> None:
        if text is self.text and distance <= self.valid:
            return
        if distance <= self.valid and self.text.endswith(text[len(text) - distance :]):
            self.text, self.valid = text, distance
            return
        self.text, self.valid = text, len(text)
        self.closes, self.others = {}, []
        open_at: list[int] = []
        for mark in self.marks.finditer(text):
            distance = len(text) - mark.start()
            if mark.group() == self.opening:
                open_at.append(distance)
            elif mark.group() != self.closing:
                self.others.append(-distance)
            elif open_at:
                self.closes[open_at.pop()] = distance


def _scan_links_in_linear_time(converter: markdown.Markdown) -> None:
    """Replace the quadratic scans of `converter`'s link patterns."""
    brackets = Closings(_BRACKETS, "[", "]")
    parens = Closings(_LINK_MARKS, "(", ")")
    for name in LINK_PATTERNS:
        if name in converter.inlinePatterns:
            pattern: Any = converter.inlinePatterns[name]
            pattern.getText = _get_text(brackets)
            pattern.getLink = _get_link(pattern, parens)


def _get_text(brackets: Closings) -> Callable[[str, int], tuple[str, int, bool]]:
    def get_text(data: str, index: int) -> tuple[str, int, bool]:
        """LinkInlineProcessor.getText: the `[text]` opened before `index`, where it
        ends, whether it closes. The text of one that does not close is left empty:
        every caller ignores it then."""
        close = data.find("]", index, index + _NEAR)
        if close < 0 or data.find("[", index, close) >= 0:
            close = brackets.close(data, index - 1)
        if close < 0:
            return "", len(data), False
        return data[index:close], close + 1, True

    return get_text


def _get_link(pattern: Any, parens: Closings) -> Callable[..., tuple[str, str | None, int, bool]]:
    stock = pattern.getLink

    def get_link(data: str, index: int) -> tuple[str, str | None, int, bool]:
        """LinkInlineProcessor.getLink; a `(destination)` without quotes, or one that
        never closes, is answered from the table, the rest by Python-Markdown."""
        opened = pattern.RE_LINK.match(data, index)
        if opened is None or opened.group(1):
            return stock(data, index)
        close = parens.close(data, index)
        quote = parens.next_other(data, opened.end())
        if close >= 0 and (quote < 0 or quote > close):
            href = data[opened.end() : close]
            return pattern.unescape(href).strip(), None, close + 1, True
        if close < 0 and quote < 0:
            return "", None, len(data), False
        # a title, nested parentheses: Python-Markdown's own scan, over a window
        return stock(data[: index + _LINK_WINDOW], index)

    return get_link


def _bound_start_tags(converter: markdown.Markdown) -> None:
    """Python-Markdown's HTML extractor, on Python before 3.13.4, matches each `<x`
    against the rest of the text with a backtracking pattern to find the tag's end;
    here the newer pattern finds it, and a start tag is at most `_TAG_WINDOW` long."""
    from markdown.htmlparser import HTMLExtractor, htmlparser
    from markdown.preprocessors import HtmlBlockPreprocessor

    class BoundedExtractor(HTMLExtractor):
        def check_for_whole_start_tag(self, i: int) -> int:
            """A start tag's end as Python 3.13.4 finds it (one pass, no backtracking),
            or -1 when it does not end with `>` within the window: its `<` is text."""
            tag = htmlparser.locatetagend.match(self.rawdata, i + 1, i + _TAG_WINDOW)
            end = tag.end() if tag else -1  # it matches: `<` was followed by a letter
            return end if end > 0 and self.rawdata[end - 1] == ">" else -1

    class BoundedHtmlBlocks(HtmlBlockPreprocessor):
        def run(self, lines: list[str]) -> list[str]:
            parser = BoundedExtractor(self.md)
            parser.feed("\n".join(lines))
            parser.close()
            return "".join(parser.cleandoc).split("\n")

    converter.preprocessors.register(BoundedHtmlBlocks(converter), "html_block", 20)
