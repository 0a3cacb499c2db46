"""`refcat export`: the references as CSV for a CRM or a spreadsheet.

`--audience public` holds only what the public catalog shows and passes the leak guard
(exit 1 and nothing written when it finds internal data); `--audience internal` holds
every reference with its status and its customer's program data, no contact details.
The file is written whole or not at all.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.policy import load_settings
from refcat.checks.run import load_project, review
from refcat.generator import gc_policy
from refcat.generator.build.guard import LeakError
from refcat.generator.exchange.export import internal_csv, public_csv


@dataclass(frozen=True)
class Options:
    audience: str = "public"  # public | internal
    fmt: str = "csv"
    bom: bool = False
    output: Path | None = None  # None: standard output


def run(content: Path, settings: Path | None, as_of: date, out: TextIO, options: Options) -> int:
    with gc_policy.for_review():
        catalog, policy = load_project(content, settings, cache=False)
    report = review(catalog, policy, as_of)
    try:
        if options.audience == "public":
            text = public_csv(report, load_settings(settings) if settings else {}, bom=options.bom)
        else:
            text = internal_csv(report, bom=options.bom)
    except LeakError as error:
        out.write(f"refcat export: nothing written. {error}\n")
        return 1
    if options.output is None:
        out.write(text)
        return 0
    _write(options.output, text)
    rows = sum(1 for _ in csv.reader(io.StringIO(text))) - 1  # a cell may hold a line break
    out.write(f"Wrote {options.output} ({options.audience}, {rows} rows)\n")
    return 0


def _write(path: Path, text: str) -> None:
    """Atomically: a reader never sees half a file, a failed write leaves the old one."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
