"""Where output paths start: the working directory, or the repository root for CI.

Findings name files relative to the folder above the content folder (the catalog
project). A user in another folder needs them relative to where they stand, as
compilers print them; GitHub resolves annotation and code-scanning paths against the
repository's top. Both are the same prefix in front of every path, computed once.
"""

from __future__ import annotations

import os
from pathlib import Path


def repository_root(folder: Path) -> Path:
    """The git work tree's top at or above `folder`, else `folder` itself.

    A `.git` file counts too: a worktree or submodule checkout has one instead of a folder.
    """
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def prefix(project: Path, base: Path) -> str:
    """What goes in front of a project-relative path to make it relative to `base`:
    empty when they are the same folder, else e.g. `site/refs/` or `../refs/`."""
    relative = os.path.relpath(project.resolve(), base.resolve())
    return "" if relative == "." else Path(relative).as_posix() + "/"
