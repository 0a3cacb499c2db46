"""The leak guard's reading of many files, on every core: the same results, sooner.

At 10,000 references the public catalog has thousands of files, each read in six
decodings; one process spent about 12 s on them. Forked workers inherit the search
(its automata are built once, in C, and cannot be pickled) and send back only what
each file holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from refcat.generator.build.guard.decode import read
from refcat.generator.build.guard.search import Search
from refcat.generator.build.workers import cores, fork_map

FILES_PER_PROCESS = 400  # fewer files are read sooner than processes start

Scanned = tuple[set[tuple[str, str]], list[str]]  # the needles found, the hidden pages linked
_job: tuple[Search, Mapping[str, Path], Mapping[str, str]] | None = None


def scan_files(
    search: Search, files: Mapping[str, Path], drawn: Mapping[str, str], names: list[str]
) -> list[Scanned]:
    """What each named file holds, in order: `drawn` texts stand for the images drawn."""
    global _job
    _job = (search, files, drawn)
    try:
        processes = cores() if len(names) >= 2 * FILES_PER_PROCESS else 1
        return fork_map(_scan, names, processes)
    finally:
        _job = None


def _scan(relative: str) -> Scanned:
    assert _job is not None  # set by scan_files before the workers fork
    search, files, drawn = _job
    # an image refcat drew holds no text but the pixels of what it was handed: that is
    # read; its compressed bytes, read as text, would spell numbers by chance
    text = drawn[relative] if relative in drawn else read(files[relative])
    found, pages = search.scan(text)
    return found, sorted(pages)
