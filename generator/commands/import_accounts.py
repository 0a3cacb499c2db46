"""`refcat import FILE --map hubspot|salesforce|MAPFILE`: CRM accounts as customer skeletons.

Every row is checked first; a fatal problem (not UTF-8, a broken CSV, a column the map
needs missing) writes nothing (exit 2). Then each new customer is written atomically,
never over an existing file. The report lists every row written and every row skipped,
with its line and why. Exit 0 when every row was written or exists already, 1 when a
row was skipped for another reason (it needs a person: a map entry, a fixed cell).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.load import load
from refcat.checks.policy import ConfigError
from refcat.generator import gc_policy
from refcat.generator.exchange.accounts import Account, Skipped, plan
from refcat.generator.exchange.crm_maps import REQUIRED, CrmMap, load_map
from refcat.generator.exchange.csv_cells import Table, read_table

EXISTS = "exists already"


@dataclass(frozen=True)
class Options:
    crm_map: str  # hubspot | salesforce | a map file
    dry_run: bool = False


def run(accounts: Path, content: Path, today: date, out: TextIO, options: Options) -> int:
    crm = load_map(options.crm_map)
    if not accounts.is_file():
        raise ConfigError(f"{accounts}: no such file")
    table = read_table(accounts.read_bytes(), str(accounts))
    _check_columns(table, crm, str(accounts))
    sectors, existing = _project(content)
    planned, skipped = plan(table, crm, sectors, existing, today.isoformat())
    folder = content / "customers"
    written = planned if options.dry_run else _write_all(planned, folder, skipped)
    files = [(account, folder / f"{account.id}.yaml") for account in written]
    verb = "would write" if options.dry_run else "written"
    out.write(report(f"{accounts} ({crm.crm} map)", files, skipped, verb))
    return 1 if any(EXISTS not in s.reason for s in skipped) else 0


def _check_columns(table: Table, crm: CrmMap, source: str) -> None:
    """ConfigError naming the required columns that the file's header lacks."""
    for field in REQUIRED:
        headers = crm.columns[field]
        if not set(headers) & set(table.header):
            wanted = " or ".join(f"'{h}'" for h in headers)
            raise ConfigError(
                f"{source}:1: no column {wanted} ({field}, {crm.source}); "
                f"the header has: {', '.join(table.header)}"
            )


def _project(content: Path) -> tuple[set[str], dict[str, str]]:
    """The taxonomy's sectors, and every customer id with its file, loaded or not."""
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    with gc_policy.for_review():
        catalog = load(content)
    if catalog.taxonomy is None:
        raise ConfigError(f"{content}/taxonomy.yaml: no sectors to translate industries into")
    folder = content / "customers"
    files = sorted(folder.rglob("*.y*ml")) if folder.is_dir() else []
    existing = {path.stem: str(path) for path in files}
    return set(catalog.taxonomy.sectors), existing


def _write_all(planned: list[Account], folder: Path, skipped: list[Skipped]) -> list[Account]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for account in planned:
        path = folder / f"{account.id}.yaml"
        if _create(path, account.text):
            written.append(account)
        else:  # written by someone else since the plan was made
            skipped.append(Skipped(account.line, account.id, f"{path} {EXISTS}"))
    skipped.sort(key=lambda s: s.line)
    return written


def _create(path: Path, text: str) -> bool:
    """Write a new file whole or not at all; False, leaving it alone, if it exists."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.link(temporary, path)  # unlike a rename, fails when the target exists
        return True
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


def report(
    title: str, written: list[tuple[Account, Path]], skipped: list[Skipped], verb: str
) -> str:
    """Every row in file order: the file it became, or why it was skipped."""
    lines = [f"{title}: {len(written)} {verb}, {len(skipped)} skipped"]
    entries = [(a.line, f"line {a.line}: {verb} {path}", a.notes) for a, path in written]
    entries += [(s.line, f"line {s.line}: skipped {s.label!r}: {s.reason}", ()) for s in skipped]
    for _, entry, notes in sorted(entries, key=lambda e: e[0]):
        lines.append(f"  {entry}")
        lines += [f"      {note}" for note in notes]
    return "\n".join(lines) + "\n"
