"""The size and nesting limits of the Markdown texts the catalogs render.

A story, a reference's caveats and a customer's notes are each at most 100 KB
(102,400 bytes of UTF-8) and nest lists and quotes at most 20 levels deep. Within
these limits any text renders in well under two seconds (`bench/story_render.py`);
beyond them Python-Markdown's recursive block parser fails (about 250 levels) and
its time grows with the text. A text beyond a limit is `invalid-record` at its
first line, so the check refuses what the build could not render.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checks.source import Document

MAX_BYTES = 102_400
MAX_DEPTH = 20
HINT = "Shorten the text or split it, and nest lists and quotes less deeply"

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
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return f"{what} is {-(-size // 1024)} KB; a text may be at most {MAX_BYTES // 1024} KB"
    depth, line = nesting_depth(text)
    if depth > MAX_DEPTH:
        return (
            f"{what} nests lists or quotes {depth} levels deep (its line {line + 1}); "
            f"a text may nest at most {MAX_DEPTH} levels"
        )
    return None


def nesting_depth(text: str) -> tuple[int, int]:
    """The deepest nesting a line opens, and that line (0-based).

    Each quote marker, list marker and four columns of indentation is a level: an
    upper bound of what the line nests, cheap enough for every review.
    """
    deepest, where = 0, 0
    for number, line in enumerate(text.split("\n")):
        prefix = _CONTAINERS.match(line).group(0)  # type: ignore[union-attr]
        if len(prefix) <= MAX_DEPTH or _THEMATIC_BREAK.match(line):
            continue  # too short to nest deeper than the limit, or a rule
        depth = _depth(prefix)
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


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
            problems.append((document.body_line, problem))
    for key, what in TEXTS.get(kind, ()):
        text = getattr(record, key)
        problem = beyond_limits(text, what) if text else None
        if problem:
            problems.append((document.line_of((key, 0)), problem))
    return problems
