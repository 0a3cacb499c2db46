"""Parse many record files fast: a content-keyed cache, and both cores for the rest.

Parsing YAML is the expensive part of a review; validation and rules are cheap. So a
file whose bytes were parsed before is taken from the cache (plain data in `marshal`
format, which cannot run code), and the others are parsed in worker processes when
there are enough of them to pay for the start-up.

Each parsed file travels as one marshal blob: workers send blobs back (far cheaper
than pickling the data), the cache stores them as they are, and loading the cache
only decodes the blobs a run uses.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from checks.source import Document, Path_, SourceError, decode, parse_front_matter, parse_yaml

Format = Literal["yaml", "markdown"]
# ("ok", data, lines, body, body_line) or ("error", message, line): plain data for marshal;
# `lines` is itself a marshal blob, unpacked only for a file a finding points into.
Parsed = tuple

CACHE_VERSION = 3  # 2: block scalars record the line their text starts on; 3: blobs
POOL_THRESHOLD = 400
CHUNK_FILES = 200  # small chunks: the first results come back while the rest is parsed
_RAW_KEYS = frozenset({"releaseCycle"})


def parse_bytes(fmt: Format, raw: bytes) -> Parsed:
    try:
        text = decode(raw)
        if fmt == "markdown":
            document = parse_front_matter(text, raw_keys=_RAW_KEYS)
        else:
            document = parse_yaml(text, raw_keys=_RAW_KEYS)
    except SourceError as error:
        return ("error", error.message, error.line)
    except RecursionError:
        return ("error", "Nesting too deep", 1)
    lines = marshal.dumps(document.lines)
    return ("ok", document.data, lines, document.body, document.body_line)


def to_document(parsed: Parsed) -> Document:
    """The document of a successful parse; SourceError for a failed one."""
    if parsed[0] == "error":
        raise SourceError(parsed[1], parsed[2])
    _, data, lines, body, body_line = parsed
    return Document(data=data, lines=PackedLines(lines), body=body, body_line=body_line)


class PackedLines(Mapping[Path_, int]):
    """The lines of a document, unpacked on first use: most files never need one.

    Unpacked lines are a tuple per key; for thousands of files, that is millions of
    objects to build and for the garbage collector to walk, for nothing.
    """

    def __init__(self, packed: bytes) -> None:
        self._packed = packed
        self._lines: dict[Path_, int] | None = None

    def _unpacked(self) -> dict[Path_, int]:
        if self._lines is None:
            self._lines = marshal.loads(self._packed)
        return self._lines

    def __getitem__(self, loc: Path_) -> int:
        return self._unpacked()[loc]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while many long-lived objects are built.

    Parsing and loading create millions of objects and no garbage cycles worth
    collecting, so each automatic collection only walks them all again (it costs more
    than the parse). The collector runs as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_chunk(jobs: list[tuple[Format, bytes]]) -> list[bytes]:
    with paused_gc():
        return [marshal.dumps(parse_bytes(fmt, raw)) for fmt, raw in jobs]


def _digest(fmt: Format, raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20, person=fmt.encode()).digest()


class ParseCache:
    """Parsed files (marshal blobs) by content digest, kept in one file; `None` disables it."""

    def __init__(self, folder: Path | None) -> None:
        self.file = None if folder is None else folder / "parsed.marshal"
        self.entries: dict[bytes, bytes] = {}
        self.used: dict[bytes, bytes] = {}
        if self.file is not None and self.file.is_file():
            try:
                stored = marshal.loads(self.file.read_bytes())
                if stored.get("version") == (CACHE_VERSION, sys.version_info[:2]):
                    self.entries = stored["entries"]
            except (EOFError, ValueError, TypeError, AttributeError, KeyError):
                self.entries = {}

    def save(self) -> None:
        """Keep what this run used; written atomically, and only when it changed."""
        if self.file is None or self.used.keys() == self.entries.keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            partial = self.file.with_suffix(f".{os.getpid()}.tmp")
            version = (CACHE_VERSION, sys.version_info[:2])
            partial.write_bytes(marshal.dumps({"version": version, "entries": self.used}))
            partial.replace(self.file)
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs time


def parse_files(files: list[tuple[Format, Path]], cache: ParseCache) -> Iterator[Parsed]:
    """Parse every file, yielding in order; unreadable files become parse errors.

    Results stream in from the workers: the caller validates the first files while the
    workers still parse the others. The cache has every entry once all are yielded.
    """
    known: list[Parsed | None] = []  # None: to be parsed
    todo: list[tuple[bytes, Format, bytes]] = []
    for fmt, path in files:
        try:
            raw = path.read_bytes()
        except OSError as error:
            known.append(("error", f"Cannot read file: {error.strerror}", 1))
            continue
        digest = _digest(fmt, raw)
        parsed = _decoded(cache.entries.get(digest))
        if parsed is not None:
            cache.used[digest] = cache.entries[digest]
        else:
            todo.append((digest, fmt, raw))
        known.append(parsed)
    fresh = zip(todo, _parse_all([(fmt, raw) for _, fmt, raw in todo]), strict=True)
    for parsed in known:
        if parsed is None:
            (digest, _, _), blob = next(fresh)
            cache.used[digest] = blob
            parsed = marshal.loads(blob)
        yield parsed


def _decoded(blob: bytes | None) -> Parsed | None:
    """A cached parse, or None when there is none or it is damaged (then parse again)."""
    if blob is None:
        return None
    try:
        parsed = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    return parsed if isinstance(parsed, tuple) else None


def _parse_all(jobs: list[tuple[Format, bytes]]) -> Iterator[bytes]:
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < POOL_THRESHOLD or workers < 2:
        yield from _parse_chunk(jobs)
        return
    chunks = [jobs[start : start + CHUNK_FILES] for start in range(0, len(jobs), CHUNK_FILES)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for blobs in pool.map(_parse_chunk, chunks):
            yield from blobs
