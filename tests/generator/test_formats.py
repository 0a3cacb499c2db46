"""Output formats of `refcat check`, each read back by a real consumer of that format."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest
from junitparser import Failure, JUnitXml
from sarif_pydantic import Sarif

from refcat.checks.rules import RULES
from refcat.checks.run import Report, review_project
from refcat.generator.formats import FORMATS, to_github, to_json, to_junit, to_sarif, to_text
from refcat.generator.output import Output
from tests.factories import AS_OF, Project, baseline, day

# A message with every character the workflow-command grammar must escape.
TRICKY = "Fined 100% of revenue: appeal, hearing\r\nnext week"


@pytest.fixture
def mixed(tmp_path) -> Project:
    """Errors and warnings, public and internal, a broken file in an awkward folder."""
    project = baseline(Project(tmp_path))
    project.reference("acme-old", completed=day(-3000))
    project.reference("acme-inside", publish="internal", body="A <b>bold</b> story.\n")
    project.customer("zeta", name="Zeta, Inc.", reputation=[
        {"date": day(-5), "summary": TRICKY, "severity": "blocking"}
    ])  # fmt: skip
    project.reference("zeta-hub", customer="zeta", publish="internal")
    project.write("references/2024, Q1: misc/broken.md", "---\nid: broken\ntitle: [x\n---\n")
    return project


@pytest.fixture
def report(mixed) -> Report:
    return review_project(mixed.content, None, AS_OF, cache=False)


def test_the_mixed_report_has_what_the_format_tests_need(report):
    assert report.errors >= 2 and report.warnings >= 2
    assert any("100% of revenue: appeal, hearing next week" in f.message for f in report.findings)
    assert any("," in f.path and ":" in f.path for f in report.findings)


def test_control_characters_in_record_text_never_reach_the_output(mixed):
    mixed.customer("zeta", reputation=[
        {"date": day(-5), "summary": "Bell \a, escape \x1b[2J, tab\tend", "severity": "blocking"}
    ])  # fmt: skip
    report = review_project(mixed.content, None, AS_OF, cache=False)
    messages = [f.message for f in report.findings if f.rule == "reputation-risk"]
    assert messages == [
        f"Unresolved reputation issue since {day(-5)}: Bell  , escape  [2J, tab end"
    ]
    ET.fromstring(to_junit(report))  # XML 1.0 has no place for them
    assert "\x1b" not in to_text(report) + to_github(report)


# -- JSON -----------------------------------------------------------------------------


def test_json_has_exactly_the_spec_shape(report):
    document = json.loads(to_json(report))
    assert list(document) == ["as_of", "summary", "references", "findings"]
    assert document["as_of"] == "2026-11-25"
    assert list(document["summary"]) == [
        "customers",
        "references",
        "published",
        "errors",
        "warnings",
    ]
    for reference in document["references"]:
        assert list(reference) == ["id", "customer", "publish", "published"]
    for finding in document["findings"]:
        assert list(finding) == [
            "rule", "severity", "path", "line", "record", "references", "message", "hint",
        ]  # fmt: skip
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert finding["severity"] in ("error", "warning")
        assert finding["references"] == sorted(finding["references"])


def test_json_lists_every_reference_file_sorted_with_its_publication(report):
    document = json.loads(to_json(report))
    assert document["references"] == [
        {"id": "acme-core", "customer": "acme", "publish": "public", "published": True},
        {"id": "acme-inside", "customer": "acme", "publish": "internal", "published": False},
        {"id": "acme-old", "customer": "acme", "publish": "public", "published": False},
        {"id": "broken", "customer": None, "publish": "internal", "published": False},
        {"id": "zeta-hub", "customer": "zeta", "publish": "internal", "published": False},
    ]


def test_json_findings_are_sorted_and_the_summary_counts_the_lists(report):
    document = json.loads(to_json(report))
    findings = document["findings"]
    assert findings == sorted(findings, key=lambda f: (f["path"], f["line"], f["rule"]))
    summary = document["summary"]
    assert summary == {
        "customers": 2,
        "references": len(document["references"]),
        "published": sum(r["published"] for r in document["references"]),
        "errors": sum(f["severity"] == "error" for f in findings),
        "warnings": sum(f["severity"] == "warning" for f in findings),
    }


def test_json_is_byte_identical_for_two_runs_cold_and_warm_cache(mixed):
    first = to_json(review_project(mixed.content, None, AS_OF))
    second = to_json(review_project(mixed.content, None, AS_OF))
    assert first == second


def test_json_of_the_cli_is_byte_identical_for_two_runs(mixed, refcat):
    args = ("check", "--content", str(mixed.content), "--as-of", str(AS_OF), "--format", "json")
    first, second = refcat(*args, cwd=mixed.root), refcat(*args, cwd=mixed.root)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    assert first.stdout.encode() == to_json(review_project(mixed.content, None, AS_OF)).encode()


# -- GitHub workflow commands ---------------------------------------------------------

COMMAND = re.compile(r"^::(?P<level>error|warning) (?P<properties>[^:]*)::(?P<data>[^\r\n]*)$")


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return _unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_github(output: str) -> list[dict[str, str]]:
    """Read annotations back the way the runner does: `::level k=v,k=v::data` per line."""
    commands = []
    for line in output.splitlines():
        if not line.startswith("::"):
            continue
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        properties = dict(part.split("=", 1) for part in match["properties"].split(","))
        command = {key: _unescape_property(value) for key, value in properties.items()}
        command.update(level=match["level"], message=_unescape_data(match["data"]))
        commands.append(command)
    return commands


def test_github_annotations_parse_back_to_the_findings(report):
    output = to_github(report)
    commands = parse_github(output)
    assert len(commands) == len(report.findings)
    for command, finding in zip(commands, report.findings, strict=True):
        assert command == {
            "file": finding.path,
            "line": str(finding.line),
            "title": f"{finding.rule} ({finding.record})",
            "level": finding.severity,
            "message": f"{finding.message}\nHint: {finding.hint}",
        }
    assert not output.splitlines()[-1].startswith("::")  # the summary is plain text


def test_github_escapes_every_special_character(report):
    tricky = replace(report.findings[0], path="a,b:c%d\re.yaml", message=TRICKY, record="x:y,z")
    output = to_github(replace(report, findings=(tricky,)))
    assert output.splitlines()[0] == (
        "::warning file=a%2Cb%3Ac%25d%0De.yaml,line=17,title=reputation-risk (x%3Ay%2Cz)"
        "::Fined 100%25 of revenue: appeal, hearing%0D%0Anext week%0AHint: "
        "Keep the references internal until resolved, then set `resolved`"
    )
    (command,) = parse_github(output)
    assert (command["file"], command["title"]) == (tricky.path, "reputation-risk (x:y,z)")
    assert command["message"] == f"{TRICKY}\nHint: {tricky.hint}"
    assert output.count("\n") == 2  # one line for the annotation, one for the summary


# -- JUnit ----------------------------------------------------------------------------


def test_junit_has_a_case_per_finding_at_its_file_and_line(report):
    root = ET.fromstring(to_junit(report))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    found = [case for case in cases if case.get("line")]
    assert [(c.get("file"), int(c.get("line"))) for c in found] == [
        (f.path, f.line) for f in report.findings
    ]
    for case, finding in zip(found, report.findings, strict=True):
        assert case.get("classname") == f"refcat.{finding.rule}"
        failure = case.find("failure")
        assert (failure is not None) == (finding.severity == "error")
        if failure is not None:
            assert failure.get("type") == finding.rule and finding.hint in failure.text
    clean = sorted(set(report.catalog.files) - {f.path for f in report.findings})
    assert [case.get("file") for case in cases if not case.get("line")] == clean
    assert suite.get("tests") == str(len(cases)) == root.get("tests")
    assert suite.get("failures") == str(report.errors) == root.get("failures")


def test_junit_parses_with_junitparser(report):
    xml = JUnitXml.fromstring(to_junit(report))
    (suite,) = list(xml)
    cases = list(suite)
    failing = [case for case in cases if any(isinstance(r, Failure) for r in case.result)]
    assert len(failing) == suite.failures == report.errors
    assert {case.classname for case in failing} == {
        f"refcat.{f.rule}" for f in report.findings if f.severity == "error"
    }
    warned = [case for case in cases if case.system_out]
    assert len(warned) == report.warnings
    assert suite.tests == len(cases)


# -- SARIF ----------------------------------------------------------------------------


def test_sarif_has_the_structure_code_scanning_needs(report):
    sarif = json.loads(to_sarif(report))
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "refcat"
    assert [rule["id"] for rule in driver["rules"]] == [rule.NAME for rule in RULES]
    assert len(run["results"]) == len(report.findings)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] == finding.rule
        assert driver["rules"][result["ruleIndex"]]["id"] == finding.rule
        assert result["level"] == finding.severity
        assert finding.message in result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert unquote(uri) == finding.path
        assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", uri)  # a URI reference
        assert physical["region"]["startLine"] == finding.line


def test_sarif_parses_with_sarif_pydantic(report):
    sarif = Sarif.model_validate_json(to_sarif(report))
    assert sarif.version == "2.1.0"
    run = sarif.runs[0]
    rules = run.tool.driver.rules
    assert run.tool.driver.name == "refcat"
    for result, finding in zip(run.results, report.findings, strict=True):
        assert rules[result.rule_index].id == result.rule_id == finding.rule
        assert result.level.value == finding.severity
        assert result.message.text
        region = result.locations[0].physical_location.region
        assert region.start_line == finding.line
    for rule in rules:
        assert rule.short_description.text and rule.full_description.text
        assert rule.default_configuration.level in ("error", "warning")


# -- text, and every format ------------------------------------------------------------


def test_text_groups_findings_by_file_and_ends_with_the_summary(report):
    output = to_text(report)
    assert "\033[" not in output
    assert output.splitlines()[-1] == (
        f"✖ {report.errors} errors, {report.warnings} warnings; "
        f"1 of 5 references published (as of {AS_OF})"
    )
    for finding in report.findings:
        assert f"{finding.path}\n" in output


def test_text_is_colored_only_when_asked(report):
    assert "\033[31m" in to_text(report, Output(color=True))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_deterministic_and_ends_with_a_newline(mixed, fmt):
    outputs = {FORMATS[fmt](review_project(mixed.content, None, AS_OF), Output()) for _ in range(2)}
    assert len(outputs) == 1
    assert outputs.pop().endswith("\n")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_a_clean_project(project, fmt):
    report = project.review()
    assert report.findings == ()
    output = FORMATS[fmt](report, Output())
    if fmt == "sarif":
        assert json.loads(output)["runs"][0]["results"] == []
    if fmt == "json":
        assert json.loads(output)["findings"] == []
