"""`refcat fmt [--check] [PATH ...]`: put record files into their canonical form.

Each file is read for a round trip, validated as `refcat check` reads it, rewritten in
the canonical form (`generator.edit.canonical`), read back to prove it holds the same
record, and only then written (atomically). A file that is not a record, does not
parse or does not validate is reported with its line and left as it was; the other
files are still formatted. Exit 0 all canonical (or made so), 1 with `--check` when a
file would change, 2 when a file could not be formatted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel

from refcat.checks.discovery import printable
from refcat.checks.models import Customer, Reference
from refcat.checks.source import SourceError
from refcat.generator.edit.canonical import canonical_text, check_same
from refcat.generator.edit.roundtrip import EditError, Refused, read, write
from refcat.generator.edit.validation import decoded, parse, validated

RECORD_KINDS = "customers/*.yaml or references/**/*.md"


def run(content: Path, paths: list[Path], check: bool, out: TextIO) -> int:
    files, problems = _record_files(paths or _default_folders(content))
    changed = 0
    for path in files:
        try:
            if not _format(path, check):
                continue
        except (EditError, Refused) as error:
            problems.append(str(error))
            continue
        except OSError as error:
            problems.append(f"{path}: {error.strerror or error}; nothing written")
            continue
        changed += 1
        out.write(f"{printable(str(path))}: {'would reformat' if check else 'reformatted'}\n")
    for problem in problems:
        print(f"refcat: {problem}", file=sys.stderr)
    if problems:
        return 2
    return 1 if check and changed else 0


def _format(path: Path, check: bool) -> bool:
    """True when the file is not canonical (and, unless checking, was rewritten)."""
    model = _model_of(path)
    document = validated(path, decoded(path), model)
    before = document.data, document.body
    record = read(path)
    canonical = canonical_text(record, model)
    try:
        again = _parse(path, canonical)
    except SourceError as error:  # a form refcat cannot read back is never written
        raise EditError(f"{path}: cannot be put in canonical form ({error.message})") from None
    check_same(before, again, str(path))
    if canonical.encode("utf-8") == record.raw:
        return False
    if not check:
        write(record, canonical)
    return True


def _parse(path: Path, text: str) -> tuple[object, str]:
    document = parse(path, text)
    return document.data, document.body


def _model_of(path: Path) -> type[BaseModel]:
    parts = path.parts[:-1]
    if path.suffix == ".md" and "references" in parts:
        return Reference
    if path.suffix in (".yaml", ".yml") and "customers" in parts:
        return Customer
    raise EditError(f"{path}: not a record file ({RECORD_KINDS}); nothing written")


def _default_folders(content: Path) -> list[Path]:
    """The content folder's record folders that exist (a project may have no references)."""
    if not content.is_dir():
        return [content]  # reported as missing
    folders = [content / "customers", content / "references"]
    return [folder for folder in folders if folder.is_dir()]


def _record_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The files named, and the record files in the folders named, in a stable order."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and _is_record(p))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return list(dict.fromkeys(files)), problems


def _is_record(path: Path) -> bool:
    try:
        _model_of(path)
    except EditError:
        return False
    return True
