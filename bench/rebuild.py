"""Time `refcat build` rebuilds over a live output, and count the files each one wrote.

    python bench/build.py --rebuild [--sizes 2000 10000] [--runs 1] [--workdir FOLDER]

A nightly deploy uploads what a rebuild wrote: refcat keeps every live file whose bytes
did not change (same inode, same modification time), so `rsync` and CDN uploads carry
only real changes. For each size N, of a synthetic program (bench/generate.py), each
run times a cold build and three rebuilds in turn:

- cold: from an empty output and no `.refcat-cache` (parse cache, share images, kept
  search index): every file is new;

and, with the caches kept as a nightly job would:

- unchanged: the same content and as-of date again;
- one record changed: one sentence added to the story of one reference;
- as-of + 1 day: that same content, reviewed a day later (availability and ages move).

"files written" counts the files of both catalogs that are new or have a new inode, and
of those the public catalog's; "cpu" is the processor time of all the build's processes.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

COLUMNS = ("N", "files", "rebuild", "median s", "runs s", "files written")
AUDIENCES = ("public", "internal")


def inodes(output: Path) -> dict[str, int]:
    """Each file of both catalogs and its inode."""
    found = {}
    for audience in AUDIENCES:
        for folder, _folders, names in os.walk(output / audience):
            for name in names:
                path = Path(folder, name)
                found[str(path.relative_to(output))] = path.stat().st_ino
    return found


def timed(command: list[str], output: Path) -> tuple[float, str]:
    """Wall time of one build, with its processor time (all its processes: on a shared
    machine the steadier figure), and how many files it wrote (new, or a new inode): in
    all, and of the public catalog (the one a deploy uploads to the website)."""
    before = inodes(output)
    os.sync()  # the previous build's dirty pages are not written back during this one
    started, cpu = time.perf_counter(), _children_cpu()
    run(command)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    after = inodes(output)
    written = [name for name, inode in after.items() if before.get(name) != inode]
    public = sum(1 for name in written if name.startswith("public"))
    return seconds, f"{len(written):,} ({public:,} public), cpu {cpu:.1f} s"


def _children_cpu() -> float:
    """User and system time of the finished child processes (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(command: list[str]) -> None:
    """One build; a benchmark of a failing build measures nothing."""
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"refcat build failed:\n{result.stderr[-3000:]}")


def bench_rebuilds(references: int, runs: int, workdir: Path) -> list[dict[str, Any]]:
    """A cold build and three rebuilds of `references` references, `runs` times each."""
    print(f"N = {references:,}: generating, then timing rebuilds", file=sys.stderr)
    project = workdir / f"rebuild-{references}"
    content = generate(references, project)
    output = project / "output"
    bench = Path(__file__).resolve().parent
    refcat = [str(Path(sys.executable).parent / "refcat"), "build", "--content", str(content)]
    refcat += ["--settings", str(bench.parent / "pelicanconf.py"), "--output", str(output)]
    as_of = date(2026, 11, 25)
    record = sorted((content / "references").rglob("*.md"))[0]
    original = record.read_text(encoding="utf-8")

    def build(day: date) -> list[str]:
        return [*refcat, "--as-of", day.isoformat()]

    def change(text: str) -> Callable[[], None]:
        return lambda: record.write_text(text, encoding="utf-8")

    changed = original.rstrip("\n") + " One more sentence for this rebuild.\n"
    steps = [
        ("unchanged", change(original), build(as_of)),
        ("one record changed", change(changed), build(as_of)),
        ("as-of + 1 day", change(changed), build(as_of + timedelta(days=1))),
    ]
    results: dict[str, list[tuple[float, str]]] = {"cold": []}
    results |= {name: [] for name, _, _ in steps}
    for _ in range(runs):
        change(original)()
        _move_aside([output, project / ".refcat-cache"], workdir / "trash")
        results["cold"].append(timed(build(as_of), output))  # then the live output
        for name, prepare, command in steps:
            prepare()
            results[name].append(timed(command, output))
    total = len(inodes(output))
    return [_row(references, total, name, measured) for name, measured in results.items()]


def _move_aside(paths: list[Path], trash: Path) -> None:
    """Empty the output and the caches, by renaming (deleted with the work folder)."""
    trash.mkdir(exist_ok=True)
    for path in paths:
        if path.exists():
            path.rename(trash / f"{path.name}-{time.monotonic_ns()}")


def _row(references: int, total: int, name: str, measured: list[tuple[float, str]]) -> dict:
    seconds = [s for s, _ in measured]
    return {
        "N": references,
        "files": total,
        "rebuild": name,
        "median": statistics.median(seconds),
        "runs": seconds,
        "written": [w for _, w in measured],
    }


def rebuild_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|---:|---:|:---|---:|---:|---:|"]
    for row in rows:
        cells = [f"{row['N']:,}", f"{row['files']:,}", row["rebuild"], f"{row['median']:.2f}"]
        cells += [" / ".join(f"{s:.2f}" for s in row["runs"])]
        cells += [" / ".join(row["written"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
