"""Linear-time stand-ins for the Python-Markdown scans that grow with the square of a text.

Python-Markdown looks for the end of a link's `[text]`, of its `(destination)` and of
a raw HTML start tag by scanning from each opening to the end of the text: a text
with thousands of openings that do not close (`[[[[...`, `<a b<a b...`) took minutes.
Here a link's scans give the same answer in constant time from a table built once
per text; a titled link destination and a start tag are looked for within a window
only. `checks.markup` installs them with `install(converter)`; the renderer reads as
if they were not there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import markdown

LINK_PATTERNS = ("link", "image_link", "reference", "image_reference", "short_reference")
LINK_PATTERNS += ("short_image_ref",)
_NEAR = 256  # a closing this near is found by a plain search, without a table
_BRACKETS = re.compile(r"[\[\]]")
_LINK_MARKS = re.compile(r"[()'\"]")  # quotes start a link's title
# A start tag longer than this is text (refcat removes raw HTML anyway); a link's
# `(destination "title")` longer than this is not a link.
_TAG_WINDOW = 512
_LINK_WINDOW = 512


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


def install(converter: markdown.Markdown) -> None:
    """Replace the quadratic scans of `converter`'s link patterns and HTML extractor."""
    brackets = Closings(_BRACKETS, "[", "]")
    parens = Closings(_LINK_MARKS, "(", ")")
    for name in LINK_PATTERNS:
        if name in converter.inlinePatterns:
            pattern: Any = converter.inlinePatterns[name]
            pattern.getText = _get_text(brackets)
            pattern.getLink = _get_link(pattern, parens)
    _bound_start_tags(converter)


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
