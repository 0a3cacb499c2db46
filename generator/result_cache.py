"""Finished check results, kept by everything they depend on, so unchanged work is not redone.

A check's output is a pure function of the content folder's path and the working
directory (paths in the output), the record files' bytes, the other files under
content/ and where their links lead (logos), the evaluated review policy (a module
that pelicanconf.py imports can change it), the as-of date, the format, refcat's own
code and the packages installed with it. While none of them changes (a developer
re-running `refcat check`, a CI retry), the stored output is served as it is; any change
misses, and the review runs, still with the per-file parse cache.

CI restores caches from other runs and a run may be killed mid-write: each stored
result carries a digest of its key, flags and output, and one that does not match is
not served.
"""

from __future__ import annotations

import hashlib
import re
import sysconfig
from functools import lru_cache
from pathlib import Path

from refcat.checks.cache_files import remove_stale_temporaries, write_atomically
from refcat.checks.snapshot import Snapshot

KEEP = 16  # results kept; the oldest go first
MAGIC = b"refcat result 2\n"
_CODE_ROOTS = ("checks", "generator")
_KEY = re.compile(r"[0-9a-f]{40}")
_FLAGS = (b"00", b"01", b"10", b"11")


@lru_cache(maxsize=1)
def _code_version() -> str:
    """refcat's own code and what is installed with it (names and versions): a change to
    a rule or an upgraded sanitizer must never be answered from an old result."""
    digest = hashlib.blake2b(digest_size=16)
    package_root = Path(__file__).resolve().parent.parent
    for root in _CODE_ROOTS:
        for path in sorted((package_root / root).rglob("*.py")):
            digest.update(path.read_bytes())
    for folder in sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}):
        try:
            names = sorted(p.name for p in Path(folder).iterdir())
            digest.update("\0".join(names).encode())
        except OSError:
            digest.update(f"{folder}: not readable\0".encode())
    return digest.hexdigest()


def result_key(content: Path, snapshot: Snapshot, *inputs: str) -> str:
    """The key of a check's result: refcat's code, where it runs, the files, and every
    other input as text (the evaluated policy, the as-of date, the format, colour)."""
    parts = (_code_version(), str(content.resolve()), str(Path.cwd()), snapshot.fingerprint)
    parts += inputs
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _output_digest(key: str, flags: bytes, output: bytes) -> bytes:
    digest = hashlib.blake2b(key.encode() + b"\0" + flags, digest_size=16)
    digest.update(output)
    return digest.hexdigest().encode()


class ResultCache:
    """Outputs with their error and warning flags, one small file each; `None` disables."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        if folder is not None:
            remove_stale_temporaries(folder)

    def get(self, key: str) -> tuple[bool, bool, str] | None:
        """The stored result of `key`; None when there is none or it is damaged."""
        if self.folder is None:
            return None
        try:
            stored = (self.folder / key).read_bytes()
        except OSError:
            return None
        header, _, output = stored.removeprefix(MAGIC).partition(b"\n")
        flags, _, digest = header.partition(b" ")
        if not stored.startswith(MAGIC) or flags not in _FLAGS:
            return None
        if digest != _output_digest(key, flags, output):
            return None
        try:
            return flags[0:1] == b"1", flags[1:2] == b"1", output.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, key: str, errors: bool, warnings: bool, output: str) -> None:
        if self.folder is None:
            return
        try:
            encoded = output.encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not UTF-8: not worth storing
            return
        flags = f"{int(errors)}{int(warnings)}".encode()
        header = MAGIC + flags + b" " + _output_digest(key, flags, encoded) + b"\n"
        if write_atomically(self.folder / key, header + encoded):
            _prune(self.folder)


def _prune(folder: Path) -> None:
    """Keep the newest results only (temporary files are not results)."""
    try:
        stored = [p for p in folder.iterdir() if _KEY.fullmatch(p.name)]
        stored.sort(key=lambda p: p.stat().st_mtime_ns)
        for old in stored[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a result that cannot be pruned only costs disk space
