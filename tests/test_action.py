"""The GitHub Action (action.yml): a composite whose inputs all matter, whose scripts take
them only from the environment, and whose steps, run here with bash as the runner runs
them, annotate findings, write SARIF and build the public catalog."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.factories import AS_OF, day

PROJECT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((PROJECT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
INPUT = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")
CONDITION_INPUT = re.compile(r"inputs\.([\w-]+)")


def _step(name: str) -> dict:
    return next(step for step in STEPS if step.get("name") == name)


def test_a_composite_action_whose_every_input_is_used():
    assert ACTION["runs"]["using"] == "composite"
    declared = set(ACTION["inputs"])
    used = set(CONDITION_INPUT.findall(yaml.safe_dump(STEPS)))
    assert used == declared
    for name, spec in ACTION["inputs"].items():
        assert spec["description"], name
        assert isinstance(spec["default"], str), f"{name}: a default is always a string"


def test_valid_against_the_schema_of_github_actions():
    """The schema check-jsonschema ships (from SchemaStore), used offline."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
    done = subprocess.run(
        [*command, "vendor.github-actions", str(PROJECT / "action.yml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_scripts_take_inputs_from_the_environment_only():
    """`${{ inputs.x }}` inside `run:` would be pasted into the script: a value could run."""
    for step in STEPS:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], step.get("name")


def test_actions_used_are_pinned_to_a_major_version():
    for step in STEPS:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]


def test_sarif_and_the_build_are_optional_and_run_even_after_failed_findings():
    for step in STEPS[3:]:
        assert "!cancelled()" in step["if"]
        assert re.search(r"inputs\.(sarif|build-public) == 'true'", step["if"])


def run_step(name: str, project, **inputs: str) -> subprocess.CompletedProcess:
    """Run a step's script as the runner does: bash -eo pipefail, inputs in its `env`."""
    step = _step(name)
    values = {key: spec["default"] for key, spec in ACTION["inputs"].items()} | inputs
    env = {key: INPUT.sub(lambda m: values[m.group(1)], v) for key, v in step["env"].items()}
    env |= {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env |= {"GITHUB_STEP_SUMMARY": str(project.root / "summary.md"), "HOME": os.environ["HOME"]}
    script = project.root / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    return subprocess.run(command, cwd=project.root, env=env, capture_output=True, text=True)


def test_check_annotates_each_finding_and_fills_the_job_summary(project):
    project.reference(completed=day(-3000))
    done = run_step("refcat check", project, **{"as-of": AS_OF.isoformat()})
    assert done.returncode == 1
    assert re.search(r"^::error file=content/references/acme-core\.md,line=\d+", done.stdout, re.M)
    assert "reference-too-old" in (project.root / "summary.md").read_text(encoding="utf-8")


def test_strict_makes_a_warning_fail_the_check(project):
    project.reference(body="A <b>bold</b> story.\n")  # a warning only
    as_of = {"as-of": AS_OF.isoformat()}
    assert run_step("refcat check", project, **as_of).returncode == 0
    assert run_step("refcat check", project, strict="true", **as_of).returncode == 1


def test_sarif_is_written_when_there_are_findings(project):
    project.reference(completed=day(-3000))
    done = run_step("refcat check --format sarif", project, **{"as-of": AS_OF.isoformat()})
    assert done.returncode == 0, done.stderr
    sarif = json.loads((project.root / "refcat.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "reference-too-old"


def test_sarif_step_fails_on_a_usage_problem(project):
    done = run_step("refcat check --format sarif", project, content="missing")
    assert done.returncode == 2
    assert "content folder not found" in done.stderr


@pytest.mark.parametrize("output", ["output", "site build"])
def test_the_public_catalog_is_built_where_the_artifact_is_taken(project, output):
    inputs = {"as-of": AS_OF.isoformat(), "output": output}
    assert run_step("refcat build --audience public", project, **inputs).returncode == 0
    artifact = next(s for s in STEPS if s.get("uses", "").startswith("actions/upload-artifact"))
    path = INPUT.sub(lambda m: inputs[m.group(1)], artifact["with"]["path"])
    assert (project.root / path / "index.html").is_file()
    assert not (project.root / output / "internal").exists()
