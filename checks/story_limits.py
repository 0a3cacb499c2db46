"""The size and nesting limits of the Markdown texts the catalogs render.

A story, a reference's caveats and a customer's notes are each at most 100 KB
(102,400 bytes of UTF-8), hold at most 20 KB without a blank line, and nest lists
and quotes at most 20 levels deep. Within these limits any text renders in under
two seconds (`bench/story_render.py`); beyond them Python-Markdown's recursive
block parser fails (at about 250 levels), and its inline patterns, which rebuild a
block's text at each match, take time that grows with the square of a block. A
text beyond a limit is `invalid-record` at its first line, so the check refuses
what the build could not render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcat.checks.source import Document

MAX_BYTES = 102_400
MAX_DEPTH = 20
MAX_BLOCK_BYTES = 20_480
HINT = "Shorten the text, add blank lines between paragraphs, or nest lists and quotes less deeply"

# The containers a line opens before its text: indentation, quote markers, list markers.
_CONTAINERS = re.compile(r"(?:[ \t]|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))*")
_THEMATIC_BREAK = re.compile(r"[ \t]*(?:[-*_][ \t]*)+$")
_MARKER = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|[ \t]+")

# What each kind of record renders, by key: (the key, the text's name in messages).
TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "reference": (("caveats", "The caveats"),),
    "customer": (("notes", "The notes"),),
}


def beyond_limits(text: str, what: str) -> str | None:
    """Why `text` (named `what`, e.g. "The story") cannot be rendered, or None."""
    size = _size(text)
    if size > MAX_BYTES:
        return f"{what} is {_kb(size)} KB; a text may be at most {MAX_BYTES // 1024} KB"
    shape = measure(text)
    if shape.depth > MAX_DEPTH:
        return (
            f"{what} nests lists or quotes {shape.depth} levels deep (its line "
            f"{shape.depth_line + 1}); a text may nest at most {MAX_DEPTH} levels"
        )
    if shape.block > MAX_BLOCK_BYTES:
        return (
            f"{what} has {_kb(shape.block)} KB without a blank line (from its line "
            f"{shape.block_line + 1}); a paragraph, list or table may be at most "
            f"{MAX_BLOCK_BYTES // 1024} KB"
        )
    return None


@dataclass(frozen=True)
class Shape:
    """The deepest nesting a line opens, the largest block, and where (0-based lines)."""

    depth: int
    depth_line: int
    block: int
    block_line: int


def measure(text: str) -> Shape:
    """Each quote marker, list marker and four columns of indentation at a line's start
    is a level: an upper bound of what the line nests. A block is a run of lines
    without a blank line, the most text Python-Markdown matches inline at once."""
    depth = depth_line = block = block_line = 0
    size, start = -1, 0  # -1: the first line of a block has no newline before it
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            size, start = -1, number + 1
            continue
        size += _size(line) + 1
        if size > block:
            block, block_line = size, start
        prefix = _CONTAINERS.match(line).group(0)  # type: ignore[union-attr]
        if len(prefix) > MAX_DEPTH and not _THEMATIC_BREAK.match(line):
            levels = _depth(prefix)  # a shorter prefix cannot reach the limit
            if levels > depth:
                depth, depth_line = levels, number
    return Shape(depth, depth_line, block, block_line)


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _kb(size: int) -> int:
    return -(-size // 1024)


def _depth(prefix: str) -> int:
    depth = 0
    for marker in _MARKER.findall(prefix):
        if marker[0] in " \t":
            depth += len(marker.expandtabs(4)) // 4
        else:
            depth += 1
    return depth


def record_problems(kind: str, record: Any, document: Document) -> list[tuple[int, str]]:
    """(line, message) for each rendered text of a loaded record beyond a limit."""
    problems = []
    if kind == "reference":
        problem = beyond_limits(document.body, "The story")
        if problem:
            problems.append((document.body_line + _blank_lines(document.body), problem))
    for key, what in TEXTS.get(kind, ()):
        text = getattr(record, key)
        problem = beyond_limits(text, what) if text else None
        if problem:
            problems.append((document.line_of((key, 0)), problem))
    return problems


def _blank_lines(text: str) -> int:
    """The blank lines before a text's first line with something on it."""
    stripped = text.lstrip()
    return text.count("\n", 0, len(text) - len(stripped)) if stripped else 0
