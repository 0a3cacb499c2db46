"""`refcat check --format junit`: a test case per finding, at its file and line.

Test viewers (GitLab, Jenkins, GitHub test reporters) count failures and link each
to its file: a failure is exactly what fails the run, an error always and a warning
under `--strict`, so the counts agree with the exit code. A warning that does not
fail the run is a passing case with the finding as its output; a record file
without findings is one passing case, so the suite shows what was reviewed.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from refcat.checks.finding import Finding
from refcat.checks.run import Report
from refcat.generator.output import PLAIN, Output, stable_message


def to_junit(report: Report, output: Output = PLAIN) -> str:
    place = output.placer(report)
    suite = ET.Element("testsuite", name="refcat check")
    failures = sum(_finding_case(suite, f, place(f.path), output.strict) for f in report.findings)
    for path in sorted(set(report.catalog.files) - {f.path for f in report.findings}):
        where = place(path)
        ET.SubElement(suite, "testcase", classname="refcat.review", name=where, file=where)
    counts = {"tests": str(len(suite)), "failures": str(failures), "errors": "0"}
    for name, value in {**counts, "skipped": "0"}.items():
        suite.set(name, value)
    root = ET.Element("testsuites", name="refcat check", **counts)
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _finding_case(suite: ET.Element, f: Finding, path: str, strict: bool) -> bool:
    """Add the test case of one finding; True when it fails the run."""
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"refcat.{f.rule}",
        name=f"{f.record}: {stable_message(f.message)}",  # the same name every day
        file=path,
        line=str(f.line),
    )
    text = f"{path}:{f.line}: {f.severity} [{f.rule}] {f.message}\nHint: {f.hint}"
    fails = f.severity == "error" or strict
    if fails:
        ET.SubElement(case, "failure", message=f.message, type=f.rule).text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return fails
