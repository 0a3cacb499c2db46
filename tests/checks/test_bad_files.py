"""Files a review cannot use are findings, never a traceback and never a silent skip.

A folder that cannot be read, a file name that is not UTF-8, a link loop, a second
file for one lifecycle product and a 2 GB file each make `check` fail with a finding
on that path, and the 2 GB file is not read beyond the 1 MiB limit.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from refcat.checks import read_limit
from refcat.checks.source import MAX_BYTES
from refcat.generator.commands import check
from tests.factories import AS_OF, Project, day, findings, only, rules

TWO_GB = 2 * 1024**3
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def check_json(project: Project) -> tuple[int, dict]:
    """`refcat check --format json` through the command (the files read into a snapshot)."""
    out = io.StringIO()
    options = check.Options(fmt="json", cache=False, cwd=project.root)  # paths: content/...
    code = check.run(project.content, project.settings, AS_OF, out, options)
    return code, json.loads(out.getvalue())


def finding_at(document: dict, path: str) -> dict:
    [found] = [f for f in document["findings"] if f["path"] == path]
    return found


# -- names and folders -------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_invalid_yaml_named_printably(project: Project):
    (project.content / "customers").joinpath(os.fsdecode(b"caf\xe9.yaml")).write_text("id: x\n")
    code, document = check_json(project)
    assert code == 1
    found = finding_at(document, "content/customers/caf\\xe9.yaml")
    assert (found["rule"], found["severity"], found["line"]) == ("invalid-yaml", "error", 1)
    assert "not UTF-8" in found["message"]
    assert document["summary"]["published"] == 1  # the rest is reviewed as before


def test_a_folder_name_that_is_not_utf8_names_each_file_in_it(project: Project):
    folder = project.content / "references" / os.fsdecode(b"2026-\xff")
    folder.mkdir()
    (folder / "acme-extra.md").write_text("---\nid: acme-extra\n---\n", encoding="utf-8")
    code, document = check_json(project)
    assert code == 1
    assert finding_at(document, "content/references/2026-\\xff/acme-extra.md")["rule"] == (
        "invalid-yaml"
    )


def test_an_unreadable_folder_is_a_finding_and_fails_the_check(
    project: Project, monkeypatch: pytest.MonkeyPatch
):
    """chmod 000 does not stop root, so the folder's scandir is made to fail instead."""
    folder = project.content / "references" / "2026"
    project.reference("acme-later", folder="2026/")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, document = check_json(project)
    assert code == 1
    found = finding_at(document, "content/references/2026")
    assert (found["rule"], found["severity"]) == ("invalid-yaml", "error")
    assert found["message"] == "Cannot read the folder: Permission denied"
    assert found["references"] == []  # it cannot name what it hides
    assert "acme-later" not in [r["id"] for r in document["references"]]


def test_a_records_folder_that_is_a_file_is_a_finding(project: Project):
    (project.content / "lifecycle").write_text("not a folder", encoding="utf-8")
    found = only(project.review(), "invalid-yaml")
    assert (found.path, found.message) == (
        "content/lifecycle",
        "Cannot read the folder: Not a directory",
    )


def test_a_missing_records_folder_is_no_finding(project: Project):
    assert not (project.content / "lifecycle").exists()
    assert project.review().findings == ()


def test_a_link_loop_is_a_finding_and_the_other_records_are_still_read(project: Project):
    (project.content / "references" / "loop.md").symlink_to("loop.md")
    project.reference("acme-second")
    report = project.review()
    found = only(report, "invalid-yaml")
    assert found.path == "content/references/loop.md"
    assert "symbolic links" in found.message
    assert {"acme-core", "acme-second"} <= set(report.catalog.references)
    assert check_json(project)[0] == 1  # the snapshot of `check` copes with it too


# -- one lifecycle product, two files -------------------------------------------------------


def test_two_files_for_one_lifecycle_product_are_both_duplicate_id(project: Project):
    project.lifecycle("windows-server", [{"releaseCycle": "2012", "eol": day(-30)}])
    later = {"releaseCycle": "2012", "eol": day(900)}
    project.lifecycle("windows-server", [later], fmt="yaml")
    project.reference(technologies=["windows-server@2012"])
    report = project.review()
    assert rules(report) == ["duplicate-id", "duplicate-id"]  # no technology-eol, no unknown
    paths = sorted(f.path for f in findings(report, "duplicate-id"))
    assert paths == ["content/lifecycle/windows-server.md", "content/lifecycle/windows-server.yaml"]
    for found in findings(report, "duplicate-id"):
        assert (found.severity, found.references) == ("error", ("acme-core",))
    assert not report.published


def test_one_file_per_lifecycle_product_still_gives_its_eol_finding(project: Project):
    project.lifecycle("windows-server", [{"releaseCycle": "2012", "eol": day(-30)}])
    project.reference(technologies=["windows-server@2012"])
    assert rules(project.review()) == ["technology-eol"]


# -- a file over the size limit --------------------------------------------------------------


def sparse(path: Path, size: int = TWO_GB) -> None:
    """A file of `size` bytes that takes no disk space and no time to write."""
    with path.open("wb") as file:
        file.truncate(size)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Each read of a record file: (bytes asked for, bytes got)."""
    seen: list[tuple[int, int]] = []
    real_read = os.read

    def read(descriptor: int, count: int) -> bytes:
        chunk = real_read(descriptor, count)
        seen.append((count, len(chunk)))
        return chunk

    monkeypatch.setattr(read_limit.os, "read", read)
    return seen


def bytes_read(reads: list[tuple[int, int]]) -> int:
    assert max(asked for asked, _ in reads) <= MAX_BYTES + 1
    return sum(got for _, got in reads)


def test_a_2_gb_record_is_invalid_yaml_after_reading_1_mib(project: Project, reads: list):
    sparse(project.content / "customers" / "huge.yaml")
    code, document = check_json(project)
    assert code == 1
    found = finding_at(document, "content/customers/huge.yaml")
    assert (found["rule"], found["message"]) == ("invalid-yaml", "File is larger than 1024 KiB")
    assert MAX_BYTES < bytes_read(reads) < MAX_BYTES + 10_000  # 1 MiB + 1, and the small files


def test_review_without_a_snapshot_reads_no_further_either(project: Project, reads: list):
    sparse(project.content / "references" / "huge.md")
    assert only(project.review(), "invalid-yaml").path == "content/references/huge.md"
    assert MAX_BYTES < bytes_read(reads) < MAX_BYTES + 10_000


def test_a_file_exactly_at_the_limit_is_read_whole(tmp_path: Path):
    path = tmp_path / "at-limit.yaml"
    path.write_bytes(b"#" * MAX_BYTES)
    assert len(read_limit.read_at_most(path)) == MAX_BYTES
    sparse(path, MAX_BYTES + 5)
    assert len(read_limit.read_at_most(path)) == MAX_BYTES + 1


@pytest.mark.parametrize("command", ["check", "review"])
def test_a_2_gb_record_costs_no_gigabytes_of_memory(project: Project, command: str):
    """The whole command in a fresh process, its peak memory measured by the kernel."""
    sparse(project.content / "customers" / "huge.yaml")
    script = (
        "import resource, sys\n"
        "from generator.cli import main\n"
        f"code = main([{command!r}, '--as-of', '{AS_OF}', '--content', sys.argv[1]])\n"
        "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(project.content)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    code, peak_kib = result.stdout.split()[-2:]
    assert code == ("1" if command == "check" else "0"), result.stderr
    assert int(peak_kib) < 500 * 1024, f"peak memory {int(peak_kib) // 1024} MiB"
