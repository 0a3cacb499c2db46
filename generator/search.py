"""Full-text search with Pagefind, indexed from one finished output folder only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    pass


def build_search_index(site: Path) -> None:
    """Index the HTML of `site` into `site/pagefind/`; each audience is indexed on its own."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed: {result.stderr.strip() or result.stdout.strip()}")
