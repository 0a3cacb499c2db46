"""Swap a finished catalog into place, so a reader never sees half of one, keeping the
live files whose bytes did not change (generator.build.keep_unchanged)."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

from refcat.generator.build.keep_unchanged import keep_unchanged


def swap_in(built: Path, target: Path) -> int:
    """Replace `target` with `built`, so a reader never sees half a catalog; how many
    files of `target` were kept because their bytes did not change.

    `built` must be complete: nothing may write into it any more. Where the system can
    exchange two folders in one step (Linux), `target` is never missing, not even for an
    instant; elsewhere two renames leave a short gap.
    """
    kept = keep_unchanged(built, target)
    if target.exists() and _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)  # holds the previous catalog now
        return kept
    previous = built.with_name(built.name + ".previous")
    if target.exists():
        target.rename(previous)
    built.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return kept


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
