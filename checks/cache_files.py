"""Cache files are written whole or not at all, and leave no temporary file behind.

A cache file is written to a temporary file next to it, under a name no other process
uses, and renamed over it: a reader sees the old file or the new one. The temporary
file is removed when the write fails; one left by a killed process is removed by a
later run once its process is gone, or once it is an hour old (a cache restored from
another machine may name a process that happens to be alive here).

There is no fsync: a file that a crash leaves short fails its reader's verification,
and is recomputed. Caches only ever cost time when they fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from pathlib import Path

STALE_SECONDS = 3600
# `.parsed.marshal.<pid>.<token>.tmp`, and `parsed.<pid>.tmp` of earlier versions
_TEMPORARY = re.compile(r"\.(?P<pid>[0-9]+)(?:\.[0-9a-f]+)?\.tmp$")


def write_atomically(target: Path, payload: bytes) -> bool:
    """Write `payload` to `target` in one rename; False when it could not be written."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("xb") as stream:
            stream.write(payload)
        temporary.replace(target)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of writes that never finished."""
    try:
        candidates = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    except OSError:
        return  # no folder yet, or not readable: nothing to clean
    for path in candidates:
        match = _TEMPORARY.search(path.name)
        if match is None:
            continue
        with contextlib.suppress(OSError):
            if not _alive(int(match["pid"])) or _age(path) > STALE_SECONDS:
                path.unlink()


def _age(path: Path) -> float:
    return time.time() - path.stat().st_mtime


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process writes nothing before it cleans
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # no such process; no such pid at all
        return False
    except PermissionError:  # another user's process
        return True
    return True
