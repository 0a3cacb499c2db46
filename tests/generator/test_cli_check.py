"""`refcat check` on the command line: exit codes, --strict, --explain, --help, settings."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from refcat.checks.policy import ConfigError
from refcat.checks.rules import RULES
from refcat.generator.commands import check
from refcat.generator.rule_docs import explain
from tests.factories import AS_OF, day

HEADINGS = ("What it finds:", "Why it matters:", "Example:", "Fix:")


def run_check(refcat, project, *args: str):
    result = refcat("check", "--content", str(project.content), *args, cwd=project.root)
    assert "Traceback" not in result.stdout + result.stderr
    return result


# -- exit codes -----------------------------------------------------------------------


def test_exit_0_without_findings(project, refcat):
    result = run_check(refcat, project, "--as-of", str(AS_OF))
    assert result.returncode == 0
    assert "0 errors, 0 warnings; 1 of 1 references published" in result.stdout


def test_exit_0_with_warnings_only_and_1_with_strict(project, refcat):
    project.reference(body="A <b>bold</b> story.\n")
    assert run_check(refcat, project, "--as-of", str(AS_OF)).returncode == 0
    assert run_check(refcat, project, "--as-of", str(AS_OF), "--strict").returncode == 1


def test_exit_1_on_an_error_finding(project, refcat):
    project.reference(completed=day(-3000))
    result = run_check(refcat, project, "--as-of", str(AS_OF))
    assert result.returncode == 1
    assert "reference-too-old" in result.stdout


def test_the_as_of_date_decides(project, refcat):
    project.customer(rating={"grade": "A", "reviewed": day(-365)})
    assert run_check(refcat, project, "--as-of", str(AS_OF)).returncode == 0
    assert run_check(refcat, project, "--as-of", str(day(1))).returncode == 1


def test_as_of_defaults_to_today(project, refcat):
    result = run_check(refcat, project, "--format", "json")
    assert json.loads(result.stdout)["as_of"] >= date.today().isoformat()


@pytest.mark.parametrize(
    "args",
    [
        ["--colour"],
        ["--format", "xml"],
        ["--as-of", "2026-02-30"],
        ["--as-of", "tomorrow"],
        ["--as-of", "20261125"],
        ["--as-of", "2026-11-25T10:00"],
        ["--explain", "no-such-rule"],
    ],
)
def test_exit_2_on_a_usage_problem(project, refcat, args):
    result = run_check(refcat, project, *args)
    assert result.returncode == 2
    assert result.stderr.strip()
    assert result.stdout == ""


def test_exit_2_without_a_command(refcat):
    assert refcat().returncode == 2


def test_exit_2_on_a_missing_content_folder(project, refcat):
    result = refcat("check", "--content", str(project.root / "nothing"), cwd=project.root)
    assert result.returncode == 2
    assert "content folder not found" in result.stderr


def test_exit_2_on_content_that_is_a_file(project, refcat):
    result = refcat("check", "--content", str(project.content / "taxonomy.yaml"))
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        (None, "not found"),
        ("REFCAT = {\n", "cannot read settings"),
        ("raise SystemExit(3)\n", "cannot read settings"),
        ("import no_such_module\n", "cannot read settings"),
        ("REFCAT = {'severity': {'invalid-record': 'warning'}}\n", "structural rule"),
        ("REFCAT = {'severity': {'reference-too-old': 'fatal'}}\n", "severity"),
        ("REFCAT = {'max_reference_age': 10}\n", "max_reference_age"),
    ],
)
def test_exit_2_on_settings_that_cannot_be_used(project, refcat, settings, says):
    path = project.root / "conf.py"
    if settings is not None:
        path.write_text(settings)
    result = run_check(refcat, project, "--settings", str(path), "--as-of", str(AS_OF))
    assert result.returncode == 2
    assert says in result.stderr


def test_exit_2_on_a_settings_folder(project, refcat):
    result = run_check(refcat, project, "--settings", str(project.content))
    assert result.returncode == 2


def test_pelicanconf_in_the_working_folder_is_the_default_settings(project, refcat):
    project.reference(completed=day(-3000))
    assert run_check(refcat, project, "--as-of", str(AS_OF)).returncode == 1
    project.policy(severity={"reference-too-old": "warning"})
    result = run_check(refcat, project, "--as-of", str(AS_OF), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["findings"][0]["severity"] == "warning"


def test_every_format_is_offered(project, refcat):
    for fmt in ("text", "json", "github", "junit", "sarif"):
        result = run_check(refcat, project, "--as-of", str(AS_OF), "--format", fmt)
        assert result.returncode == 0 and result.stdout


# -- --explain, --help ----------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=[rule.NAME for rule in RULES])
def test_explain_prints_the_documentation_of_every_rule(rule):
    out = io.StringIO()
    assert check.run_explain(rule.NAME, out) == 0
    text = out.getvalue()
    assert text.startswith(f"{rule.NAME} (")
    for heading in HEADINGS:
        assert heading in text
    assert text == explain(rule)


def test_explain_on_the_command_line(refcat):
    result = refcat("check", "--explain", "consent-expired")
    assert result.returncode == 0
    assert result.stdout.startswith("consent-expired (yes)\n")
    assert all(heading in result.stdout for heading in HEADINGS)


def test_explain_of_an_unknown_rule_lists_the_rules():
    with pytest.raises(ConfigError, match="consent-expired"):
        check.run_explain("consent-expird", io.StringIO())


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"]])
def test_help_works(refcat, args):
    result = refcat(*args)
    assert result.returncode == 0
    assert "check" in result.stdout and "usage:" in result.stdout


def test_check_help_names_every_option(refcat):
    result = refcat("check", "--help")
    for option in ("--content", "--settings", "--as-of", "--format", "--strict", "--explain"):
        assert option in result.stdout


# -- the command as a function ---------------------------------------------------------


def test_the_command_is_a_plain_function_returning_the_exit_code(project):
    out = io.StringIO()
    assert check.run(project.content, None, AS_OF, out, check.Options(fmt="json")) == 0
    assert json.loads(out.getvalue())["summary"]["published"] == 1
    project.reference(body="<b>bold</b>\n")
    assert check.run(project.content, None, AS_OF, io.StringIO()) == 0
    assert check.run(project.content, None, AS_OF, io.StringIO(), check.Options(strict=True)) == 1
