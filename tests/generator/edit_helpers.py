"""A copy of the demo content to edit, and what an edit changed in a file."""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

from refcat.generator.edit.session import Project

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 25)


def demo_copy(tmp_path: Path) -> Project:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return Project(content, ROOT / "pelicanconf.py", TODAY)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, in order."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def snapshot(content: Path) -> dict[str, bytes]:
    """Every file under the content folder, by relative path: to prove nothing changed."""
    return {
        p.relative_to(content).as_posix(): p.read_bytes()
        for p in sorted(content.rglob("*"))
        if p.is_file()
    }
