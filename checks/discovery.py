"""Find the record files under `content/`: nothing there may be skipped without a word.

A folder that cannot be read, a file name that is not UTF-8 or a second file for
one lifecycle product is still discovered, with the reason it cannot be used: the
loader reports it as a finding instead of reading it, so `check` fails rather than
quietly reviewing fewer records than there are.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from refcat.checks.parsing import Format

UNREADABLE_HINT = "Make the folder readable: the records in it are not reviewed"
NAME_HINT = "Rename the file to its id: lower-case letters, digits and dashes"
LINK_HINT = "Point the link at a record file, or remove it"
DUPLICATE_HINT = "Keep one file per product: merge the releases and delete the other file"


@dataclass(frozen=True)
class Unusable:
    """Why a discovered path cannot be read as a record: the finding it becomes."""

    rule: str
    message: str
    hint: str


@dataclass(frozen=True)
class RecordFile:
    kind: str  # customer | reference | taxonomy | lifecycle
    fmt: Format
    path: Path
    problem: Unusable | None = None  # set: reported as a finding, never loaded


Found = list[tuple[Path, Unusable | None]]


def discover(content: Path) -> list[RecordFile]:
    """Every record file under `content`, in a stable order."""
    customers = _files(content / "customers", (".yaml", ".yml"))
    files = [RecordFile("customer", "yaml", p, why) for p, why in customers]
    references = _files(content / "references", (".md",))
    files += [RecordFile("reference", "markdown", p, why) for p, why in references]
    if (content / "taxonomy.yaml").is_file():
        files.append(RecordFile("taxonomy", "yaml", content / "taxonomy.yaml"))
    lifecycle = _one_per_product(_files(content / "lifecycle", (".md", ".yaml", ".yml"), False))
    for path, why in lifecycle:
        fmt: Format = "markdown" if path.suffix == ".md" else "yaml"
        files.append(RecordFile("lifecycle", fmt, path, why))
    return files


def printable(text: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 written as `\\xe9`."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _files(folder: Path, suffixes: tuple[str, ...], recursive: bool = True) -> Found:
    """The files with these suffixes, sorted: what rglob finds (linked folders are not
    followed), with one scandir per folder instead of a stat per file. A folder that
    cannot be read and a name that is not UTF-8 come with their problem."""
    found: Found = []
    folders = [folder]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if recursive:
                            folders.append(Path(entry.path))
                    elif entry.name.endswith(suffixes):
                        found += _record(entry)
        except FileNotFoundError:
            continue  # no such folder: no records of this kind
        except OSError as error:
            message = f"Cannot read the folder: {error.strerror or error}"
            found.append((current, Unusable("invalid-yaml", message, UNREADABLE_HINT)))
    return sorted(found, key=lambda item: item[0])


def _record(entry: os.DirEntry[str]) -> Found:
    """The entry, when it is a file (or a link to one), with what makes it unusable."""
    try:
        if not entry.is_file():
            return []
    except OSError as error:  # a loop of links: is_file() raises instead of saying no
        message = f"Cannot read the file: {error.strerror or error}"
        return [(Path(entry.path), Unusable("invalid-yaml", message, LINK_HINT))]
    return [(Path(entry.path), _name_problem(entry.path))]


def _name_problem(name: str) -> Unusable | None:
    shown = printable(name)
    if shown == name:
        return None
    message = f"The file name {Path(shown).name} is not UTF-8 text"
    return Unusable("invalid-yaml", message, NAME_HINT)


def _one_per_product(found: Found) -> Found:
    """Lifecycle files, each product in one file: two files for one product (`x.md` and
    `x.yaml`) are both a `duplicate-id`, instead of one silently replacing the other."""
    stems = Counter(path.stem for path, _ in found)
    kept: Found = []
    for path, why in found:
        if why is None and stems[path.stem] > 1:
            others = ", ".join(p.name for p, _ in found if p.stem == path.stem and p != path)
            message = f"The lifecycle product '{path.stem}' is also defined by {others}"
            why = Unusable("duplicate-id", message, DUPLICATE_HINT)
        kept.append((path, why))
    return kept
