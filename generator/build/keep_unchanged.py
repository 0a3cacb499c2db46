"""Keep the live files a rebuild did not change, so uploads carry only real changes.

Every build writes a whole catalog into a staging folder, which then replaces the live
one in one step. Without more, every live file would be new after each build: `rsync`
and CDN uploads, which compare sizes and modification times, would send the whole site
every night although a handful of pages changed.

So, once nothing writes into the staging folder any more, each staging file whose bytes
equal the live file at the same path is replaced by a hard link to that live file: after
the swap the path names the same inode, with its old modification time. The live folder
is only ever read here: it is never written, and Pelican never opens a live file (it
writes into the staging folder, which holds only files it made, until this step).
Where hard links are not possible (another file system, a file system without them),
the staging files stay as built: the swap is as correct, only every file is new.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CHUNK = 1 << 20  # bytes compared at a time: large files (search index chunks, images)
TEMPORARY = ".refcat-keep"  # suffix of the link made beside a staging file, then renamed


def keep_unchanged(built: Path, live: Path) -> int:
    """Replace each file under `built` whose bytes equal the file at the same path under
    `live` by a hard link to that file; how many files were kept.

    Call it only after all writing into `built` has ended: a later write into a linked
    file would write into the live catalog.
    """
    if not live.is_dir():
        return 0
    kept = 0
    for folder, _folders, names in os.walk(built):
        mirror = live / Path(folder).relative_to(built)
        for name in names:
            new, old = Path(folder, name), mirror / name
            if not _same_bytes(new, old):
                continue
            if not _link_over(old, new):
                return kept  # no hard links here: the rest stays as built
            kept += 1
    return kept


def _same_bytes(new: Path, old: Path) -> bool:
    """Whether two regular files (symbolic links are not followed) hold the same bytes;
    sizes first, so most changed files cost no reading."""
    try:
        new_stat, old_stat = new.lstat(), old.lstat()
    except OSError:  # no live file at this path
        return False
    if not (stat.S_ISREG(new_stat.st_mode) and stat.S_ISREG(old_stat.st_mode)):
        return False
    if new_stat.st_size != old_stat.st_size:
        return False
    if (new_stat.st_dev, new_stat.st_ino) == (old_stat.st_dev, old_stat.st_ino):
        return False  # already one file: nothing to keep
    with new.open("rb") as one, old.open("rb") as other:
        while True:
            chunk = one.read(CHUNK)
            if chunk != other.read(CHUNK):
                return False
            if not chunk:
                return True


def _link_over(old: Path, new: Path) -> bool:
    """Make `new` a hard link to `old`, in one rename so `new` is never missing nor half
    written; False where hard links cannot be made (`new` is then left as it was)."""
    temporary = new.with_name(new.name + TEMPORARY)
    try:
        os.link(old, temporary, follow_symlinks=False)
    except OSError:  # another device (EXDEV), no hard links (EPERM), too many (EMLINK)
        return False
    try:
        temporary.replace(new)
    except OSError:
        temporary.unlink()
        return False
    return True
