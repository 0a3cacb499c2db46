"""The last line of defence: read every public output file for what must not be there.

Views already have no internal fields; this guard checks the result rather than the
intent. It collects every internal value of every record (contacts, notes, caveats,
rating, requests, reputation, evaluation, findings), the titles of references that
are not published, and the names of customers shown only anonymized, then reads
every file of the public output, search index included, and fails the build when
one of them is found. A value the public views show legitimately (a quote author
who also ran the evaluation) is not a leak.
"""

from __future__ import annotations

import contextlib
import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from markupsafe import escape

from checks.catalog import Catalog
from checks.run import Report

MIN_LENGTH = 8  # shorter values ("CIO", "A") occur in any text by chance
_WORD = re.compile(r"\w+")
_PHRASE_BREAK = re.compile(r"[\n*_#>`|\[\]()]+")


class LeakError(Exception):
    def __init__(self, leaks: list[str]) -> None:
        shown = "\n  ".join(leaks[:20])
        more = f"\n  ... and {len(leaks) - 20} more" if len(leaks) > 20 else ""
        super().__init__(f"Leak guard: internal data in the public output:\n  {shown}{more}")
        self.leaks = leaks


def find_leaks(output: Path, report: Report, public_texts: Iterable[str]) -> list[str]:
    canaries = dict(_secrets(report))
    anchors: dict[str, list[str]] = {}
    for value in canaries:
        words = _WORD.findall(value)
        anchors.setdefault(max(words, key=len) if words else value, []).append(value)
    hidden_ids = _hidden_ids(report)
    shown = "\n".join(public_texts)
    leaks = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        if hidden_ids.intersection(re.split(r"[/.]", relative)):
            leaks.append(f"{relative}: a file named after a record that is not public")
        text = _read(path)
        for word in anchors.keys() & set(_WORD.findall(text)):
            for value in anchors[word]:
                if (value in text or str(escape(value)) in text) and value not in shown:
                    leaks.append(f"{relative}: {canaries[value]}")
    return leaks


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzipped
        with contextlib.suppress(OSError, EOFError):
            raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="ignore")


def _hidden_ids(report: Report) -> set[str]:
    catalog = report.catalog
    hidden = {f.id for f in catalog.reference_files if f.id not in report.published}
    named = {
        catalog.references[r].reference.customer
        for r in report.published
        if not catalog.anonymized(catalog.references[r])
    }
    return hidden | (set(catalog.customers) - named)


def _secrets(report: Report) -> Iterator[tuple[str, str]]:
    catalog = report.catalog
    for customer_id, record in catalog.customers.items():
        customer = record.customer
        where = f"customer {customer_id}"
        for contact in customer.contacts:
            yield from _values(f"a contact of {where}", contact.name, contact.email, contact.phone)
        yield from _phrases(f"the notes of {where}", customer.notes)
        yield from _values(f"the owner or rating of {where}", customer.owner, customer.rating.note)
        yield from _values(f"the rating of {where}", customer.rating.by)
        for request in customer.requests:
            yield from _values(f"a request of {where}", request.prospect, request.by)
        for entry in customer.reputation:
            yield from _values(f"a reputation entry of {where}", entry.summary, entry.source)
    for record in catalog.references.values():
        where = f"reference {record.id}"
        yield from _phrases(f"the caveats of {where}", record.reference.caveats)
        evaluation = record.reference.evaluation
        if evaluation is not None:
            yield from _values(f"the evaluation of {where}", evaluation.by)
            yield from _phrases(f"the evaluation of {where}", evaluation.note)
        if record.id not in report.published:
            yield from _values(f"unpublished {where}", record.reference.title)
            yield from _values(f"unpublished {where}", record.reference.summary)
    yield from _anonymized_names(catalog, report.published)
    for finding in report.findings:
        yield from _values(f"a finding ({finding.rule})", finding.message)


def _anonymized_names(catalog: Catalog, published: frozenset[str]) -> Iterator[tuple[str, str]]:
    named = set()
    for reference_id in published:
        record = catalog.references[reference_id]
        if not catalog.anonymized(record):
            named.add(record.reference.customer)
    for customer_id, record in catalog.customers.items():
        if customer_id not in named:
            yield from _values(f"the name of customer {customer_id}", record.customer.name)


def _values(where: str, *values: str | None) -> Iterator[tuple[str, str]]:
    for value in values:
        if value and len(value.strip()) >= MIN_LENGTH:
            yield value.strip(), where


def _phrases(where: str, text: str | None) -> Iterator[tuple[str, str]]:
    """Markdown changes punctuation on the way to HTML: check each plain run of text."""
    if text:
        yield from _values(where, *_PHRASE_BREAK.split(text))
