"""Output formats of `refcat check`: pure functions (Report, Output) -> str, in one table.

Same report and options, same bytes: everything is sorted, nothing reads the clock.
`text` and `json` name files relative to the working directory, as compilers do; the
CI formats relative to the repository root, which is what GitHub resolves them against.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from refcat.checks.run import Report
from refcat.generator.junit import to_junit
from refcat.generator.output import PLAIN, Output
from refcat.generator.sarif import to_sarif


def as_dict(report: Report, output: Output = PLAIN) -> dict:
    catalog, place = report.catalog, output.placer(report)
    references = sorted(catalog.reference_files, key=lambda f: (f.id, f.customer or ""))
    return {
        "as_of": report.as_of.isoformat(),
        "summary": {
            "customers": catalog.customer_files,
            "references": len(references),
            "published": len(report.published),
            "errors": report.errors,
            "warnings": report.warnings,
        },
        "references": [
            {
                "id": f.id,
                "customer": f.customer,
                "publish": f.publish,
                "published": f.id in report.published,
            }
            for f in references
        ],
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "path": place(f.path),
                "line": f.line,
                "record": f.record,
                "references": list(f.references),
                "message": f.message,
                "hint": f.hint,
            }
            for f in report.findings
        ],
    }


def to_json(report: Report, output: Output = PLAIN) -> str:
    """Pretty at the top, one line per reference and finding.

    `json.dumps(indent=...)` falls back to the pure-Python encoder, which costs more than
    the whole review for a large program; one compact C-encoded line per list item keeps
    the output readable and diff-friendly at a fraction of the cost.
    """
    document = as_dict(report, output)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    parts = []
    for key, value in document.items():
        if isinstance(value, list):
            items = ",\n".join(f"    {encode(item)}" for item in value)
            parts.append(f'  "{key}": [\n{items}\n  ]' if value else f'  "{key}": []')
        else:
            parts.append(f'  "{key}": {encode(value)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def summary_line(report: Report) -> str:
    return (
        f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}; "
        f"{len(report.published)} of {len(report.catalog.reference_files)} references published "
        f"(as of {report.as_of})"
    )


def to_text(report: Report, output: Output = PLAIN) -> str:
    paint, place = _painter(output.color), output.placer(report)
    lines: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        lines.append(paint(place(path), "1"))
        for f in group:
            level = paint(f"{f.severity:<7}", "31" if f.severity == "error" else "33")
            affected = f"  [{', '.join(f.references)}]" if f.references else ""
            lines.append(f"  {f.line:>4}  {level}  {f.message}  {paint(f.rule, '2')}{affected}")
            lines.append(f"        {paint('hint:', '2')} {f.hint}")
        lines.append("")
    verdict = paint("✖", "31") if report.errors else paint("✔", "32")
    lines.append(f"{verdict} {summary_line(report)}")
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: Report, output: Output = PLAIN) -> str:
    """A workflow command per finding: GitHub shows only the first ten of each level
    beside the code, which is why `GITHUB_STEP_SUMMARY` gets them all (`step_summary`)."""
    place = output.placer(report)
    lines = []
    for f in report.findings:
        title = _escape_property(f"{f.rule} ({f.record})")
        message = _escape_data(f"{f.message}\nHint: {f.hint}")
        where = _escape_property(place(f.path))
        lines.append(f"::{f.severity} file={where},line={f.line},title={title}::{message}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


SUMMARY_LIMIT = 1_000_000  # bytes; GitHub refuses a step summary over 1 MiB


def step_summary(report: Report, output: Output = PLAIN) -> str:
    """A Markdown table of every finding for the job's summary page, cut to GitHub's size."""
    place = output.placer(report)
    lines = [f"### refcat check: {summary_line(report)}", ""]
    if report.findings:
        lines += ["| severity | rule | file:line | message |", "|---|---|---|---|"]
    size = sum(len(line.encode()) + 1 for line in lines)
    for shown, f in enumerate(report.findings):
        cells = (f.severity, f"`{f.rule}`", f"`{place(f.path)}:{f.line}`", f"{f.message}. {f.hint}")
        row = "| " + " | ".join(_cell(cell) for cell in cells) + " |"
        size += len(row.encode()) + 1
        if size > SUMMARY_LIMIT:
            lines.append(f"\n{len(report.findings) - shown} more findings are in the log.")
            break
        lines.append(row)
    return "\n".join(lines) + "\n\n"


def _cell(text: str) -> str:
    """Table cells: a `|` would end the cell, `<` could open an HTML tag."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


FORMATS: dict[str, Callable[[Report, Output], str]] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
    "junit": to_junit,
    "sarif": to_sarif,
}
REPOSITORY_FORMATS = frozenset({"github", "junit", "sarif"})  # paths from the repository root


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _painter(color: bool) -> Callable[[str, str], str]:
    if not color:
        return lambda text, _code: text
    return lambda text, code: f"\033[{code}m{text}\033[0m"
