"""Finished check results, kept by everything they depend on, so unchanged work is not redone.

A check's output is a pure function of the record files' bytes, the settings file,
the as-of date, the format and refcat's own code. While none of them changes (a
developer re-running `refcat check`, a CI retry), the stored output is served as it
is; any change misses, and the review runs, still with the per-file parse cache.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from checks.snapshot import Snapshot

KEEP = 16  # results kept; the oldest go first
_CODE_ROOTS = ("checks", "generator")


@lru_cache(maxsize=1)
def _code_version() -> str:
    """refcat's own code: a change to a rule must never be answered from an old result."""
    digest = hashlib.blake2b(digest_size=16)
    package_root = Path(__file__).resolve().parent.parent
    for root in _CODE_ROOTS:
        for path in sorted((package_root / root).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def result_key(
    snapshot: Snapshot, settings: Path | None, as_of: date, fmt: str, color: bool
) -> str:
    digest = hashlib.blake2b(digest_size=20)
    settings_bytes = settings.read_bytes() if settings is not None and settings.is_file() else b""
    for part in (_code_version(), snapshot.fingerprint, as_of.isoformat(), fmt, str(color)):
        digest.update(part.encode() + b"\0")
    digest.update(settings_bytes)
    return digest.hexdigest()


class ResultCache:
    """Outputs with their error and warning flags, one small file each; `None` disables."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> tuple[bool, bool, str] | None:
        if self.folder is None:
            return None
        try:
            stored = (self.folder / key).read_bytes()
        except OSError:
            return None
        flags, _, output = stored.partition(b"\n")
        if len(flags) != 2 or not set(flags) <= set(b"01"):
            return None
        return flags[0:1] == b"1", flags[1:2] == b"1", output.decode("utf-8")

    def put(self, key: str, errors: bool, warnings: bool, output: str) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{key}.{os.getpid()}"
            flags = f"{int(errors)}{int(warnings)}\n".encode()
            partial.write_bytes(flags + output.encode("utf-8"))
            partial.replace(self.folder / key)
            stored = sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime_ns)
            for old in stored[:-KEEP]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a result that cannot be stored only costs time next run
