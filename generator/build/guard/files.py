"""Leaks by file name: pages and logos named after a hidden record or an anonymized customer,
and which output files are bundled assets rather than pages made from records."""

from __future__ import annotations

import re
from pathlib import Path

from refcat.checks.run import Report
from refcat.generator.build.guard.needles import named_customers

# Pagefind's runtime: the same bytes in every build, never made from records
_PAGEFIND_RUNTIME = re.compile(r"^pagefind/(pagefind[\w.-]*\.(js|css)|wasm\.[\w-]+\.pagefind)$")


def is_asset(relative: str, path: Path, theme_static: Path) -> bool:
    """Pagefind's runtime, or a file of refcat's own theme copied unchanged."""
    if _PAGEFIND_RUNTIME.match(relative):
        return True
    if not relative.startswith("theme/"):
        return False
    source = theme_static / relative.removeprefix("theme/")
    return source.is_file() and source.read_bytes() == path.read_bytes()


def hidden_references(report: Report) -> list[str]:
    catalog = report.catalog
    return sorted(f.id for f in catalog.reference_files if f.id not in report.published)


class FileNames:
    """Names a public file must not have."""

    def __init__(self, report: Report) -> None:
        catalog = report.catalog
        named = named_customers(report)
        self.hidden = set(hidden_references(report)) | (set(catalog.customers) - named)
        self.named_after = _anonymous_prefixes(report, named)

    def leaks(self, relative: str) -> list[str]:
        found = []
        if self.hidden.intersection(re.split(r"[/.]", relative)):
            found.append("a file named after a record that is not public")
        stem = Path(relative).stem
        if self.named_after is not None and self.named_after.fullmatch(stem):
            found.append("a file named after a customer shown anonymized")
        return found


def _anonymous_prefixes(report: Report, named: set[str]) -> re.Pattern[str] | None:
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
