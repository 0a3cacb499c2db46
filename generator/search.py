"""Full-text search with Pagefind, indexed from one finished output folder only.

Once one page is marked `data-pagefind-body`, Pagefind indexes only marked pages: it
reads the others and drops them. Pagefind is therefore only pointed at the folders
that hold marked pages (most of the internal catalog's HTML is lists, customers and
topics), which gives the same index in half the time.

The plugin may start Pagefind early, on the folders whose pages are all written, while
it writes the rest. Once the site is complete, the folders holding marked pages are
looked up again: when they are the ones indexed, the early index is kept; otherwise it
is discarded and the site indexed again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

BODY = b"data-pagefind-body"
BUNDLE = "pagefind"  # Pagefind's output folder inside the site
_GLOB_SPECIAL = re.compile(r"[*?\[\]{}!\\,]")


class SearchIndexError(Exception):
    pass


@dataclass
class PendingIndex:
    """Pagefind running on the folders in `glob`, started before the site was complete."""

    glob: str
    process: subprocess.Popen[str]

    def cancel(self) -> None:
        """Stop it (a failed build): it must not write into a folder being removed."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def start_search_index(site: Path, folders: Iterable[str]) -> PendingIndex | None:
    """Start indexing the pages of `folders` (relative to `site`), all already written."""
    glob = folder_glob(folders)
    if glob is None:
        return None
    process = subprocess.Popen(
        _command(site, glob), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    return PendingIndex(glob, process)


def build_search_index(site: Path, pending: PendingIndex | None = None) -> None:
    """Index the HTML of `site` into `site/pagefind/`; each audience is indexed on its own."""
    glob = folder_glob(marked_folders(site))
    if pending is not None:
        stdout, stderr = pending.process.communicate()
        if pending.glob == glob:
            _check(pending.process.returncode, stdout, stderr)
            return
        shutil.rmtree(site / BUNDLE, ignore_errors=True)  # indexed the wrong folders
    result = subprocess.run(_command(site, glob), capture_output=True, text=True, check=False)
    _check(result.returncode, result.stdout, result.stderr)


def marked_folders(site: Path) -> set[str]:
    """The folders (relative to `site`, "." for itself) with a page marked for search."""
    folders = set()
    for page in site.rglob("*.html"):
        if BODY in page.read_bytes().lower():  # attribute names are case-blind in HTML
            folders.add(page.parent.relative_to(site).as_posix())
    return folders


def folder_glob(folders: Iterable[str]) -> str | None:
    """A Pagefind glob for the HTML files of `folders`; None (every file) for none."""
    folders = set(folders)
    if not folders or any(_GLOB_SPECIAL.search(folder) for folder in folders):
        return None
    patterns = sorted("*.html" if folder == "." else f"{folder}/*.html" for folder in folders)
    return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def _command(site: Path, glob: str | None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    return command if glob is None else [*command, "--glob", glob]


def _check(returncode: int, stdout: str, stderr: str) -> None:
    if returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {stderr.strip() or stdout.strip()}")
