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
_SLUG_RUN = re.compile(r"[a-z0-9-]+")
_PAGE_LINK = re.compile(r"(?<![a-z0-9-])([a-z0-9-]+)\.html")


class LeakError(Exception):
    def __init__(self, leaks: list[str]) -> None:
        shown = "\n  ".join(leaks[:20])
        more = f"\n  ... and {len(leaks) - 20} more" if len(leaks) > 20 else ""
        super().__init__(f"Leak guard: internal data in the public output:\n  {shown}{more}")
        self.leaks = leaks
        self.files = sorted({leak.partition(": ")[0] for leak in leaks})  # relative paths


def find_leaks(output: Path, report: Report, public_texts: Iterable[str]) -> list[str]:
    canaries = _Canaries(report, public_texts)
    hidden_ids = _hidden_ids(report)
    hidden_pages = _HiddenPages(report)
    named_after = _anonymous_prefixes(report)
    leaks = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        if hidden_ids.intersection(re.split(r"[/.]", relative)):
            leaks.append(f"{relative}: a file named after a record that is not public")
        if named_after is not None and named_after.fullmatch(path.stem):
            leaks.append(f"{relative}: a file named after a customer shown anonymized")
        text = _read(path).lower()  # case-blind: a template may change case, Pagefind does
        leaks += [f"{relative}: {where}" for where in canaries.found_in(text)]
        for link in hidden_pages.found_in(text):
            leaks.append(f"{relative}: a link to {link}, which is not public")
    return leaks


class _Canaries:
    """Every internal value, looked for only where the longest of its words is a word.

    A value can only be where that word is: each value (and its HTML-escaped form) is
    compared with the text around each place the word occurs, instead of searching the
    whole text for each of the thousands of values that share a common word
    ("migration"). Values at the same distance from that word are told apart by their
    first few characters, then compared in full. Whether the public views show a value
    anyway is asked once.
    """

    def __init__(self, report: Report, public_texts: Iterable[str]) -> None:
        self.where = {value.lower(): where for value, where in _secrets(report)}
        self.rank = {value: rank for rank, value in enumerate(self.where)}
        # anchor word -> offset of the word in a needle -> (prefix length, prefix -> needles)
        self.windows: dict[str, dict[int, tuple[int, dict[str, list[tuple[str, str]]]]]] = {}
        needles: dict[str, dict[int, list[tuple[str, str]]]] = {}
        for value in self.where:
            words = _WORD.findall(value)
            anchor = max(words, key=len) if words else value
            for needle in dict.fromkeys((value, str(escape(value)))):
                offsets = needles.setdefault(anchor, {})
                offsets.setdefault(needle.find(anchor), []).append((needle, value))
        for anchor, offsets in needles.items():
            self.windows[anchor] = {}
            for offset, group in offsets.items():
                length = min(len(needle) for needle, _ in group)
                prefixes: dict[str, list[tuple[str, str]]] = {}
                for needle, value in group:
                    prefixes.setdefault(needle[:length], []).append((needle, value))
                self.windows[anchor][offset] = (length, prefixes)
        self.shown_text = "\n".join(public_texts).lower()
        self.shown: dict[str, bool] = {}

    def found_in(self, text: str) -> Iterator[str]:
        words = set(_WORD.findall(text))
        for anchor in sorted(word for word in words if word in self.windows):
            for value in sorted(self._around(text, anchor), key=self.rank.__getitem__):
                if not self._shown(value):
                    yield self.where[value]

    def _around(self, text: str, anchor: str) -> set[str]:
        """The values of `anchor` that occur in `text` (as written or HTML-escaped)."""
        starts, start = [], text.find(anchor)
        while start >= 0:
            starts.append(start)
            start = text.find(anchor, start + 1)
        hits = set()
        for offset, (length, prefixes) in self.windows[anchor].items():
            for start in starts:
                begin = start - offset
                if begin < 0 or (group := prefixes.get(text[begin : begin + length])) is None:
                    continue
                hits.update(value for needle, value in group if text.startswith(needle, begin))
        return hits

    def _shown(self, value: str) -> bool:
        if value not in self.shown:
            self.shown[value] = value in self.shown_text
        return self.shown[value]


class _HiddenPages:
    """Links to the page a reference that is not published would have had (`id.html`).

    A slug id ends its run of `[a-z0-9-]` at `.html`: one generic pattern and a set
    lookup find it, where an alternation of thousands of ids would try each at every
    position. The rare id that is not a slug (a file stem) keeps a pattern of its own.
    """

    def __init__(self, report: Report) -> None:
        catalog = report.catalog
        hidden = sorted(f.id for f in catalog.reference_files if f.id not in report.published)
        self.slugs = {i for i in hidden if _SLUG_RUN.fullmatch(i)}
        others = "|".join(re.escape(i) for i in hidden if i not in self.slugs)
        self.others = re.compile(rf"(?<![a-z0-9-])(?:{others})\.html") if others else None

    def found_in(self, text: str) -> list[str]:
        links = {f"{i}.html" for i in _PAGE_LINK.findall(text) if i in self.slugs}
        if self.others is not None:
            links.update(self.others.findall(text))
        return sorted(links)


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
