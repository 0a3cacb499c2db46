"""`refcat review`: the program owner's worklist of what falls due within a number of days.

What is on the list is `checks.worklist`; here are the command and its output
formats, pure functions of the items (same items, same bytes: nothing reads the
clock). Overdue items are listed too, first. The review reads the records only:
nothing is written, not even the parse cache.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.days import shift
from refcat.checks.policy import ConfigError
from refcat.checks.run import load_project, review
from refcat.checks.worklist import Item, worklist
from refcat.generator import gc_policy
from refcat.generator.paths import prefix


@dataclass(frozen=True)
class Options:
    """How far ahead the worklist looks and how it is written."""

    within: int = 90  # days
    fmt: str = "text"
    cwd: Path | None = None  # paths are relative to it; None: the current working directory


DEFAULT = Options()


def run(
    content: Path, settings: Path | None, as_of: date, out: TextIO, options: Options = DEFAULT
) -> int:
    within = options.within
    if within < 0:
        raise ConfigError(f"--within {within}: the number of days must not be negative")
    with gc_policy.for_review():
        catalog, policy = load_project(content, settings, cache=False)
    report = review(catalog, policy, as_of)
    items = worklist(report.catalog, report.policy, as_of, within)
    start = prefix(report.catalog.content.parent, options.cwd or Path.cwd())
    items = [replace(item, path=start + item.path) for item in items] if start else items
    out.write(FORMATS[options.fmt](items, as_of, within))
    return 0


def to_text(items: list[Item], as_of: date, within: int) -> str:
    horizon = shift(as_of, within)
    lines = [f"Worklist as of {as_of}, due by {horizon}: {_count(items)}"]
    for item in items:
        state = "overdue" if item.overdue else "due"
        refs = f" [{', '.join(item.references)}]" if item.references else ""
        lines.append(f"{item.due}  {state:<7}  {item.kind:<18}  {item.customer}{refs}")
        lines.append(f"            {item.action}  ({item.path}:{item.line})")
    return "\n".join(lines) + "\n"


def _count(items: list[Item]) -> str:
    overdue = sum(item.overdue for item in items)
    noun = "item" if len(items) == 1 else "items"
    return f"{len(items)} {noun}, {overdue} overdue"


def _as_dict(item: Item) -> dict:
    fields = asdict(item)
    del fields["subject"]
    return {**fields, "due": item.due.isoformat(), "references": list(item.references)}


def to_json(items: list[Item], as_of: date, within: int) -> str:
    document = {
        "as_of": as_of.isoformat(),
        "within": within,
        "until": shift(as_of, within).isoformat(),
        "items": [_as_dict(item) for item in items],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("due", "kind", "customer", "references", "action", "path", "line", "overdue")


def to_csv(items: list[Item], as_of: date, within: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        row = {**_as_dict(item), "references": " ".join(item.references)}
        row["overdue"] = "yes" if item.overdue else "no"
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


PRODID = "-//refcat//refcat review worklist//EN"


def to_ics(items: list[Item], as_of: date, within: int) -> str:
    """RFC 5545: one all-day event per item; stable UIDs; DTSTAMP from the as-of date."""
    stamp = f"{as_of:%Y%m%d}T000000Z"  # never the clock: same input, same bytes
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:refcat worklist",
    ]
    for item in items:
        summary = f"{item.kind}: {item.customer}"
        if item.references:
            summary += f" ({', '.join(item.references)})"
        description = f"{item.action}\n{item.path}:{item.line}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(item)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
            *_end(item.due),
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _end(due: date) -> list[str]:
    """The day after an all-day event; none on the calendar's last day, where RFC 5545
    reads a DATE start alone as one day."""
    end = shift(due, 1)
    return [f"DTEND;VALUE=DATE:{end:%Y%m%d}"] if end > due else []


def _uid(item: Item) -> str:
    """Stable across runs and edits: the same task keeps its event when its date moves."""
    key = "|".join((item.kind, item.customer, *item.references, item.subject))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:24]}@refcat"


def _ics_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str, limit: int = 75) -> str:
    """Fold at 75 octets, never inside a UTF-8 character; continuations start with a space."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


FORMATS: dict[str, Callable[[list[Item], date, int], str]] = {
    "text": to_text,
    "json": to_json,
    "csv": to_csv,
    "ics": to_ics,
}
