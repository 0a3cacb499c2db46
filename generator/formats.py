"""Output formats of `refcat check`: pure functions Report -> str, in one table.

Same report, same bytes: everything is sorted, nothing reads the clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from types import ModuleType
from urllib.parse import quote
from xml.etree import ElementTree as ET

from checks.finding import Finding
from checks.rules import RULES
from checks.run import Report
from generator.rule_docs import summary_of

TOOL_URI = "https://github.com/refcat/refcat"


def as_dict(report: Report) -> dict:
    catalog = report.catalog
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
                "path": f.path,
                "line": f.line,
                "record": f.record,
                "references": list(f.references),
                "message": f.message,
                "hint": f.hint,
            }
            for f in report.findings
        ],
    }


def to_json(report: Report, color: bool = False) -> str:
    """Pretty at the top, one line per reference and finding.

    `json.dumps(indent=...)` falls back to the pure-Python encoder, which costs more than
    the whole review for a large program; one compact C-encoded line per list item keeps
    the output readable and diff-friendly at a fraction of the cost.
    """
    document = as_dict(report)
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


def to_text(report: Report, color: bool = False) -> str:
    paint = _painter(color)
    lines: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        lines.append(paint(path, "1"))
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


def to_github(report: Report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        title = _escape_property(f"{f.rule} ({f.record})")
        message = _escape_data(f"{f.message}\nHint: {f.hint}")
        lines.append(
            f"::{f.severity} file={_escape_property(f.path)},line={f.line},title={title}::{message}"
        )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def to_junit(report: Report, color: bool = False) -> str:
    """One test case per record file: it fails when the file has an error finding."""
    by_path: dict[str, list[Finding]] = {path: [] for path in report.catalog.files}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    suite = ET.Element("testsuite", name="refcat", tests=str(len(by_path)))
    failures = sum(_junit_case(suite, path, by_path[path]) for path in sorted(by_path))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root = ET.Element("testsuites", name="refcat check", tests=suite.get("tests", "0"))
    root.set("failures", str(failures))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _junit_case(suite: ET.Element, path: str, findings: list[Finding]) -> bool:
    """Add the test case of one file: errors fail it, warnings are its output; True if failed."""
    case = ET.SubElement(suite, "testcase", classname="refcat.review", name=path)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        failure = ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].rule)
        failure.text = "\n".join(_junit_line(f) for f in errors)
    warnings = [f for f in findings if f.severity == "warning"]
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(_junit_line(f) for f in warnings)
    return bool(errors)


def _junit_line(f: Finding) -> str:
    return f"{f.path}:{f.line}: {f.severity} [{f.rule}] {f.message} (hint: {f.hint})"


def to_sarif(report: Report, color: bool = False) -> str:
    """SARIF 2.1.0 for code scanning: every rule in the driver, a result per finding."""
    index = {rule.NAME: position for position, rule in enumerate(RULES)}
    driver = {
        "name": "refcat",
        "informationUri": TOOL_URI,
        "rules": [_sarif_rule(r) for r in RULES],
    }
    run = {
        "tool": {"driver": driver},
        "results": [_sarif_result(f, index[f.rule]) for f in report.findings],
        "properties": {"as_of": report.as_of.isoformat()},
    }
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule: ModuleType) -> dict:
    documentation = (rule.__doc__ or "").strip()
    return {
        "id": rule.NAME,
        "name": "".join(part.capitalize() for part in rule.NAME.split("-")),
        "shortDescription": {"text": summary_of(rule)},
        "fullDescription": {"text": documentation},
        "help": {"text": documentation},
        "defaultConfiguration": {"level": "warning" if rule.KIND == "warning" else "error"},
        "properties": {"kind": rule.KIND},
    }


def _sarif_result(f: Finding, rule_index: int) -> dict:
    location = {
        "artifactLocation": {"uri": quote(f.path), "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": f.line},
    }
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": f.severity,
        "message": {"text": f"{f.message}. {f.hint}"},
        "locations": [{"physicalLocation": location}],
        "properties": {"record": f.record, "references": list(f.references), "hint": f.hint},
    }


FORMATS: dict[str, Callable[[Report, bool], str]] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
    "junit": to_junit,
    "sarif": to_sarif,
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _painter(color: bool) -> Callable[[str, str], str]:
    if not color:
        return lambda text, _code: text
    return lambda text, code: f"\033[{code}m{text}\033[0m"
