"""Read a file no further than its size limit: one byte past it is enough to reject it.

A record over 1 MiB is `invalid-yaml`; reading a 2 GB file in full only to say so
would take gigabytes of memory. The size is asked first (`fstat`) so that a small
file is read with one call, and no read ever goes beyond `limit + 1` bytes.
"""

from __future__ import annotations

import errno
import os
import stat

from refcat.checks.source import MAX_BYTES

CHUNK = 1 << 20


def read_at_most(name: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, cut after `limit + 1`: longer than `limit` means too large."""
    descriptor = os.open(name, os.O_RDONLY)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(name))
        left = limit + 1
        # the size as known, plus one byte to see the end (or that the file grew)
        wanted = min(status.st_size + 1, left)
        chunks = []
        while left > 0 and (chunk := os.read(descriptor, min(wanted, left))):
            chunks.append(chunk)
            left -= len(chunk)
            wanted = CHUNK
        return b"".join(chunks)
    finally:
        os.close(descriptor)
