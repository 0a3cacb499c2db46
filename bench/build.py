"""Benchmark `refcat build` (both catalogs) against plain Pelican building as many articles.

    python bench/build.py [--sizes 2000 10000] [--runs 3] [--workdir FOLDER] [--rebuild]

For each size N, a synthetic program of N references (bench/generate.py) is written to
a temporary folder, and beside it N plain Pelican Markdown articles made of the same
references: title, completion date, the customer's sector as category, products and
strengths as tags, the summary, then the story, the benefits and the quote, which is
what the public page of a reference shows. Then, median of several runs taken in
turns (refcat, Pelican, refcat, ...), each from an empty output folder (the previous
one is moved aside, and deleted only when the benchmark ends):

- refcat: `refcat build --as-of 2026-11-25` of both catalogs, with no parse cache
  (`.refcat-cache` moved aside too): review, both Pelican builds, search indexes,
  sitemap, leak guard and the swap into place
- pelican: `pelican content -s settings.py` with bench/pelican_baseline/settings.py:
  Pelican's defaults (theme notmyidea, its default feeds, no cache) and quickstart's
  10 articles per page

The disk's recent past matters on ext4 without a journal (this machine's): for six
minutes after thousands of files were deleted near the work folder (a busy /tmp,
the clean-up of the previous benchmark), every file created walks past the freed
inodes, and both tools would measure that more than themselves. Before timing, the
benchmark therefore waits until files are created at a quiet disk's speed (`settle`);
`--workdir` puts it on a quieter folder of the same disk.

The target: refcat / pelican <= 0.5. The Markdown table is printed and written to
bench/results/. With `--rebuild`, a cold build and three rebuilds over its output
(unchanged, one record changed, as-of + 1 day) are timed instead, and the files each
one wrote counted, in all and public (bench/rebuild.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from rebuild import bench_rebuilds, rebuild_table
from report import save

BENCH = Path(__file__).resolve().parent
AS_OF = "2026-11-25"
TARGET = 0.5
TIMED = ("refcat", "pelican")
COLUMNS = ("N", "refcat build s", "plain Pelican s", "ratio", "refcat runs s", "Pelican runs s")


def front_matter(path: Path) -> tuple[dict, str]:
    """The front matter as written (every scalar a string) and the story below it."""
    _, header, story = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.load(header, Loader=yaml.CBaseLoader), story.strip()


def article(reference: dict, story: str, sector: str, slug: str) -> str:
    """One plain Pelican article with what the public page of the reference shows."""
    tags = [*reference.get("products", []), *reference.get("strengths", {}).get("technical", [])]
    tags += reference.get("strengths", {}).get("commercial", [])
    lines = [
        f"Title: {reference['title']}",
        f"Slug: {slug}",  # titles repeat; the file stem does not
        f"Date: {_valid_day(reference['completed'])}",
        f"Category: {sector}",
        f"Tags: {', '.join(tags)}",
        f"Summary: {reference['summary']}",
        "",
        story,
        "",
        "## Results",
        "",
        *(f"- {benefit}" for benefit in reference.get("benefits", [])),
    ]
    quote = reference.get("quote")
    if quote:
        lines += ["", f"> {quote['text']}", ">", f"> — {quote['author']}, {quote.get('role', '')}"]
    return "\n".join(lines) + "\n"


def _valid_day(written: str) -> str:
    """A few synthetic references carry an impossible date (2026-02-30) on purpose."""
    try:
        return date.fromisoformat(written).isoformat()
    except ValueError:
        return f"{written[:4]}-02-28"


def write_articles(content: Path, blog: Path) -> int:
    """The references under `content` as Markdown articles under `blog/content`."""
    sectors = {}
    for path in (content / "customers").glob("*.yaml"):
        customer = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)
        sectors[customer["id"]] = customer["sector"].replace("-", " ").capitalize()
    count = 0
    for path in sorted((content / "references").rglob("*.md")):
        reference, story = front_matter(path)
        folder = blog / "content" / path.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        sector = sectors.get(reference["customer"], "Other")
        text = article(reference, story, sector, path.stem)
        (folder / path.name).write_text(text, encoding="utf-8")
        count += 1
    return count


def bench_size(references: int, runs: int, workdir: Path) -> dict[str, Any]:
    print(f"N = {references:,}: generating, then timing refcat build and Pelican", file=sys.stderr)
    project = workdir / f"program-{references}"
    content = generate(references, project)
    blog = workdir / f"blog-{references}"
    articles = write_articles(content, blog)
    shutil.copyfile(BENCH / "pelican_baseline" / "settings.py", blog / "settings.py")
    bin_folder = Path(sys.executable).parent
    refcat_output, blog_output = project / "output", blog / "output"
    refcat = [str(bin_folder / "refcat"), "build", "--content", str(content), "--as-of", AS_OF]
    refcat += ["--settings", str(BENCH.parent / "pelicanconf.py"), "--output", str(refcat_output)]
    pelican = [str(bin_folder / "pelican"), str(blog / "content"), "-s", str(blog / "settings.py")]
    pelican += ["-o", str(blog_output)]
    refcat_clean = [refcat_output, project / ".refcat-cache"]
    blog_clean = [blog_output]
    _check_once(refcat, refcat_clean, project, refcat_output / "public" / "index.html")
    _check_once(pelican, blog_clean, blog, blog_output / "index.html")
    # a reference whose file does not load (a date that does not exist) gets no page
    built = sum(1 for _ in (refcat_output / "internal" / "references").glob("*.html"))
    written = sum(1 for p in blog_output.glob("*.html") if not p.name.startswith("index"))
    if built < 0.98 * references or written < articles:
        sys.exit(f"expected {references} pages each: refcat {built}, Pelican {written}")
    waited = settle(workdir)
    times: dict[str, list[float]] = {name: [] for name in TIMED}
    for _ in range(runs):  # in turns, so a change in the machine's load hits both alike
        times["refcat"].append(_seconds(refcat, refcat_clean))
        times["pelican"].append(_seconds(pelican, blog_clean))
    row: dict[str, Any] = {"N": references, "waited": waited}
    for name, runs in times.items():
        row[name], row[f"{name} runs"] = statistics.median(runs), runs
    return row


QUIET_CREATE_S = 60e-6  # a file created and written on a quiet disk: 30 to 50 µs here
SETTLE_LIMIT_S = 420  # recently deleted inodes are skipped for up to six minutes


def settle(workdir: Path) -> float:
    """Wait until files are created in `workdir` at a quiet disk's speed; seconds waited.

    On ext4 without a journal, for six minutes after thousands of files were deleted
    nearby, every new file walks past the inodes just freed: 80 to 600 µs a file
    instead of 30. Both tools would measure that more than themselves.
    """
    started = time.monotonic()
    while (per_file := _create_seconds(workdir)) > QUIET_CREATE_S:
        if time.monotonic() - started > SETTLE_LIMIT_S:
            print(f"file creation stays slow ({per_file * 1e6:.0f} µs a file)", file=sys.stderr)
            break
        time.sleep(10)
    return time.monotonic() - started


def _create_seconds(workdir: Path, files: int = 300) -> float:
    probe = workdir / "trash" / f"probe-{time.monotonic_ns()}"  # deleted at the end
    probe.mkdir(parents=True)
    started = time.perf_counter()
    for number in range(files):
        (probe / f"{number}.html").write_bytes(b"x" * 4096)
    return (time.perf_counter() - started) / files


def _seconds(command: list[str], clean: list[Path]) -> float:
    """Wall time of one run of `command`, from an empty output folder.

    The disk is synced first: the previous run's 100 MB or more of dirty pages would
    otherwise be written back in the middle of this one (as `hyperfine --prepare sync`).
    """
    _move_aside(clean)
    os.sync()
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def _move_aside(paths: list[Path]) -> None:
    """Empty the output by renaming it into the work folder's trash, deleted at the end.

    Not `rm -rf`: on ext4, files created within minutes of deleting thousands of others
    take several times longer (the inodes just freed are skipped one by one), which
    would time the benchmark's own clean-up. A build on a fresh checkout pays no such cost.
    """
    for path in paths:
        if path.exists():
            trash = path.parent.parent / "trash"
            trash.mkdir(exist_ok=True)
            path.rename(trash / f"{path.name}-{time.monotonic_ns()}")


def _check_once(command: list[str], clean: list[Path], cwd: Path, expected: Path) -> None:
    """One untimed run: a benchmark of a failing build measures nothing."""
    _move_aside(clean)
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)
    if result.returncode != 0 or not expected.is_file():
        sys.exit(f"{' '.join(command[:2])} failed:\n{result.stderr[-3000:]}")


def table(rows: list[dict[str, Any]]) -> str:
    """Medians and their ratio, then every run in the order taken (this machine's disk
    and page-fault costs vary from run to run: the spread belongs with the median)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    for row in rows:
        ratio = row["refcat"] / row["pelican"]
        cells = [f"{row['N']:,}", f"{row['refcat']:.2f}", f"{row['pelican']:.2f}", f"{ratio:.2f}"]
        cells += [" / ".join(f"{t:.2f}" for t in row[f"{name} runs"]) for name in TIMED]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where the programs and outputs go (default: the system's temporary folder)",
    )
    parser.add_argument("--rebuild", action="store_true", help="time rebuilds instead")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    if args.rebuild:
        rebuilds(args.sizes, args.runs, args.workdir, load_before)
        return
    with tempfile.TemporaryDirectory(prefix="refcat-bench-build-", dir=args.workdir) as workdir:
        rows = [bench_size(size, args.runs, Path(workdir)) for size in args.sizes]
    met = all(row["refcat"] / row["pelican"] <= TARGET for row in rows)
    about = (
        f"Target refcat/Pelican <= {TARGET}: {'met' if met else 'NOT met'}. "
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, median of {args.runs} runs in turns, cold "
        f"(empty output, no parse cache), load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after; waited "
        + ", ".join(f"{row['waited']:.0f} s" for row in rows)
        + " for file creation to be quick (see settle)"
    )
    save(f"{table(rows)}\n\n{about}\n", "build", "build-latest.md")


def rebuilds(sizes: list[int], runs: int, workdir: Path | None, load_before: float) -> None:
    """Time rebuilds (bench/rebuild.py) and save their table."""
    with tempfile.TemporaryDirectory(prefix="refcat-bench-rebuild-", dir=workdir) as folder:
        rows = [row for size in sizes for row in bench_rebuilds(size, runs, Path(folder))]
    about = (
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {runs} run(s) each, parse cache kept, load average "
        f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after; files written: new "
        "files or new inodes in both catalogs, each run's value"
    )
    save(f"{rebuild_table(rows)}\n\n{about}\n", "build-rebuild", "build-rebuild-latest.md")


if __name__ == "__main__":
    main()
