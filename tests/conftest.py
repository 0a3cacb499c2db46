"""Shared fixtures: a tiny project to review, and the command line run as CI runs it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import Project, baseline

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty(tmp_path: Path) -> Project:
    """A project with nothing written yet."""
    return Project(tmp_path)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The baseline project: one customer, one public reference, no finding."""
    return baseline(Project(tmp_path))


CliRun = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def refcat() -> CliRun:
    """Run `python -m generator.cli ARGS` in `cwd` as CI would; returns the finished process."""

    def run(
        *args: str, cwd: Path = PROJECT_ROOT, timeout: float = 60
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "generator.cli", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
