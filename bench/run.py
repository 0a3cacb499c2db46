"""Benchmark `refcat check` against merely parsing the same files with PyYAML's C loader.

    python bench/run.py [--sizes 1000 10000] [--runs 5] [--timer rounds|hyperfine]

For each size N, a synthetic program of N references (bench/generate.py) is written to
a temporary folder, then four runs are timed, each the median of several runs:

- parse: bench/cloader_parse.py, `yaml.load(..., CSafeLoader)` on every file, one process
- cold:  `refcat check --format json` with no parse cache (`.refcat-cache` deleted first)
- warm:  the same with the caches of the previous run, files unchanged
- parse cache only: the same after deleting the stored results (a nightly run on a new
  day): every file comes from the parse cache, the review runs again

The default timer runs the three in rounds (parse, cold, warm, parse, ...) with
`time.perf_counter`, so that other work on a shared machine weighs on all three alike;
`--timer hyperfine` times each command in one go with hyperfine instead. The targets:
cold <= parse, and warm at least 4x faster than cold. The Markdown table is printed and
written to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from report import save

BENCH = Path(__file__).resolve().parent
AS_OF = "2026-11-25"
COLUMNS = ("N", "files", "C-loader parse (s)", "cold check (s)", "ratio cold/parse")
COLUMNS += ("warm check (s)", "cold/warm speed-up", "parse cache only (s)")

Command = list[str]


def in_rounds(parse: Command, check: Command, cache: Path, runs: int) -> dict[str, float]:
    """Median seconds of parse, cold and warm, timed in turn; one untimed round first."""
    times: dict[str, list[float]] = {"parse": [], "cold": [], "warm": [], "parsed": []}
    steps = (("parse", parse), ("cold", check), ("warm", check), ("parsed", check))
    for _ in range(runs + 1):
        for name, command in steps:
            if name == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            if name == "parsed":  # a new day: the stored result misses, parsed files hit
                shutil.rmtree(cache / "results", ignore_errors=True)
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found[1:]) for name, found in times.items()}


def with_hyperfine(parse: Command, check: Command, cache: Path, runs: int) -> dict[str, float]:
    """Median seconds of parse, cold and warm, each command timed in one go by hyperfine."""
    cold = ["--prepare", _quoted(["rm", "-rf", str(cache)])]
    return {
        "parse": _hyperfine(parse, runs, ["--warmup=1"]),
        "cold": _hyperfine(check, runs, cold),
        "warm": _hyperfine(check, runs, ["--warmup=1"]),
        "parsed": _hyperfine(
            check, runs, ["--prepare", _quoted(["rm", "-rf", str(cache / "results")])]
        ),
    }


def _hyperfine(command: Command, runs: int, options: list[str]) -> float:
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        call = ["hyperfine", "--shell=none", "--ignore-failure", "--style=none"]
        call += [f"--runs={runs}", f"--export-json={export.name}", *options, _quoted(command)]
        # its warnings (non-zero exit, outliers) would drown the table: show them on failure
        run = subprocess.run(call, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            sys.exit(f"hyperfine failed:\n{run.stderr}")
        return json.loads(Path(export.name).read_text())["results"][0]["median"]


def _quoted(command: Command) -> str:
    return " ".join(f"'{part}'" if " " in part else part for part in command)


def bench_size(references: int, runs: int, timer: str, workdir: Path) -> dict[str, float]:
    print(f"N = {references:,}: generating, then timing parse, cold, warm", file=sys.stderr)
    project = workdir / f"program-{references}"
    content = generate(references, project)
    files = sum(1 for p in content.rglob("*") if p.suffix in (".yaml", ".yml", ".md"))
    cache = project / ".refcat-cache"
    refcat = Path(sys.executable).with_name("refcat")
    check = [str(refcat), "check", "--content", str(content), "--format", "json"]
    check += ["--as-of", AS_OF]
    parse = [sys.executable, str(BENCH / "cloader_parse.py"), str(content)]
    _same_output_cold_and_warm(check, cache, project)
    measure = with_hyperfine if timer == "hyperfine" else in_rounds
    return {"N": references, "files": files, **measure(parse, check, cache, runs)}


def _same_output_cold_and_warm(check: Command, cache: Path, project: Path) -> None:
    """A cache that changes the report is a bug, not a speed-up."""
    shutil.rmtree(cache, ignore_errors=True)
    cold = subprocess.run(check, capture_output=True, cwd=project, check=False)
    warm = subprocess.run(check, capture_output=True, cwd=project, check=False)
    if cold.returncode not in (0, 1) or cold.stdout != warm.stdout:
        sys.exit(f"refcat check failed or differs when warm:\n{cold.stderr.decode()}")


def table(rows: list[dict[str, float]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    for row in rows:
        cells = (f"{row['N']:,}", f"{row['files']:,}", f"{row['parse']:.3f}")
        cells += (f"{row['cold']:.3f}", f"{row['cold'] / row['parse']:.2f}")
        cells += (f"{row['warm']:.3f}", f"{row['cold'] / row['warm']:.1f}x")
        cells += (f"{row['parsed']:.3f}",)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--timer", choices=["rounds", "hyperfine"], default="rounds")
    args = parser.parse_args()
    if args.timer == "hyperfine" and not shutil.which("hyperfine"):
        parser.error("hyperfine is not installed (apt-get install -y hyperfine)")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="refcat-bench-") as workdir:
        rows = [bench_size(size, args.runs, args.timer, Path(workdir)) for size in args.sizes]
    # other work on the machine skews the numbers: the load average says how quiet it was
    about = (
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, median of {args.runs} runs ({args.timer}), "
        f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    save(f"{table(rows)}\n\n{about}\n", "bench", "latest.md")


if __name__ == "__main__":
    main()
