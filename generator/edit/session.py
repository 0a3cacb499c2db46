"""One edit of one record, from finding the file to printing its new findings.

Every edit command runs the same steps: load the program (to know the customer, the
policy and the record's file), read the file for a round trip, let the edit change
the loaded structure, validate the whole record as `refcat check` would, write it
atomically, then review the program again and print the findings of that file. A
problem before the write leaves the file as it was.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from refcat.checks.models import Customer, Reference
from refcat.checks.policy import ConfigError, Policy
from refcat.checks.run import load_project, review
from refcat.generator import gc_policy
from refcat.generator.edit.roundtrip import Editable, EditError, Refused, read, write
from refcat.generator.edit.validation import validated


@dataclass(frozen=True)
class Project:
    """Where the records are, which policy applies, and what day it is (from the CLI)."""

    content: Path
    settings: Path | None
    today: date


@dataclass
class Target:
    """The record being edited: as loaded and validated, and as a structure to edit."""

    catalog: Catalog
    policy: Policy
    record: CustomerRecord | ReferenceRecord
    editable: Editable


Edit = Callable[[Target], str]  # changes `target.editable.data`, returns what it did


def edit_customer(project: Project, customer_id: str, edit: Edit, out: TextIO) -> int:
    return _run(project, customer_id, "customer", edit, out)


def edit_reference(project: Project, reference_id: str, edit: Edit, out: TextIO) -> int:
    return _run(project, reference_id, "reference", edit, out)


def _run(project: Project, record_id: str, kind: str, edit: Edit, out: TextIO) -> int:
    """Exit 0 done, 1 refused (nothing written), 2 a bad argument (nothing written)."""
    try:
        target = _target(project, record_id, kind)
        done = edit(target)
        text = target.editable.text()
        validated(target.editable.path, text, Customer if kind == "customer" else Reference)
        write(target.editable, text)
    except ConfigError as error:
        return _fail(f"refcat: {error}", 2)
    except EditError as error:
        return _fail(f"refcat: {error}", 2)
    except Refused as error:
        return _fail(f"refcat: {error}", 1)
    out.write(f"{done}\n")
    _print_findings(project, target.record.source.path, out)
    return 0


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _target(project: Project, record_id: str, kind: str) -> Target:
    with gc_policy.for_review():
        catalog, policy = load_project(project.content, project.settings)
    records = catalog.customers if kind == "customer" else catalog.references
    record = records.get(record_id)
    if record is None:
        raise EditError(_unknown(kind, record_id, catalog, records))
    path = catalog.content.parent / record.source.path
    return Target(catalog, policy, record, read(path))


def _unknown(kind: str, record_id: str, catalog: Catalog, records: dict) -> str:
    broken = catalog.broken_customers if kind == "customer" else set()
    if record_id in broken:
        return f"the {kind} '{record_id}' does not load; `refcat check` says why, fix that first"
    close = difflib.get_close_matches(record_id, list(records), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown {kind} '{record_id}'{hint}"


def _print_findings(project: Project, path: str, out: TextIO) -> None:
    """The findings of the edited file after a fresh review of the whole program."""
    with gc_policy.for_review():
        catalog, policy = load_project(project.content, project.settings)
    report = review(catalog, policy, project.today)
    findings = [f for f in report.findings if f.path == path]
    if not findings:
        out.write(f"No findings for {path}.\n")
        return
    out.write(f"Findings for {path} as of {project.today}:\n")
    for f in findings:
        out.write(f"  {f.path}:{f.line}: {f.severity} [{f.rule}] {f.message}\n")
        out.write(f"      hint: {f.hint}\n")
