"""The command line as a good citizen of a terminal: --version, python -m refcat, colour only
where it shows (NO_COLOR, TERM=dumb, --color), --quiet, and a build's progress."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from refcat.generator.terminal import Progress
from tests.factories import AS_OF, day

ESCAPE = "\033["


def _env(**changes: str) -> dict[str, str]:
    """This environment on a colour terminal, without the variables under test."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, "TERM": "xterm-256color", **changes}


def piped(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run `python -m refcat ARGS` with stdout and stderr to pipes, as in CI."""
    command = [sys.executable, "-m", "refcat", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def refcat_on(terminal: bool, args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run `python -m refcat ARGS` with stdout and stderr on a terminal (a pty) or a pipe."""
    if not terminal:
        done = piped(args, cwd, env)
        return done.returncode, done.stdout + done.stderr
    command = [sys.executable, "-m", "refcat", *args]
    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=120), b"".join(chunks).decode()


def check_args(project) -> list[str]:
    return ["check", "--content", str(project.content), "--as-of", str(AS_OF)]


# -- --version and python -m refcat -----------------------------------------------------


@pytest.mark.parametrize("module", ["refcat", "refcat.generator.cli"])
def test_version_prints_the_installed_version_and_exits_0(module, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", module, "--version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, f"refcat {version('refcat')}\n")


def test_python_m_refcat_is_the_refcat_command(project):
    assert refcat_on(False, check_args(project), project.root, _env())[0] == 0
    project.reference(completed=day(-3000))
    code, output = refcat_on(False, check_args(project), project.root, _env())
    assert (code, "reference-too-old" in output) == (1, True)


# -- colour -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terminal", "options", "env", "coloured"),
    [
        (True, [], {}, True),
        (True, [], {"NO_COLOR": "1"}, False),
        (True, [], {"NO_COLOR": ""}, True),  # no-color.org: an empty value does not count
        (True, [], {"TERM": "dumb"}, False),
        (True, ["--color", "never"], {}, False),
        (True, ["--color", "always"], {"NO_COLOR": "1"}, True),  # the user's word wins
        (False, [], {}, False),
        (False, [], {"FORCE_COLOR": "1"}, True),
        (False, [], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (False, ["--color", "always"], {}, True),
    ],
)
def test_colour_only_where_it_shows(project, terminal, options, env, coloured):
    project.reference(completed=day(-3000))
    code, output = refcat_on(terminal, [*options, *check_args(project)], project.root, _env(**env))
    assert code == 1
    assert "reference-too-old" in output
    assert (ESCAPE in output) == coloured


def test_an_unknown_colour_choice_is_a_usage_error(project):
    code, output = refcat_on(False, ["--color", "sometimes", "check"], project.root, _env())
    assert code == 2
    assert "auto, always, never" in output.replace("'", "")


# -- --quiet ----------------------------------------------------------------------------


def test_quiet_check_says_nothing_on_success(project):
    assert refcat_on(False, ["--quiet", *check_args(project)], project.root, _env()) == (0, "")


def test_quiet_check_still_reports_a_failure(project):
    project.reference(completed=day(-3000))
    code, output = refcat_on(False, ["-q", *check_args(project)], project.root, _env())
    assert code == 1
    assert "reference-too-old" in output


def test_quiet_keeps_output_asked_for_by_format(project):
    args = ["--quiet", *check_args(project), "--format", "json"]
    code, output = refcat_on(False, args, project.root, _env())
    assert code == 0
    assert json.loads(output)["summary"]["references"] == 1


def test_quiet_still_explains_a_usage_problem(project):
    args = ["--quiet", "check", "--content", str(project.root / "missing")]
    code, output = refcat_on(False, args, project.root, _env())
    assert code == 2
    assert "content folder not found" in output


# -- progress ---------------------------------------------------------------------------


def test_progress_replaces_the_running_line_with_each_result():
    screen = io.StringIO()
    progress = Progress(screen)
    progress.begin("catalogs: public, internal")
    progress.step("public catalog: 12 pages")
    progress.end("live: public, internal")
    lines = screen.getvalue().split("\n")
    assert lines[0].startswith("\rcatalogs: public, internal ...\r[")
    assert lines[0].endswith("public catalog: 12 pages")
    assert "live: public, internal" in lines[1]
    assert lines[2] == ""  # nothing left running


def test_progress_without_a_terminal_writes_nothing():
    progress = Progress(None)
    progress.begin("review")
    progress.end("review: done")
    assert not progress.live


def build_args(project) -> list[str]:
    output = str(project.root / "output")
    return ["build", "--content", str(project.content), "--as-of", str(AS_OF), "--output", output]


def test_a_build_on_a_terminal_shows_its_phases_with_counts(project):
    code, output = refcat_on(True, build_args(project), project.root, _env())
    assert code == 0
    for phase in ("review: 0 errors", "public catalog: ", "internal catalog: ", "live: "):
        assert phase in output
    assert "1 of 1 references published" in output


def test_a_build_elsewhere_prints_one_summary_line(project):
    done = piped(build_args(project), project.root, _env())
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 1
    assert done.stdout.startswith("Built ")
    assert "1 of 1 references published" in done.stdout
    assert "catalog:" not in done.stdout + done.stderr


def test_a_quiet_build_says_nothing_on_success_even_on_a_terminal(project):
    code, output = refcat_on(True, ["--quiet", *build_args(project)], project.root, _env())
    assert code == 0
    assert "Built " not in output
    assert "catalog:" not in output
    assert (project.root / "output" / "public" / "index.html").is_file()
