"""Parsed record files by the digest of their bytes, kept in one file that verifies itself.

CI restores caches from other runs, and a run may be killed or meet a full disk: the
cache must never change a verdict, only save time. So the file names the parser that
wrote it (file format, Python, PyYAML, refcat's parsing code), its index carries a
checksum, and each entry a digest of its key and stored bytes, checked when the entry
is used: a run hashes only what it reads, and `marshal` never decodes a byte that was
not verified. Whatever fails a check is not used, and that record file is parsed again.

    MAGIC | parser tag (16) | index checksum (16) | index length (8) | index | blobs

The index is a marshal tuple of (key, digest, length), one per blob, in blob order.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from functools import lru_cache
from pathlib import Path

import yaml

from refcat.checks.cache_files import remove_stale_temporaries, write_atomically

FILE_NAME = "parsed.marshal"
MAGIC = b"refcat parsed 4\n"
_DIGEST_SIZE = 16
_HEAD = len(MAGIC) + 2 * _DIGEST_SIZE + 8
# the code a parse depends on: a cache written by another version of it is not used
_PARSER_CODE = ("source.py", "parsing.py", "parse_cache.py")

Entry = tuple[bytes, bytes | memoryview]  # (digest of key and blob, marshal blob)


class ParseCache:
    """Parsed files (marshal blobs) by content digest, in one file; `None` disables it."""

    def __init__(self, folder: Path | None) -> None:
        self.file = None if folder is None else folder / FILE_NAME
        self.entries: dict[bytes, Entry] = {}
        self.used: dict[bytes, Entry] = {}
        self.changed = False
        if folder is not None and self.file is not None:
            remove_stale_temporaries(folder)
            self.entries = _read_entries(self.file)

    def get(self, key: bytes) -> bytes | memoryview | None:
        """The stored blob of `key`, when there is one and it is intact."""
        entry = self.entries.get(key)
        if entry is None or _entry_digest(key, entry[1]) != entry[0]:
            return None
        self.used[key] = entry
        return entry[1]

    def add(self, key: bytes, blob: bytes) -> None:
        self.used[key] = (_entry_digest(key, blob), blob)
        self.changed = True

    def forget(self, key: bytes) -> None:
        """An intact entry whose blob is not a parse: never keep it."""
        self.used.pop(key, None)
        self.changed = True

    def save(self) -> None:
        """Keep what this run used; written atomically, and only when it changed."""
        if self.file is None or not (self.changed or self.used.keys() != self.entries.keys()):
            return
        write_atomically(self.file, _encoded(self.used))


@lru_cache(maxsize=1)
def parser_tag() -> bytes:
    """Everything a stored parse depends on besides the file's bytes."""
    tag = hashlib.blake2b(MAGIC, digest_size=_DIGEST_SIZE)
    tag.update(f"{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0".encode())
    folder = Path(__file__).resolve().parent
    for name in _PARSER_CODE:
        tag.update((folder / name).read_bytes())
    return tag.digest()


def _entry_digest(key: bytes, blob: bytes | memoryview) -> bytes:
    digest = hashlib.blake2b(key, digest_size=_DIGEST_SIZE)
    digest.update(blob)
    return digest.digest()


def _checksum(index: bytes | memoryview) -> bytes:
    return hashlib.blake2b(index, digest_size=_DIGEST_SIZE).digest()


def _encoded(entries: dict[bytes, Entry]) -> bytes:
    rows = tuple((key, digest, len(blob)) for key, (digest, blob) in entries.items())
    index = marshal.dumps(rows)
    head = MAGIC + parser_tag() + _checksum(index) + len(index).to_bytes(8, "big")
    return b"".join([head, index, *(blob for _, blob in entries.values())])


def _read_entries(file: Path) -> dict[bytes, Entry]:
    """The entries of a cache file; none when it is missing, damaged or another parser's."""
    try:
        stored = memoryview(file.read_bytes())
    except OSError:
        return {}
    start = len(MAGIC)
    if len(stored) < _HEAD or stored[:start] != MAGIC:
        return {}
    tag, checksum = stored[start : start + 16], stored[start + 16 : start + 32]
    length = int.from_bytes(stored[start + 32 : _HEAD], "big")
    index = stored[_HEAD : _HEAD + length]
    if tag != parser_tag() or len(index) != length or _checksum(index) != checksum:
        return {}
    try:
        rows = marshal.loads(index)
    except (EOFError, ValueError, TypeError):
        return {}
    return _entries(rows, stored[_HEAD + length :])


def _entries(rows: object, blobs: memoryview) -> dict[bytes, Entry]:
    """The index rows as entries; none unless every row is well formed and the lengths
    add up to the blobs exactly (a file cut short or extended is not used)."""
    if not isinstance(rows, tuple):
        return {}
    entries: dict[bytes, Entry] = {}
    offset = 0
    for row in rows:
        if not (isinstance(row, tuple) and len(row) == 3):
            return {}
        key, digest, length = row
        if not (isinstance(key, bytes) and isinstance(digest, bytes) and type(length) is int):
            return {}
        if length < 0:
            return {}
        entries[key] = (digest, blobs[offset : offset + length])
        offset += length
    return entries if offset == len(blobs) else {}
