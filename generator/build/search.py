"""Full-text search with Pagefind, indexed from search records rather than finished pages.

Only the public catalog has a Pagefind index: the internal catalog's search reads its
own word index (generator.internal.word_index), and gives no records to index.
A catalog's pages carry navigation, facts, contacts and related references that a
search must not match; Pagefind would parse all of that HTML only to drop it. Each
searchable page therefore gets a small search record: a document with just what the
search covers, rendered from the same view objects as the page, at the page's path.
Pagefind indexes those records from a private folder and writes its bundle into the
site, so result URLs are the pages' own.

The records exist as soon as the views do: Pagefind runs while the pages are written.
When the records are those of the last build, its index is used again instead
(generator.build.search_bundle): the same files, and no Pagefind run.
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from refcat.generator.build import search_bundle

if TYPE_CHECKING:
    from hashlib import _Hash as Hash

BUNDLE = "pagefind"  # Pagefind's output folder inside the site
OBSOLETE = ("internal", "internal.pagefind")  # in the search caches, from earlier versions
LOCK = ".lock"  # in the records folder; Pagefind indexes only *.html


class SearchIndexError(Exception):
    pass


@dataclass
class PendingIndex:
    """Pagefind indexing the records in `records` into `site/pagefind/`."""

    records: Path
    process: subprocess.Popen[str] | None  # None: the kept index was used again
    lock: int  # held until Pagefind is done: no other build rewrites the records meanwhile
    temporary: bool = False  # records in a temporary folder, removed when done
    digest: str = ""  # of the records and the command, to keep the index by

    def wait(self) -> None:
        """The index is complete (and kept for the next build with the same records)."""
        if self.process is None:
            self._release()
            return
        try:
            stdout, stderr = self.process.communicate()
            if self.process.returncode != 0:
                raise SearchIndexError(f"Pagefind failed: {stderr.strip() or stdout.strip()}")
            if not self.temporary:
                search_bundle.keep(self.records, self.digest, Path(self.process.args[-1]))
        finally:
            self._release()

    def cancel(self) -> None:
        """Stop it (a failed build): it must not write into a folder being removed.
        Harmless once the index is complete."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        self._release()

    def _release(self) -> None:
        if self.lock >= 0:
            _release(self.records, self.lock, self.temporary)
            self.lock = -1


def start_search_index(
    site: Path, records: Iterable[tuple[str, str]], folder: Path | None
) -> PendingIndex | None:
    """Start indexing `records` (path in the site, HTML) into `site`; None without any.

    The records are kept in `folder`, a private folder (mode 0700) outside the site:
    nothing of them belongs in the site itself. The folder is kept from build to build,
    each record rewritten in place and only those of removed pages deleted: on ext4
    without a journal, every file created in the six minutes after a deletion walks
    past each inode freed by it, so deleting thousands of records per build would slow
    down the next build's pages.
    Where `folder` cannot be written (a read-only project) or is None (no project folder
    to keep caches in), a temporary folder is used.
    """
    folder, temporary = _records_folder(folder)
    lock = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    bundle = site.resolve() / BUNDLE
    command = [*_pagefind(), "--site", str(folder), "--silent", "--output-path", str(bundle)]
    digest = search_bundle.command_digest(command[:-1])  # the site's own path aside
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        count = _write_records(folder, records, digest)
    except BaseException:
        _release(folder, lock, temporary)
        raise
    if count == 0:  # Pagefind refuses to build an empty index: no searched page, no search
        _release(folder, lock, temporary)
        return None
    if not temporary and search_bundle.reuse(folder, digest.hexdigest(), bundle):
        return PendingIndex(folder, None, lock, temporary)
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_environment()
    )
    return PendingIndex(folder, process, lock, temporary, digest.hexdigest())


def forget_obsolete(folder: Path) -> None:
    """Remove the internal catalog's search records and index that builds before its word
    index kept in `folder`: they hold internal texts, and nothing reads them any more."""
    for name in OBSOLETE:
        shutil.rmtree(folder / name, ignore_errors=True)


def _records_folder(folder: Path | None) -> tuple[Path, bool]:
    """`folder`, made private; or, where it cannot be written, a temporary folder."""
    if folder is None:
        return Path(tempfile.mkdtemp(prefix="refcat-search-")), True
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        return folder, False
    except OSError:
        return Path(tempfile.mkdtemp(prefix="refcat-search-")), True


def _release(folder: Path, lock: int, temporary: bool) -> None:
    os.close(lock)
    if temporary:
        shutil.rmtree(folder, ignore_errors=True)


def _write_records(folder: Path, records: Iterable[tuple[str, str]], digest: Hash) -> int:
    """Write `records` into `folder` (and into `digest`) and delete the records of earlier
    builds' pages that are gone; how many records were written."""
    stale = set(folder.rglob("*.html"))
    count = 0
    for relative, html in records:
        path = folder / relative
        if path not in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        search_bundle.add(digest, relative, html)
        stale.discard(path)
        count += 1
    for path in stale:
        path.unlink()
    return count


# Pagefind's binary allocates with jemalloc (read from `_RJEM_MALLOC_CONF`). Asked for
# transparent huge pages and to keep freed memory for its few seconds of life, it
# touches 2 MB pages instead of 4 KB ones: at 2,000 references 6,000 page faults
# instead of 140,000. A build that does not use jemalloc ignores the variable.
PAGEFIND_MALLOC = "thp:always,metadata_thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1"


def _environment() -> dict[str, str]:
    return {"_RJEM_MALLOC_CONF": PAGEFIND_MALLOC, **os.environ}  # the user's setting wins


@functools.cache
def _pagefind() -> list[str]:
    """The Pagefind binary the `pagefind` package found (`python -m pagefind` would
    start a Python only to find and exec it)."""
    from pagefind.service import get_executable

    binary = get_executable()
    return [str(binary)] if binary is not None else [sys.executable, "-m", "pagefind"]
