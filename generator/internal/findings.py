"""The findings page: every finding, grouped by rule, each linking to its record.

Rules come in the registry's order (SPEC's table); a long list is split into pages of
FINDINGS_PER_PAGE, a rule continuing from one page to the next, with a table of rules
on every page pointing to where each one starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from refcat.checks.finding import Finding
from refcat.checks.rules import RULES
from refcat.generator.internal.pagination import Pagination, paginate
from refcat.generator.internal.views import Link, Program, customer_url, reference_url

FINDINGS_PER_PAGE = 200


@dataclass(frozen=True)
class FindingRow:
    rule: str
    finding: Finding
    record: Link | None  # the page of the record it is about, when there is one
    references: tuple[Link, ...]


@dataclass(frozen=True)
class RuleGroup:
    rule: str
    summary: str  # the first line of the rule's documentation
    rows: tuple[FindingRow, ...]  # on this page
    continued: bool  # the rule's first findings are on an earlier page


@dataclass(frozen=True)
class RuleEntry:
    rule: str
    summary: str
    errors: int
    warnings: int
    url: str  # where the rule starts

    @property
    def total(self) -> int:
        return self.errors + self.warnings


@dataclass(frozen=True)
class FindingsPage:
    pagination: Pagination
    groups: tuple[RuleGroup, ...]
    rules: tuple[RuleEntry, ...]


def findings_pages(program: Program) -> list[FindingsPage]:
    rows = _rows(program)
    summaries = {rule.NAME: _summary(rule.__doc__) for rule in RULES}
    pages = paginate(rows, FINDINGS_PER_PAGE, "findings.html", "findings/{n}.html")
    starts: dict[str, str] = {}
    for pagination, chunk in pages:
        for row in chunk:
            starts.setdefault(row.rule, f"{pagination.path}#rule-{row.rule}")
    entries = tuple(
        RuleEntry(
            rule,
            summaries.get(rule, ""),
            sum(1 for r in rows if r.rule == rule and r.finding.severity == "error"),
            sum(1 for r in rows if r.rule == rule and r.finding.severity == "warning"),
            url,
        )
        for rule, url in starts.items()
    )
    result = []
    for pagination, chunk in pages:
        groups: list[RuleGroup] = []
        for row in chunk:
            if not groups or groups[-1].rule != row.rule:
                continued = not starts[row.rule].startswith(f"{pagination.path}#")
                groups.append(RuleGroup(row.rule, summaries.get(row.rule, ""), (), continued))
            last = groups[-1]
            groups[-1] = RuleGroup(last.rule, last.summary, (*last.rows, row), last.continued)
        result.append(FindingsPage(pagination, tuple(groups), entries))
    return result


def _rows(program: Program) -> list[FindingRow]:
    catalog = program.catalog
    customer_paths = {r.source.path: cid for cid, r in catalog.customers.items()}
    reference_paths = {r.source.path: rid for rid, r in catalog.references.items()}
    order = {rule.NAME: index for index, rule in enumerate(RULES)}
    rows = []
    for finding in sorted(program.report.findings, key=lambda f: order.get(f.rule, len(order))):
        record: Link | None = None
        if finding.path in customer_paths:
            customer = catalog.customers[customer_paths[finding.path]].customer
            record = Link(customer.name, customer_url(customer.id))
        elif finding.path in reference_paths:
            record = Link(finding.record, reference_url(reference_paths[finding.path]))
        links = tuple(
            Link(program.cards[r].title, reference_url(r))
            for r in finding.references
            if r in program.cards
        )
        rows.append(FindingRow(finding.rule, finding, record, links))
    return rows


def _summary(doc: str | None) -> str:
    return doc.strip().splitlines()[0] if doc and doc.strip() else ""
