"""Work spread over forked processes: every task runs, and a failure is not lost."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from refcat.generator.build.workers import fork_map, run_forked


@pytest.fixture(autouse=True)
def _unfreeze():
    yield
    gc.unfreeze()  # forking froze this process's objects; a test run lives on


def test_fork_map_keeps_the_order():
    words = [f"word{n}" for n in range(50)]
    assert fork_map(str.upper, words, 2) == [w.upper() for w in words]


@pytest.mark.parametrize("processes", [1, 2])
def test_fork_map_runs_meanwhile_here_once(processes):
    words = [f"word{n}" for n in range(50)]
    calls: list[int] = []
    result = fork_map(str.upper, words, processes, lambda: calls.append(1))
    assert result == [w.upper() for w in words]
    assert calls == [1]  # a list only this process sees: it ran here


def test_every_task_runs(tmp_path):
    def touch(name: str) -> None:
        (tmp_path / name).write_text(name)

    run_forked([lambda n=n: touch(f"page{n}") for n in range(3)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page0", "page1", "page2"]


def test_a_failing_worker_fails_the_run_with_its_message():
    def broken() -> None:
        raise ValueError("'REFCAT_REPORT' is undefined")

    with pytest.raises(RuntimeError, match="REFCAT_REPORT"):
        run_forked([lambda: None, broken])


def test_a_failure_here_is_raised_after_the_workers_are_done(tmp_path: Path):
    def broken() -> None:
        raise ValueError("template broke")

    with pytest.raises(ValueError, match="template broke"):
        run_forked([broken, lambda: (tmp_path / "written").write_text("x")])
    assert (tmp_path / "written").exists()
