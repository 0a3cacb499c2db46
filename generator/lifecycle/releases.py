"""Read and edit the `releases:` of a lifecycle file, line by line.

A YAML round trip would rewrite bytes endoflife.date wrote otherwise (ruamel changes 10
of its 48 enterprise product files, windows-server among them), so an edit touches
only the lines of the values that changed and the blocks of releases added or removed;
the result is read back and must say what was meant, or nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from refcat.generator.lifecycle.source import Release, Value

_FENCE = re.compile(r"^---[ \t]*\r?\n?$")
_TOP_KEY = re.compile(r"^[^\s#-]")
_ITEM = re.compile(r"^( *)- ")
_CYCLE = re.compile(r"^\s*(?:- )?releaseCycle:[ \t]*(?P<value>.*?)[ \t]*\r?\n?$")
# the release keys an update writes, in the order endoflife.date's files write them
FIELDS = ("releaseDate", "eoas", "eol", "eoes", "latest", "latestReleaseDate")


class LifecycleError(Exception):
    """A lifecycle file that cannot be read or edited safely: one line, nothing written."""


@dataclass
class Releases:
    """A file's lines, where its releases' blocks are, and what each release says."""

    lines: list[str]
    blocks: list[tuple[int, int]]  # [start, end) line numbers of each release, in file order
    releases: list[Release]
    keys: set[str]  # the release keys this product's file uses at all


def read(text: str, name: str, yaml_only: bool = False) -> Releases:
    """The releases of a lifecycle file (`name` for messages): Markdown with front matter,
    or plain YAML when `yaml_only`."""
    lines = text.splitlines(keepends=True)
    start, end = (0, len(lines)) if yaml_only else _front_matter(lines, name)
    try:
        document = yaml.safe_load("".join(lines[start:end]))
    except (yaml.YAMLError, ValueError) as error:
        raise LifecycleError(f"{name}: does not parse ({error.__class__.__name__})") from None
    entries = document.get("releases") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise LifecycleError(f"{name}: no list of releases")
    blocks = _blocks(lines, start, end)
    if len(blocks) != len(entries) or not all(isinstance(e, dict) for e in entries):
        raise LifecycleError(f"{name}: its releases are not written one block each")
    releases = [
        _release(lines, block, entry, name) for block, entry in zip(blocks, entries, strict=True)
    ]
    keys = {key for entry in entries for key in entry}
    return Releases(lines, blocks, releases, keys)


def _front_matter(lines: list[str], name: str) -> tuple[int, int]:
    if not lines or not _FENCE.match(lines[0]):
        raise LifecycleError(f"{name}: no front matter between two '---' lines")
    for number, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line):
            return 1, number
    raise LifecycleError(f"{name}: the front matter is not closed with '---'")


def _blocks(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Line spans of the items under the top-level `releases:`, trailing blank lines included."""
    opening = next((n for n in range(start, end) if lines[n].startswith("releases:")), end)
    finish = next((n for n in range(opening + 1, end) if _TOP_KEY.match(lines[n])), end)
    starts = [n for n in range(opening + 1, finish) if _ITEM.match(lines[n])]
    indent = min((len(_ITEM.match(lines[n]).group(1)) for n in starts), default=0)  # type: ignore[union-attr]
    starts = [n for n in starts if len(_ITEM.match(lines[n]).group(1)) == indent]  # type: ignore[union-attr]
    return list(zip(starts, [*starts[1:], finish], strict=True))


def _release(lines: list[str], block: tuple[int, int], entry: dict[str, Any], name: str) -> Release:
    cycle = _cycle_as_written(lines, block)
    eol = entry.get("eol")
    if cycle is None or not isinstance(eol, date | bool):
        raise LifecycleError(f"{name}:{block[0] + 1}: a release needs releaseCycle and eol")
    fields = {k: entry[k] for k in FIELDS if k != "eol" and isinstance(entry.get(k), Value)}
    return Release(cycle, eol, fields)


def _cycle_as_written(lines: list[str], block: tuple[int, int]) -> str | None:
    """The cycle as the file writes it: `3.10` unquoted is still "3.10", never 3.1."""
    for line in lines[block[0] : block[1]]:
        match = _CYCLE.match(line)
        if match:
            value = match.group("value")
            quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
            return value[1:-1] if quoted else value
    return None


def render(value: Value, like: str = '""') -> str:
    """A value as endoflife.date writes it; a string keeps the quoting of `like`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    plain = not like.startswith(("'", '"'))
    return value if plain and yaml.safe_load(value) == value else f'"{value}"'


def equal(left: object, right: object) -> bool:
    """Equal as values: `True == 1` and a date against a bool never match."""
    return type(left) is type(right) and left == right


def verify(text: str, name: str, wanted: Sequence[Release], yaml_only: bool) -> None:
    """LifecycleError unless `text` holds exactly the `wanted` cycles and ends of life."""
    found = read(text, name, yaml_only).releases
    if len(found) != len(wanted) or not all(
        f.cycle == w.cycle and equal(f.eol, w.eol) for f, w in zip(found, wanted, strict=True)
    ):
        raise LifecycleError(f"{name}: its releases could not be edited in place; nothing written")
