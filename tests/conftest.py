"""Shared fixtures: a tiny project to review, and the command line run as CI runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.factories import Project, baseline

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Property tests: a small, repeatable budget by default (two cores shared by a whole
# test run; the same examples each run), many more random ones with HYPOTHESIS_PROFILE=fuzz.
_SLOW_IS_FINE = [HealthCheck.too_slow]  # an example builds a catalog
settings.register_profile(
    "refcat", max_examples=12, deadline=None, derandomize=True, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile(
    "fuzz", max_examples=1000, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "refcat"))


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
            [sys.executable, "-m", "refcat.generator.cli", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
