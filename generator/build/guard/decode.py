"""The ways one output file can spell a text, each turned back into plain lower case.

A value can reach a page written as is, with HTML entities (`&#x43;`), percent-encoded
(`%43`), as a JSON string (`\\u0043`), gzipped (Pagefind's files), in another case,
or split by line breaks, indentation and inline tags. The guard reads every view
below, so that none of these hides it; each view has its runs of whitespace
collapsed to one space, as the needles have.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

_TAG = re.compile(r"<[^>]*>")
_JSON_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[\"\\/bfnrt])")
_JSON_SIMPLE = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_SURROGATE = re.compile("[\ud800-\udfff]")
_DIGIT_SEPARATORS = re.compile(r"(?<=\d)[ .()/-]{1,3}(?=\d)")  # "+44 (0)20 7946-0184"


def read(path: Path) -> str:
    """A file's text; Pagefind's gzipped index and fragments unpacked."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="ignore")


def plain(text: str) -> str:
    """Lower case, each run of whitespace one space: how needles and views compare."""
    return " ".join(text.lower().split())


def views(text: str) -> Iterator[str]:
    """Each distinct decoding of `text`: as written, entities resolved, percent- and
    JSON-decoded, and its text with tags removed (a value split by inline tags)."""
    unescaped = html.unescape(text) if "&" in text else text
    decoded = [text, unescaped]
    if "%" in unescaped:
        decoded.append(unquote(unescaped))
    if "\\" in text:
        decoded.append(html.unescape(json_unescape(text)))
    if "<" in text:
        decoded.append(html.unescape(_TAG.sub("", text)))
    seen: set[str] = set()
    for view in decoded:
        view = plain(view)
        if view not in seen:
            seen.add(view)
            yield view


def digits_view(view: str) -> str:
    """`view` with the separators inside written numbers removed: phones by their digits."""
    return _DIGIT_SEPARATORS.sub("", view)


def json_unescape(text: str) -> str:
    r"""JSON string escapes resolved (`\u0043` -> `C`, `\n` -> newline, `\/` -> `/`)."""
    return _surrogates(_JSON_ESCAPE.sub(_json_char, text))


def _json_char(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape[0] == "u":
        return chr(int(escape[1:], 16))
    return _JSON_SIMPLE[escape]


def _surrogates(text: str) -> str:
    """Join `\\ud83d\\ude00`-style pairs that JSON uses for characters beyond the BMP."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", errors="ignore")
