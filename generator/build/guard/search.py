"""Finding the needles in a file, minus what the public catalog legitimately shows.

A needle that also occurs in the public text (the views' strings, formatted dates,
the builtin templates' words) or in a bundled asset is dropped before any page is
read. The rest go into one Aho-Corasick automaton (pyahocorasick, in C), run once
per decoded view of each file; whole-word and phone checks look at the characters
around each match. A match a page makes by putting public pieces side by side
("Completed" + "June 2025") is cleared at the end, in one pass over the public text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

from refcat.generator.build.guard.decode import digits_view, plain, views
from refcat.generator.build.guard.needles import Needle, split_phrases

_SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")  # not just before a linked id
_SEPARATOR = "\x00"  # between two public texts: in no needle, not a word character


class Shown:
    """The public text and the bundled assets, as one searchable text each."""

    def __init__(self, public_texts: Iterable[str], assets: Iterable[str]) -> None:
        units = {plain(text) for text in public_texts}
        self.text = _joined(units)
        # phrases never span a break: their runs, each once (stories repeat sentences)
        self.phrases = _joined({phrase for unit in units for phrase in split_phrases(unit)})
        self.assets = [plain(text) for text in assets]

    def clears(self, wheres: dict[tuple[str, str], Any]) -> set[tuple[str, str]]:
        """The needles that occur in the public text or in an asset."""
        phrases = _Automaton({k: w for k, w in wheres.items() if k[1] == "text"})
        others = _Automaton({k: w for k, w in wheres.items() if k[1] != "text"})
        cleared = phrases.found_in(self.phrases) | others.found_in(self.text)
        for asset in self.assets:
            cleared |= phrases.found_in(asset) | others.found_in(asset)
        return cleared


def _joined(texts: Iterable[str]) -> str:
    return _SEPARATOR + _SEPARATOR.join(sorted(texts)) + _SEPARATOR


class Search:
    """The needles not shown in public, and the hidden pages' file names."""

    def __init__(self, needles: Iterable[Needle], shown: Shown, pages: Iterable[str]) -> None:
        self.wheres: dict[tuple[str, str], dict[str, None]] = {}  # (key, kind) -> where
        self.rank: dict[str, int] = {}  # where -> order of first appearance
        for needle in needles:
            self.rank.setdefault(needle.where, len(self.rank))
            self.wheres.setdefault((needle.key, needle.kind), {})[needle.where] = None
        self.shown = shown
        cleared = shown.clears(self.wheres)
        self.hidden = _Automaton({k: w for k, w in self.wheres.items() if k not in cleared})
        # a hidden reference's page by its address, old (`x.html`) or clean (`x/`)
        links = (f"{page}{end}" for page in pages for end in (".html", "/"))
        self.pages = _Automaton({(link, "link"): [] for link in links})

    def scan(self, text: str) -> tuple[set[tuple[str, str]], set[str]]:
        """The needles in each view of `text`, and the hidden pages it links to."""
        found: set[tuple[str, str]] = set()
        links: set[str] = set()
        for view in views(text):
            found |= self.hidden.found_in(view)
            links |= {key for key, _kind in self.pages.found_in(view)}
        return found, links

    def juxtaposed(self, found: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """The found needles that public texts side by side spell out."""
        candidates = [f for f in found if f[1] != "phone"]
        pieces: dict[tuple[str, str], Any] = {}
        for key, _kind in candidates:
            for piece in _pieces(key):
                pieces.setdefault((piece, "text"), [])
        seen = _Automaton(pieces).found_in(self.shown.text) if pieces else set()
        known = {piece for piece, _kind in seen}
        return {f for f in candidates if _spelled_by(f[0].split(" "), known)}


class _Automaton:
    """One Aho-Corasick automaton over needle keys (and their kinds)."""

    def __init__(self, wheres: dict[tuple[str, str], Any]) -> None:
        self.kinds: dict[str, set[str]] = {}
        for key, kind in wheres:
            self.kinds.setdefault(key, set()).add(kind)
        self.automaton = ahocorasick.Automaton()
        for key in self.kinds:
            self.automaton.add_word(key, key)
        self.automaton.make_automaton()
        self.phones = any("phone" in kinds for kinds in self.kinds.values())

    def found_in(self, view: str) -> set[tuple[str, str]]:
        if not self.kinds:  # an automaton with no strings cannot search
            return set()
        found = self._matches(view, {"text", "word", "link"})
        if self.phones:
            found |= self._matches(digits_view(view), {"phone"})
        return found

    def _matches(self, view: str, wanted: set[str]) -> set[tuple[str, str]]:
        found = set()
        for end, key in self.automaton.iter(view):
            for kind in self.kinds[key] & wanted:
                if _fits(view, end + 1 - len(key), end + 1, kind):
                    found.add((key, kind))
        return found


def _fits(view: str, start: int, end: int, kind: str) -> bool:
    """Is the match at view[start:end] one of its kind (a whole word, a number's end ...)?"""
    if kind == "text":
        return True
    before = view[start - 1] if start > 0 else " "
    after = view[end] if end < len(view) else " "
    if kind == "phone":
        return not after.isdigit()
    if kind == "link":
        return before not in _SLUG_CHARS
    return not (view[start].isalnum() and before.isalnum()) and not (
        view[end - 1].isalnum() and after.isalnum()
    )


def _pieces(key: str) -> Iterator[str]:
    """Each run of whole words of `key`, as a first piece (`x` then separator), a middle
    one (separators around) and a last one (separator then `x`)."""
    words = key.split(" ")
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            piece = " ".join(words[i:j])
            if i == 0:
                yield piece + _SEPARATOR
            if j == len(words):
                yield _SEPARATOR + piece
            yield _SEPARATOR + piece + _SEPARATOR


def _spelled_by(words: list[str], known: set[str]) -> bool:
    """Is the phrase the end of one public text, whole ones, then the start of another?"""
    count = len(words)
    reached = {j for j in range(1, count) if " ".join(words[:j]) + _SEPARATOR in known}
    frontier = sorted(reached)
    while frontier:
        i = frontier.pop()
        if _SEPARATOR + " ".join(words[i:]) in known:
            return True
        for j in range(i + 1, count):
            middle = _SEPARATOR + " ".join(words[i:j]) + _SEPARATOR
            if middle in known and j not in reached:
                reached.add(j)
                frontier.append(j)
    return False
