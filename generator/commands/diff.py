"""`refcat diff [BASE]`: what a change does to the public catalog, and to the findings.

The head side is the content folder as it is, uncommitted changes included; the base
is a git revision (default: the merge base with the pull request's base branch or the
default branch) or another content folder. Both are reviewed with the same settings
and as-of date: the policy is what the change is judged by. The command reports and
exits 0 whatever differs; in GitHub Actions the full Markdown report is also appended
to the job summary, which has no size limit, while a comment is kept under GitHub's.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.finding import Finding
from refcat.checks.policy import ConfigError
from refcat.checks.run import Report, review_project
from refcat.generator import gc_policy, revisions
from refcat.generator.public.changes import Changes, PageChange, compare

COMMENT_LIMIT = 65_536  # GitHub's limit on a comment body, in characters
TRUNCATED = "... and {count} more; the full list is in the job summary"


@dataclass(frozen=True)
class Options:
    base: str | None = None  # a git revision or a content folder; None: the merge base
    fmt: str = "text"
    env: Mapping[str, str] = field(default_factory=dict)  # GITHUB_BASE_REF, GITHUB_STEP_SUMMARY


DEFAULT = Options()


@dataclass(frozen=True)
class Comparison:
    label: str  # what the base is, for the reader: "origin/main (1a2b3c4d5e6f)"
    as_of: date
    changes: Changes


def run(
    content: Path, settings: Path | None, as_of: date, out: TextIO, options: Options = DEFAULT
) -> int:
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    with gc_policy.for_review():
        head = review_project(content, settings, as_of, cache=False)
        label, base = _base_review(content, settings, as_of, options)
    comparison = Comparison(label, as_of, compare(base, head))
    out.write(FORMATS[options.fmt](comparison))
    summary = options.env.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as job_summary:
            job_summary.write(to_markdown(comparison, limit=None))
    return 0


def _base_review(
    content: Path, settings: Path | None, as_of: date, options: Options
) -> tuple[str, Report]:
    """The base's label and review: another content folder, or the content at a revision."""
    if options.base is not None and Path(options.base).is_dir():
        return options.base, review_project(Path(options.base), settings, as_of, cache=False)
    top = revisions.repository_top(content)
    if options.base is None:
        label, commit = revisions.default_base(top, options.env)
    else:
        label, commit = options.base, revisions.resolve(top, options.base)
    with tempfile.TemporaryDirectory(prefix="refcat-base-") as folder:
        base = revisions.content_at(top, commit, content, Path(folder))
        report = review_project(base, settings, as_of, cache=False)
    return f"{label} ({commit[:12]})", report


# -- text ---------------------------------------------------------------------------


def to_text(comparison: Comparison) -> str:
    changes = comparison.changes
    lines = [f"Compared with {comparison.label}, as of {comparison.as_of}.", _pages(changes)]
    lines += [f"  + {p.reference}  {p.title}" for p in changes.appears]
    lines += [f"  - {p.reference}  {p.title}  ({'; '.join(p.why)})" for p in changes.disappears]
    lines += [f"  ~ {p.reference}  {p.title}  ({', '.join(p.what)})" for p in changes.changes]
    lines.append(_findings(changes))
    lines += [f"  + {_finding_line(f)}" for f in changes.introduced]
    lines += [f"  - {_finding_line(f)}" for f in changes.fixed]
    return "\n".join(lines) + "\n"


def _finding_line(finding: Finding) -> str:
    return f"{finding.severity} {finding.rule}  {finding.path}:{finding.line}  {finding.message}"


def _pages(changes: Changes) -> str:
    new, removed, changed = (
        len(pages) for pages in (changes.appears, changes.disappears, changes.changes)
    )
    return f"Public references: {new} new, {removed} removed, {changed} changed."


def _findings(changes: Changes) -> str:
    return f"Findings: {len(changes.introduced)} introduced, {len(changes.fixed)} fixed."


# -- json ---------------------------------------------------------------------------


def _page_json(page: PageChange) -> dict[str, object]:
    return {"reference": page.reference, "title": page.title, "url": page.url}


def _finding_json(finding: Finding) -> dict[str, object]:
    keys = ("rule", "severity", "path", "line", "record", "message", "hint")
    return {key: getattr(finding, key) for key in keys} | {"references": list(finding.references)}


def to_json(comparison: Comparison) -> str:
    changes = comparison.changes
    document = {
        "base": comparison.label,
        "as_of": comparison.as_of.isoformat(),
        "public": {
            "appears": [_page_json(p) for p in changes.appears],
            "disappears": [_page_json(p) | {"why": list(p.why)} for p in changes.disappears],
            "changes": [_page_json(p) | {"what": list(p.what)} for p in changes.changes],
        },
        "findings": {
            "introduced": [_finding_json(f) for f in changes.introduced],
            "fixed": [_finding_json(f) for f in changes.fixed],
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# -- markdown -------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Table-safe: one line, no column break, no HTML."""
    flat = " ".join(text.split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "'")


def _sections(changes: Changes) -> list[tuple[str, str, list[str]]]:
    """(heading, table header, rows) of each non-empty part of the report."""
    page = "| Reference | Title | {} |\n| --- | --- | --- |"
    finding = "| Severity | Rule | Where | Message |\n| --- | --- | --- | --- |"
    sections = [
        (
            "Appear on the public catalog",
            page.format("Page"),
            [f"| `{p.reference}` | {_cell(p.title)} | {_cell(p.url)} |" for p in changes.appears],
        ),
        (
            "Disappear from the public catalog",
            page.format("Why"),
            [
                f"| `{p.reference}` | {_cell(p.title)} | {_cell('; '.join(p.why))} |"
                for p in changes.disappears
            ],
        ),
        (
            "Change on the public catalog",
            page.format("What changes"),
            [
                f"| `{p.reference}` | {_cell(p.title)} | {_cell(', '.join(p.what))} |"
                for p in changes.changes
            ],
        ),
        ("Findings introduced", finding, [_finding_row(f) for f in changes.introduced]),
        ("Findings fixed", finding, [_finding_row(f) for f in changes.fixed]),
    ]
    return [section for section in sections if section[2]]


def _finding_row(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}"
    return (
        f"| {finding.severity} | `{finding.rule}` | `{_cell(where)}` | {_cell(finding.message)} |"
    )


def _length(text: str) -> int:
    """Characters as GitHub counts them (UTF-16 code units: an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def to_markdown(comparison: Comparison, limit: int | None = COMMENT_LIMIT) -> str:
    """A pull-request comment; beyond `limit` characters, lists end with a note instead."""
    changes = comparison.changes
    head = (
        f"## What this change does to the website\n\nCompared with `{_cell(comparison.label)}`,"
        f" as of {comparison.as_of}.\n{_pages(changes)} {_findings(changes)}\n"
    )
    sections = _sections(changes)
    # headings and notes are always there: the rows share what is left
    frames = [f"\n### {heading}\n\n{header}\n" for heading, header, _ in sections]
    notes = [f"\n{TRUNCATED.format(count=len(rows))}\n" for *_, rows in sections]
    fixed = _length(head) + sum(map(_length, frames)) + sum(map(_length, notes))
    budget = None if limit is None else limit - fixed
    parts = [head]
    for frame, (*_, rows) in zip(frames, sections, strict=True):
        shown = _fitting(rows, budget)
        parts += [frame, *(row + "\n" for row in rows[:shown])]
        if shown < len(rows):
            parts.append(f"\n{TRUNCATED.format(count=len(rows) - shown)}\n")
        if budget is not None:
            budget -= sum(_length(row) + 1 for row in rows[:shown])
    return "".join(parts)


def _fitting(rows: list[str], budget: int | None) -> int:
    """How many of the rows, in order, fit in `budget` characters (all when unlimited)."""
    if budget is None:
        return len(rows)
    for shown, row in enumerate(rows):
        budget -= _length(row) + 1
        if budget < 0:
            return shown
    return len(rows)


FORMATS: dict[str, Callable[[Comparison], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
}
