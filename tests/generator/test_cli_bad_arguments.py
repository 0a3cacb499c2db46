"""A bad argument or setting: exit 2 and one line saying what is wrong, never a traceback.

Each case once gave a traceback (a date past the calendar's end, a window of three
million days) or was silently accepted (`--output content`, `rating_review_days: true`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from refcat.generator.cli import main
from tests.factories import Project

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Run:
    """`refcat ARGS` in the project's folder: (exit code, stdout, stderr)."""
    monkeypatch.chdir(project.root)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def refused(result: tuple[int, str, str], *words: str) -> str:
    """Assert a usage error: exit 2, one line on stderr naming `words`; return the line."""
    code, _out, err = result
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    line = err.strip()
    assert line.startswith("refcat: ")
    for word in words:
        assert word in line
    return line


# -- --as-of and --within near the calendar's ends -------------------------------------


@pytest.mark.parametrize("command", ["check", "review", "build"])
def test_an_as_of_too_early_for_the_policy_is_a_usage_error(run: Run, command: str):
    line = refused(run(command, "--as-of", "0001-01-01"), "--as-of 0001-01-01", "too early")
    assert "(earliest: " in line


@pytest.mark.parametrize("command", ["check", "review"])
def test_an_as_of_too_late_for_the_policy_is_a_usage_error(run: Run, command: str):
    refused(run(command, "--as-of", "9999-12-31"), "--as-of 9999-12-31", "too late")


def test_the_earliest_as_of_named_works_and_the_day_before_does_not(run: Run):
    line = refused(run("check", "--as-of", "0002-01-01"), "max_reference_age_days 1825")
    earliest = line.rpartition("(earliest: ")[2].rstrip(")")
    assert earliest == "0005-12-31"  # 1825 days after 0001-01-01
    assert run("check", "--as-of", earliest)[0] in (0, 1)
    refused(run("check", "--as-of", "0005-12-30"), "too early")


def test_the_latest_as_of_for_review_leaves_room_for_within(run: Run):
    line = refused(run("review", "--as-of", "9999-01-01", "--within", "365"), "--within 365")
    assert line.endswith("(latest: 9998-12-31)")
    assert run("review", "--as-of", "9998-12-31", "--within", "365")[0] == 0


@pytest.mark.parametrize("within", ["99999999", "36501", "-1"])
def test_within_out_of_range_is_a_usage_error(run: Run, within: str):
    refused(run("review", "--within", within), f"--within {within}", "36500")


# -- the REFCAT policy ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "named"),
    [
        ({"request_limit": {"count": 3, "days": 3_000_000}}, "request_limit.days"),
        ({"rating_review_days": 10**12}, "rating_review_days"),
        ({"rating_review_days": True}, "rating_review_days"),
        ({"consent_warn_days": "60"}, "consent_warn_days"),
        ({"request_limit": {"count": False, "days": 90}}, "request_limit.count"),
        ({"max_reference_age_days": 36_501}, "max_reference_age_days"),
    ],
)
@pytest.mark.parametrize("command", ["check", "review", "build"])
def test_a_policy_value_out_of_range_or_not_an_integer_is_refused(
    project: Project, run: Run, policy: dict, named: str, command: str
):
    project.policy(**policy)
    refused(run(command, "--settings", "pelicanconf.py", "--as-of", "2026-11-25"), named)
    assert not (project.root / "output").exists()


def test_the_longest_windows_allowed_are_accepted(project: Project, run: Run):
    project.policy(rating_review_days=36_500, request_limit={"count": 1000, "days": 36_500})
    code, out, err = run("check", "--settings", "pelicanconf.py", "--as-of", "2026-11-25")
    assert (code, err) == (0, "")
    assert "0 errors" in out


# -- --output ------------------------------------------------------------------------------


def test_output_naming_a_file_is_refused(project: Project, run: Run):
    (project.root / "site.html").write_text("keep me", encoding="utf-8")
    refused(run("build", "--output", "site.html"), "--output site.html", "is a file")
    assert (project.root / "site.html").read_text(encoding="utf-8") == "keep me"


def test_output_under_a_file_is_refused(project: Project, run: Run):
    (project.root / "site.html").write_text("keep me", encoding="utf-8")
    refused(run("build", "--output", "site.html/out/public"), "site.html is a file")


@pytest.mark.parametrize("output", ["content", "content/site", "content/references"])
def test_output_inside_the_content_folder_is_refused(project: Project, run: Run, output: str):
    before = sorted(p.relative_to(project.root) for p in project.content.rglob("*"))
    refused(run("build", "--output", output), f"--output {output}", "inside the content folder")
    assert sorted(p.relative_to(project.root) for p in project.content.rglob("*")) == before


def test_output_containing_the_content_folder_is_refused(project: Project, run: Run):
    refused(run("build", "--output", "."), "--output .", "contains the content folder")
    absolute = str(project.root)
    refused(run("build", "--output", absolute, "--content", str(project.content)), "contains")


def test_an_output_folder_that_cannot_be_made_is_one_line(run: Run):
    line = refused(run("build", "--output", "/proc/refcat-output"), "/proc/refcat-output")
    assert "No such file or directory" in line


def test_output_beside_the_content_folder_is_accepted(project: Project, tmp_path: Path):
    from refcat.generator.cli import check_output

    check_output(Path("output"), Path("content"))
    check_output(tmp_path / "elsewhere", project.content)
    check_output(project.root / "content-site", project.content)  # a sibling, not inside


class _ClosedPipe:
    """Standard output after the reader (`| head -1`) went away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_stops_early_gets_no_error_message(monkeypatch, capsys):
    """`refcat schema customer | head -1`: the closed pipe is not a problem to report."""
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["schema", "customer"]) == 141
    assert capsys.readouterr().err == ""
