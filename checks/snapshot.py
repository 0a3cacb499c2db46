"""The bytes of every record file, read once, and one fingerprint of them all.

The fingerprint names the program's exact content: the same files with the same bytes
give the same fingerprint. A review is a pure function of the content, the settings
and the as-of date, so a result stored under the fingerprint can be served again
without repeating the work while nothing has changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from checks.load import RecordFile, discover


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


def take(content: Path) -> Snapshot:
    files = discover(content)
    fingerprint = hashlib.blake2b(digest_size=20)
    contents: list[bytes | OSError] = []
    prefix = len(str(content)) + 1
    for record_file in files:
        name = str(record_file.path)
        try:
            raw = _read(name)
        except OSError as error:
            raw = error
        contents.append(raw)
        digest = hashlib.blake2b(raw, digest_size=20).digest() if isinstance(raw, bytes) else b""
        fingerprint.update(f"{name[prefix:]}\0".encode() + digest)
    for name in _other_files(content):  # logos: only whether they exist counts for a check
        fingerprint.update(f"{name}\0".encode())
    return Snapshot(files, contents, fingerprint.hexdigest())


def _other_files(content: Path) -> list[str]:
    """Every file under `content` that is not a record, by its path relative to `content`."""
    records = {"customers", "references", "lifecycle"}
    names = []
    for folder, subfolders, filenames in os.walk(content):
        relative = Path(folder).relative_to(content)
        if relative == Path():
            subfolders[:] = [s for s in subfolders if s not in records]
        names += [(relative / name).as_posix() for name in filenames]
    return sorted(names)


def _read(name: str) -> bytes:
    """A whole file; plain `os.read` costs half of `Path.read_bytes` for small files."""
    descriptor = os.open(name, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
