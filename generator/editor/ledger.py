"""What the editor last saw of each record, so that a save never overwrites a hand edit.

Decap's local proxy writes whatever the browser sends: a record changed on disk after
the editor loaded it (by hand, `refcat request add`, a `git pull`) would be replaced
without a word. The ledger keeps the SHA-256 of every file the proxy handed to the
editor or wrote for it; a save is refused when the file on disk is not that version.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any


def digest(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return hashlib.sha256(raw).hexdigest()


class Conflict(Exception):
    """A save the proxy refused; the message says why, in words for the editor's user."""


class Ledger:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.lock = threading.Lock()  # one save at a time: check, then write
        self._seen: dict[str, str] = {}

    def saw(self, entries: Any) -> None:
        """Remember the entries of a proxy answer (one entry or a list of them)."""
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict) and isinstance(entry.get("data"), str):
                path = (entry.get("file") or {}).get("path")
                if isinstance(path, str):
                    self._seen[path] = digest(entry["data"])

    def wrote(self, path: str, raw: str) -> None:
        self._seen[path] = digest(raw)

    def check(self, path: str) -> None:
        """Conflict unless the file is new or still as the editor last saw it."""
        target = self.root / path
        if not target.is_file():
            return
        seen = self._seen.get(path)
        if seen is None:
            raise Conflict(f"{path} was not loaded in this editor session; reload the page")
        if digest(target.read_bytes()) != seen:
            raise Conflict(
                f"{path} changed on disk since the editor loaded it; nothing was written. "
                "Copy your changes, reload the entry and apply them again."
            )
