"""The bytes of every record file, read once, and one fingerprint of them all.

The fingerprint names the program's exact content: the same files with the same bytes,
the same other files (logos) with the same bytes, and links leading to the same places
give the same fingerprint. A review is a pure function of the content, the policy and
the as-of date, so a result stored under the fingerprint can be served again without
repeating the work while nothing has changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from refcat.checks.discovery import RecordFile, discover
from refcat.checks.read_limit import read_at_most
from refcat.checks.source import MAX_BYTES

# Of a file that is not a record, a check judges no more than this (a logo is under 5 MiB).
OTHER_BYTES = 16 << 20


@dataclass(frozen=True)
class Snapshot:
    files: list[RecordFile]
    contents: list[bytes | OSError]  # what each file held, or why it could not be read
    fingerprint: str

    def content_of(self, index: int) -> bytes:
        content = self.contents[index]
        if isinstance(content, OSError):
            raise content
        return content


def take(content: Path, *, keyed: bool = True) -> Snapshot:
    """The record files' bytes, and when `keyed` (results are cached) the fingerprint.

    Unkeyed, no other file is looked at: `check --content /` must not read the system.
    """
    files = discover(content)
    fingerprint = hashlib.blake2b(digest_size=20)
    contents: list[bytes | OSError] = []
    prefix = len(str(content)) + 1
    root = content.resolve()
    entries = sorted(_walk(content), key=lambda entry: entry.path) if keyed else []
    links = {entry.path for entry in entries if entry.is_symlink()}
    for record_file in files:
        name = str(record_file.path)
        try:
            raw = _read(name)
        except OSError as error:
            raw = error
        contents.append(raw)
        digest = hashlib.blake2b(raw, digest_size=20).digest() if isinstance(raw, bytes) else b""
        # a linked record is reported at its target: where the link leads counts too
        target = _link(name, root) if name in links else b""
        fingerprint.update(os.fsencode(name[prefix:]) + b"\0" + digest + target)
    records = {str(record_file.path) for record_file in files}
    for entry in entries:  # logos: a logo may be any other file, or a link to one
        if entry.path not in records:
            fingerprint.update(os.fsencode(entry.path[prefix:]) + b"\0" + _other(entry, root))
    return Snapshot(files, contents, fingerprint.hexdigest() if keyed else "")


def _walk(content: Path) -> Iterator[os.DirEntry[str]]:
    """Every file and link under `content`, record folders too; links are not followed."""
    folders = [str(content)]
    while folders:
        try:
            with os.scandir(folders.pop()) as found:
                for entry in found:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    else:
                        yield entry
        except OSError:
            continue  # unreadable: discover() finds no records there either


def _link(path: str, root: Path) -> bytes:
    """Where a link leads, and whether that is inside content/."""
    try:
        target = Path(path).resolve()
    except RuntimeError:  # a loop of links leads nowhere (pathlib raises, not OSError)
        return b"->loop\0"
    inside = b"inside" if target.is_relative_to(root) else b"outside"
    return b"->" + os.fsencode(target) + b"\0" + inside + b"\0"


def _other(entry: os.DirEntry[str], root: Path) -> bytes:
    """A file that is not a record, as a check sees it: where a link leads, and the
    digest of a regular file inside content/ (a logo is judged by its bytes). Nothing
    outside content/ is read, and nothing that is not a regular file (a FIFO blocks)."""
    link = _link(entry.path, root) if entry.is_symlink() else b""
    if link.endswith(b"outside\0"):
        return link
    try:
        if not entry.is_file():
            return link + b"not a file"
        return link + hashlib.blake2b(_read(entry.path, OTHER_BYTES), digest_size=20).digest()
    except OSError as error:
        return link + f"unreadable: {error.errno}".encode()


def _read(name: str, limit: int = MAX_BYTES) -> bytes:
    """A file up to one byte past `limit`: a 2 GB file is too large after 1 MiB + 1 byte."""
    return read_at_most(name, limit)
