"""Clean verdicts of the leak guard by file, so that a rebuild reads only what changed.

A file the guard read and found clean stays clean as long as its bytes and the search
stay the same. The search is summed up in one digest: every needle still looked for
(the internal texts, minus what the public texts and assets clear), the hidden pages'
addresses, the guard's own code and the Python that decodes. One internal note edited
changes it, and every file is read again; a rebuild where nothing internal changed
reads only the files whose bytes changed. A file with a finding is never kept: it is
read on every build.

The cache is one file, `.refcat-cache/guard/clean`, written whole (checks.cache_files):

    MAGIC | search digest (16) | checksum of the digests (16) | file digests (16 each)

Whatever fails a check (another search, another version, a damaged file) is not used,
and every file is read; the cache only ever costs time when it fails.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from refcat.checks.cache_files import remove_stale_temporaries, write_atomically
from refcat.checks.run import cache_folder
from refcat.generator.build.guard.scan_workers import Scanned, scan_files
from refcat.generator.build.guard.search import Search

FILE_NAME = "clean"
MAGIC = b"refcat guard clean 1\n"
_SIZE = 16
_HEAD = len(MAGIC) + 2 * _SIZE
_CLEAN: Scanned = (set(), [])


def cached_scan(
    search: Search,
    files: Mapping[str, Path],
    drawn: Mapping[str, str],
    names: list[str],
    folder: Path | None,
) -> list[Scanned]:
    """`scan_files`, reading only the files not known clean under this very search."""
    if folder is None:
        return scan_files(search, files, drawn, names)
    remove_stale_temporaries(folder)
    tag = search_digest(search)
    known = _read(folder / FILE_NAME, tag)
    digests = {name: _file_digest(files[name], drawn.get(name)) for name in names}
    unknown = [name for name in names if digests[name] not in known]
    scanned = dict(zip(unknown, scan_files(search, files, drawn, unknown), strict=True))
    clean = {digests[name] for name in names if scanned.get(name, _CLEAN) == _CLEAN}
    if clean != known:
        write_atomically(folder / FILE_NAME, _encoded(tag, clean))
    return [scanned.get(name, (set(), [])) for name in names]  # a new tuple each


def search_digest(search: Search) -> bytes:
    """Everything a file's verdict depends on besides its bytes."""
    digest = hashlib.blake2b(MAGIC + _code_digest(), digest_size=_SIZE)
    for automaton in (search.hidden, search.pages):
        rows = sorted(f"{key}\0{','.join(sorted(kinds))}" for key, kinds in automaton.kinds.items())
        digest.update(b"\1".join(row.encode("utf-8", "surrogatepass") for row in rows))
        digest.update(b"\2")
    return digest.digest()


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """The guard's code and the Python that runs it: another version reads again."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=_SIZE)
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.digest()


def _file_digest(path: Path, drawn: str | None) -> bytes:
    """An image refcat drew is read as the text it was handed; any other file, its bytes."""
    if drawn is not None:
        payload = b"drawn\0" + drawn.encode("utf-8", "surrogatepass")
    else:
        payload = b"file\0" + path.read_bytes()
    return hashlib.blake2b(payload, digest_size=_SIZE).digest()


def _encoded(tag: bytes, clean: set[bytes]) -> bytes:
    body = b"".join(sorted(clean))
    return MAGIC + tag + hashlib.blake2b(body, digest_size=_SIZE).digest() + body


def _read(file: Path, tag: bytes) -> set[bytes]:
    """The clean digests stored for this search; none when missing, damaged or stale."""
    try:
        stored = file.read_bytes()
    except OSError:
        return set()
    body = stored[_HEAD:]
    checksum = stored[len(MAGIC) + _SIZE : _HEAD]
    if stored[: len(MAGIC)] != MAGIC or stored[len(MAGIC) : len(MAGIC) + _SIZE] != tag:
        return set()
    if len(body) % _SIZE or hashlib.blake2b(body, digest_size=_SIZE).digest() != checksum:
        return set()
    return {body[i : i + _SIZE] for i in range(0, len(body), _SIZE)}


def verdict_folder(content: Path) -> Path | None:
    """The guard's cache, beside the project's other caches; None without one."""
    caches = cache_folder(content)
    return caches / "guard" if caches is not None else None
