"""The last search index, kept to be used again while the search records stay the same.

Pagefind writes its filter files in hash-map order, which differs from run to run: two
indexes of the same records differ in a few files, and those (with the meta and entry
files naming them by their digest) would be uploaded after every build. Indexing is
also the longest single step of a build. So the bundle Pagefind wrote is kept, as hard
links, beside the records (`<records>.pagefind/`, private like them) with the digest
of what it indexed; a build whose records have that same digest links the kept bundle
into its site instead of running Pagefind, and the live files keep their inodes.

The kept files are never written in place: a new bundle is linked into a new folder
that then replaces the old one. Where hard links cannot be made, files are copied;
where even that fails, nothing is kept and the next build indexes again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

DIGEST = ".refcat-records.sha256"  # in the kept bundle, never copied into a site
SUFFIX = ".pagefind"


def command_digest(command: list[str]) -> hashlib._Hash:
    """A digest of what an index depends on, started with the indexing command (Pagefind's
    binary, its size and date for its version, and its options); `add` each record next."""
    digest = hashlib.sha256()
    for part in (*command, _binary_stamp(command[0])):
        digest.update(part.encode() + b"\0")
    return digest


def add(digest: hashlib._Hash, path: str, html: str) -> None:
    """One record (its path in the site and its text) into `digest`."""
    data = html.encode()
    digest.update(f"{len(path)}:{path}{len(data)}:".encode() + data)


def _binary_stamp(binary: str) -> str:
    try:
        found = Path(binary).stat()
    except OSError:
        return ""
    return f"{found.st_size}:{found.st_mtime_ns}"


def kept_folder(records: Path) -> Path:
    return records.with_name(records.name + SUFFIX)


def reuse(records: Path, digest: str, bundle: Path) -> bool:
    """Put the kept bundle at `bundle` when it indexed records of `digest`; whether it did."""
    kept = kept_folder(records)
    try:
        if (kept / DIGEST).read_text(encoding="ascii") != digest:
            return False
        shutil.copytree(kept, bundle, copy_function=_link_or_copy, ignore=_digest_file)
    except OSError:  # nothing kept, or the site cannot be written: index as usual
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def keep(records: Path, digest: str, bundle: Path) -> None:
    """Keep the bundle Pagefind just wrote at `bundle`, which indexed records of `digest`."""
    kept = kept_folder(records)
    fresh = kept.with_name(kept.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        shutil.copytree(bundle, fresh, copy_function=_link_or_copy)
        fresh.chmod(0o700)
        (fresh / DIGEST).write_text(digest, encoding="ascii")
        old = kept.with_name(kept.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if kept.exists():
            kept.rename(old)
        fresh.rename(kept)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:  # a cache that cannot be written costs the next build its index
        shutil.rmtree(fresh, ignore_errors=True)


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:  # another device, or no hard links
        shutil.copy2(source, destination)


def _digest_file(folder: str, names: list[str]) -> list[str]:
    return [DIGEST] if DIGEST in names else []
