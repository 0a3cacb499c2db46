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
from typing import NamedTuple

import ahocorasick
from markupsafe import escape

from checks.catalog import Catalog
from checks.run import Report

MIN_LENGTH = 8  # shorter values ("CIO", "A") occur in any text by chance
_PHRASE_BREAK = re.compile(r"[\n*_#>`|\[\]()]+")
_SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")  # not just before a linked id


class LeakError(Exception):
    def __init__(self, leaks: list[str]) -> None:
        shown = "\n  ".join(leaks[:20])
        more = f"\n  ... and {len(leaks) - 20} more" if len(leaks) > 20 else ""
        super().__init__(f"Leak guard: internal data in the public output:\n  {shown}{more}")
        self.leaks = leaks
        self.files = sorted({leak.partition(": ")[0] for leak in leaks})  # relative paths


def find_leaks(output: Path, report: Report, public_texts: Iterable[str]) -> list[str]:
    needles = _Needles(report, public_texts)
    hidden_ids = _hidden_ids(report)
    named_after = _anonymous_prefixes(report)
    leaks = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        if hidden_ids.intersection(re.split(r"[/.]", relative)):
            leaks.append(f"{relative}: a file named after a record that is not public")
        if named_after is not None and named_after.fullmatch(path.stem):
            leaks.append(f"{relative}: a file named after a customer shown anonymized")
        text = _read(path).lower()  # case-blind: a template may change case, Pagefind does
        leaks += [f"{relative}: {found}" for found in needles.found_in(text)]
    return leaks


class _Needle(NamedTuple):
    """What one string of the automaton stands for (often one value, as written)."""

    length: int
    written: tuple[int, ...]  # ranks of the values it is, as written
    escaped: tuple[int, ...]  # ranks of the values it is, HTML-escaped
    pages: tuple[str, ...]  # hidden ids whose page it is (`<id>.html`)


class _Needles:
    """Every internal value and every link to a hidden page, found in one pass per file.

    One Aho-Corasick automaton (pyahocorasick, in C) holds each value as written and
    HTML-escaped, and `<id>.html` for each reference that is not published, so a file
    is read once however many values there are. It reports every match, nested and
    overlapping ones too: a value inside a longer one is found. Which values the public
    views show anyway is found the same way, in one pass over their text.
    """

    def __init__(self, report: Report, public_texts: Iterable[str]) -> None:
        where = {value.lower(): where for value, where in _secrets(report)}
        self.wheres = list(where.values())  # by rank: the order of `_secrets`
        catalog = report.catalog
        hidden = sorted(f.id for f in catalog.reference_files if f.id not in report.published)
        written = {value: [rank] for rank, value in enumerate(where)}
        escaped: dict[str, list[int]] = {}
        pages: dict[str, list[str]] = {}
        for rank, value in enumerate(where):
            if (html := str(escape(value))) != value:
                escaped.setdefault(html, []).append(rank)
        for page in hidden:
            pages.setdefault(f"{page.lower()}.html", []).append(page)  # the text is lowercased
        self.automaton = ahocorasick.Automaton()
        for needle in {**written, **escaped, **pages}:  # each string once, whatever it is
            self.automaton.add_word(
                needle,
                _Needle(
                    len(needle),
                    tuple(written.get(needle, ())),
                    tuple(escaped.get(needle, ())),
                    tuple(pages.get(needle, ())),
                ),
            )
        self.automaton.make_automaton()
        shown_text = "\n".join(public_texts).lower()
        self.shown = {rank for _, needle in self._matches(shown_text) for rank in needle.written}

    def found_in(self, text: str) -> list[str]:
        """What `text` gives away: values in the order of `_secrets`, then links by name."""
        ranks: set[int] = set()
        links: set[str] = set()
        for end, needle in self._matches(text):
            ranks.update(needle.written, needle.escaped)
            start = end + 1 - needle.length
            if needle.pages and (start == 0 or text[start - 1] not in _SLUG_CHARS):
                links.update(f"{page}.html" for page in needle.pages)
        found = [self.wheres[rank] for rank in sorted(ranks - self.shown)]
        return found + [f"a link to {link}, which is not public" for link in sorted(links)]

    def _matches(self, text: str) -> Iterable[tuple[int, _Needle]]:
        """(index of the last character, needle) of every match, overlapping or not."""
        if not self.automaton:  # an automaton with no strings cannot search
            return ()
        return self.automaton.iter(text)


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzipped
        with contextlib.suppress(OSError, EOFError):
            raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="ignore")


def _named_customers(report: Report) -> set[str]:
    """Customers named by at least one published reference."""
    catalog = report.catalog
    return {
        catalog.references[r].reference.customer
        for r in report.published
        if not catalog.anonymized(catalog.references[r])
    }


def _hidden_ids(report: Report) -> set[str]:
    catalog = report.catalog
    hidden = {f.id for f in catalog.reference_files if f.id not in report.published}
    return hidden | (set(catalog.customers) - _named_customers(report))


def _anonymous_prefixes(report: Report) -> re.Pattern[str] | None:
    """File names that start like the id of a customer shown only anonymized.

    Reference ids usually start with their customer's (`harbourview-fund-data-hub`):
    a public page named so would give away whom an anonymized reference is about.
    The prefix is the shortest run of leading id parts with at least 4 characters,
    made longer (up to the whole id) while a customer named in public shares it:
    `aurora-` of `aurora-capital` says nothing when `aurora-power`, named on the site,
    starts the same way; `aurora-capital-` does.
    """
    catalog = report.catalog
    shown = {catalog.references[r].reference.customer for r in report.published}
    named = _named_customers(report)
    named_prefixes = {
        "-".join(parts[:n])
        for parts in (customer.split("-") for customer in named)
        for n in range(1, len(parts) + 1)
    }
    patterns = set()
    for customer_id in shown - named:
        parts = customer_id.split("-")
        patterns.add(re.escape(customer_id))
        shortest = next((n for n in range(1, len(parts)) if len("".join(parts[:n])) >= 4), None)
        if shortest is None:
            continue
        prefixes = ("-".join(parts[:n]) for n in range(shortest, len(parts) + 1))
        prefix = next((p for p in prefixes if p not in named_prefixes), None)
        if prefix is not None:
            patterns.add(re.escape(prefix) + "-.*")
    if not patterns:
        return None
    return re.compile("|".join(sorted(patterns)))


def _secrets(report: Report) -> Iterator[tuple[str, str]]:
    catalog = report.catalog
    for customer_id, record in catalog.customers.items():
        customer = record.customer
        where = f"customer {customer_id}"
        for contact in customer.contacts:
            yield from _values(
                f"a contact of {where}", contact.name, contact.email, contact.phone, contact.role
            )
        for consent in customer.consents:
            yield from _values(f"a consent of {where}", consent.by, consent.evidence)
            yield from _phrases(f"a consent of {where}", consent.note)
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
