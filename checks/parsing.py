"""Parse many record files fast: a content-keyed cache, and both cores for the rest.

Parsing YAML is the expensive part of a review; validation and rules are cheap. So a
file whose bytes were parsed before is taken from the cache (plain data in `marshal`
format, which cannot run code), and the others are parsed in worker processes when
there are enough of them to pay for the start-up.

Each parsed file travels as one marshal blob: workers send blobs back (far cheaper
than pickling the data), the cache stores them as they are, and loading the cache
only decodes the blobs a run uses. A cached blob is used only when it is intact
(`checks.parse_cache`) and has the shape of a parse.

The workers are forked: they run under the garbage-collector settings of the process
that forked them, which the command chose.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from refcat.checks.parse_cache import ParseCache
from refcat.checks.read_limit import read_at_most
from refcat.checks.source import (
    Document,
    Path_,
    SourceError,
    decode,
    parse_front_matter,
    parse_yaml,
)

Format = Literal["yaml", "markdown"]

POOL_THRESHOLD = 400  # files in the program: fewer cannot pay for starting workers
CHUNK_FILES = 200  # small chunks: workers start early, first results come back early
_RAW_KEYS = frozenset({"releaseCycle"})


# Not frozen: a frozen dataclass takes three times as long to make, once per record file.
@dataclass(slots=True)
class Parsed:
    """A file that parsed: its data, the line of every key (packed: `PackedLines`) and
    its Markdown body."""

    data: Any
    lines: bytes
    body: str
    body_line: int

    def document(self) -> Document:
        lines = PackedLines(self.lines)
        return Document(data=self.data, lines=lines, body=self.body, body_line=self.body_line)


@dataclass(slots=True)
class ParseFailure:
    """A file that did not parse, or could not be read: why, and where (1-based)."""

    message: str
    line: int


ParseResult = Parsed | ParseFailure


def parse_bytes(fmt: Format, raw: bytes) -> ParseResult:
    try:
        text = decode(raw)
        if fmt == "markdown":
            document = parse_front_matter(text, raw_keys=_RAW_KEYS)
        else:
            document = parse_yaml(text, raw_keys=_RAW_KEYS)
    except SourceError as error:
        return ParseFailure(error.message, error.line)
    except RecursionError:
        return ParseFailure("Nesting too deep", 1)
    lines = marshal.dumps(document.lines)
    return Parsed(document.data, lines, document.body, document.body_line)


# A parse travels between processes and is stored in the cache as a marshal blob of plain
# data: ("ok", data, lines, body, body_line) or ("error", message, line). These two
# functions are the only ones that know it.
def _to_wire(result: ParseResult) -> bytes:
    if isinstance(result, ParseFailure):
        return marshal.dumps(("error", result.message, result.line))
    return marshal.dumps(("ok", result.data, result.lines, result.body, result.body_line))


def _from_wire(blob: bytes | memoryview) -> ParseResult:
    """The parse in a blob; ValueError when the blob holds none (a damaged cache entry)."""
    try:
        wire = marshal.loads(blob)
    except (EOFError, TypeError) as error:
        raise ValueError("not a marshal blob") from error
    if type(wire) is not tuple or not wire:
        raise ValueError("not a parse")
    if wire[0] == "ok" and len(wire) == 5:
        _, data, lines, body, body_line = wire
        if isinstance(lines, bytes) and isinstance(body, str) and type(body_line) is int:
            return Parsed(data, lines, body, body_line)
    if wire[0] == "error" and len(wire) == 3:
        _, message, line = wire
        if isinstance(message, str) and type(line) is int:
            return ParseFailure(message, line)
    raise ValueError("not a parse")


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
            try:
                lines = marshal.loads(self._packed)
            except (EOFError, ValueError, TypeError):
                lines = None
            self._lines = lines if isinstance(lines, dict) else {}  # unreadable: no line known
        return self._lines

    def __getitem__(self, loc: Path_) -> int:
        return self._unpacked()[loc]

    def get(self, loc: Path_, default: Any = None) -> Any:  # no KeyError for absent keys
        return self._unpacked().get(loc, default)

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._unpacked())

    def __len__(self) -> int:
        return len(self._unpacked())


def _parse_chunk(jobs: list[tuple[Format, bytes]]) -> list[bytes]:
    return [_to_wire(parse_bytes(fmt, raw)) for fmt, raw in jobs]


def _digest(fmt: Format, raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20, person=fmt.encode()).digest()


def parse_files(
    files: list[tuple[Format, Path]],
    cache: ParseCache,
    contents: list[bytes | OSError] | None = None,
) -> Iterator[ParseResult]:
    """Parse every file, yielding in order; unreadable files become parse errors.

    Workers start on the first chunk of files to parse while the others are still read,
    and results stream back: the caller validates the first files while the workers
    parse the rest. The cache has every entry once all are yielded.
    """
    known: list[ParseResult | None] = []  # None: to be parsed
    parser = _Parser(len(files))
    try:
        for index, (fmt, path) in enumerate(files):
            try:
                raw = _content(path, contents[index] if contents is not None else None)
            except OSError as error:
                known.append(ParseFailure(f"Cannot read file: {error.strerror}", 1))
                continue
            digest = _digest(fmt, raw)
            parsed = _cached(cache, digest)
            if parsed is None:
                parser.add(digest, fmt, raw)
            known.append(parsed)
        fresh = parser.results()
        for parsed in known:
            if parsed is None:
                digest, blob = next(fresh)
                cache.add(digest, blob)
                parsed = _from_wire(blob)
            yield parsed
    finally:
        parser.close()


def _content(path: Path, known: bytes | OSError | None) -> bytes:
    """The file's bytes: as already read, or read now."""
    if isinstance(known, OSError):
        raise known
    return read_at_most(path) if known is None else known


def _cached(cache: ParseCache, digest: bytes) -> ParseResult | None:
    """A cached parse, or None when there is none or it is damaged (then parse again)."""
    blob = cache.get(digest)
    if blob is None:
        return None
    try:
        return _from_wire(blob)
    except ValueError:
        cache.forget(digest)
        return None


class _Parser:
    """Parses files in the order added: in worker processes, each chunk as soon as it is
    full, when there are enough files to pay for starting them; here otherwise."""

    def __init__(self, files: int) -> None:
        # the cores this process may use (a CI container may have fewer than the machine)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        self.workers = min(cores or 1, 4) if files >= POOL_THRESHOLD else 1
        self.pool: ProcessPoolExecutor | None = None
        self.digests: list[bytes] = []
        self.chunk: list[tuple[Format, bytes]] = []
        self.chunks: list[Future[list[bytes]]] = []

    def add(self, digest: bytes, fmt: Format, raw: bytes) -> None:
        self.digests.append(digest)
        self.chunk.append((fmt, raw))
        if self.workers > 1 and len(self.chunk) == CHUNK_FILES:
            self._submit()

    def _submit(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers)
        self.chunks.append(self.pool.submit(_parse_chunk, self.chunk))
        self.chunk = []

    def results(self) -> Iterator[tuple[bytes, bytes]]:
        """(digest, parsed blob) of every file added, in order."""
        if self.pool is None:  # too few files to parse for workers to pay
            yield from zip(self.digests, _parse_chunk(self.chunk), strict=True)
            return
        if self.chunk:
            self._submit()
        blobs = (blob for chunk in self.chunks for blob in chunk.result())
        yield from zip(self.digests, blobs, strict=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
