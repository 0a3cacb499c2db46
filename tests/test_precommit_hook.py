"""The pre-commit hooks work in a catalog project as pre-commit installs them: refcat built
from this repository into a fresh environment, run on a program's records.

The end-to-end test installs refcat and its dependencies from PyPI (about 30 s). It uses
`pre-commit run` with a configuration naming this repository at HEAD, which is what
`pre-commit try-repo` writes, because try-repo cannot pass the hook an `--as-of` date and
the review would then depend on today.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from refcat.generator.cli import build_parser
from refcat.generator.commands import fmt
from tests.factories import AS_OF, Project, baseline, day

PROJECT = Path(__file__).resolve().parent.parent
MANIFEST = PROJECT / ".pre-commit-hooks.yaml"


def _hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_every_package_is_installed():
    """A package left out of pyproject's list is missing from the hook's environment."""
    listed = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    folders = listed["tool"]["setuptools"]["package-dir"]

    def folder(package: str) -> Path:
        parts = package.split(".")
        for n in range(len(parts), 0, -1):  # the longest mapped prefix, as setuptools does
            if ".".join(parts[:n]) in folders:
                return PROJECT / folders[".".join(parts[:n])] / Path(*parts[n:])
        return PROJECT / Path(*parts)

    listed_packages = listed["tool"]["setuptools"]["packages"]
    assert all(folder(package).is_dir() for package in listed_packages)
    # folders of data files (the theme, the scaffold, maps, fonts) have no __init__.py
    packages = {p for p in listed_packages if (folder(p) / "__init__.py").is_file()}
    found = {"refcat"} | {  # checks/ and generator/ are installed inside refcat
        ".".join(("refcat", *init.parent.relative_to(PROJECT).parts))
        for top in ("checks", "generator")
        for init in (PROJECT / top).rglob("__init__.py")
    }
    assert found == packages


def test_the_hooks_run_refcat_commands_on_the_whole_program():
    hooks = _hooks()
    assert set(hooks) == {"refcat-check", "refcat-fmt"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False  # refcat reviews the whole program at once
        program, *args = shlex.split(hook["entry"])
        assert program == "refcat"
        build_parser().parse_args([*args, "--content", "content"])  # exits 2 when unknown


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _catalog_project(root: Path) -> Project:
    """A small program in a git repository of its own, its records in canonical form."""
    project = baseline(Project(root))
    fmt.run(project.content, [], False, io.StringIO())
    config = {
        "repos": [
            {
                "repo": str(PROJECT),
                "rev": _git("rev-parse", "HEAD", cwd=PROJECT),
                "hooks": [
                    {"id": "refcat-check", "args": ["--as-of", AS_OF.isoformat()]},
                    {"id": "refcat-fmt"},
                ],
            }
        ]
    }
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git("init", "-q", cwd=root)
    return project


def _pre_commit(root: Path, home: Path) -> subprocess.CompletedProcess:
    _git("add", "--all", cwd=root)
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["PRE_COMMIT_HOME"] = str(home)  # a store of its own: the hook is installed afresh
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_hooks_pass_a_clean_program_and_fail_a_broken_one(tmp_path):
    pytest.importorskip("pre_commit")
    if not (PROJECT / ".git").exists():
        pytest.skip("needs this repository as a git checkout")
    project = _catalog_project(tmp_path / "program")
    home = tmp_path / "pre-commit"
    clean = _pre_commit(project.root, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "refcat check" in clean.stdout and "Passed" in clean.stdout

    project.reference(completed=day(-3000))  # too old to be shown: an error finding
    broken = _pre_commit(project.root, home)
    assert broken.returncode == 1
    assert "reference-too-old" in broken.stdout
    assert "would reformat" in broken.stdout  # the factory's record is not canonical
