"""Do two revisions of refcat give the same results? For refactorings that must not change any.

Builds the demo content (or `--content`) with each revision, at a fixed `--as-of`, and
compares `refcat check --format json`, its exit code and both catalogs byte for byte.
Pagefind writes its filter files in a varying order, so the files that name them
(`pagefind/filter/*`, `pagefind-entry.json`, `pagefind.*.pf_meta`) are left out;
everything else, the search fragments and index included, must be identical.

    python tools/compare_revisions.py main           # main against the working tree
    python tools/compare_revisions.py v0.1 main      # two revisions

Each revision is checked out into a temporary git worktree and run with this
Python (so the installed dependencies are the same); the working tree is `WORKTREE`.
"""

from __future__ import annotations

import argparse
import filecmp
import fnmatch
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKTREE = "WORKTREE"
VARYING = ("*/pagefind/filter/*", "*/pagefind/pagefind-entry.json", "*/pagefind/pagefind.*.pf_meta")
RUN = "import sys; sys.argv[0] = 'refcat'; from {package}.cli import run; run()"
INSTALLED_AS = ("checks", "generator", "theme")  # inside the refcat package since 0.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="a git revision")
    parser.add_argument("head", nargs="?", default=WORKTREE, help="a git revision or WORKTREE")
    parser.add_argument("--as-of", default="2026-11-25")
    parser.add_argument("--content", default="content", help="relative to the project")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="refcat-compare-") as scratch:
        results = [
            _outputs(revision, Path(scratch) / name, args.as_of, args.content)
            for name, revision in (("base", args.base), ("head", args.head))
        ]
        differences = _differences(*results)
    for line in differences:
        print(line)
    print(f"{len(differences)} difference(s) between {args.base} and {args.head}")
    return 1 if differences else 0


def _outputs(revision: str, folder: Path, as_of: str, content: str) -> Path:
    """Check and build with one revision; the folder holding check.json and output/."""
    source = ROOT if revision == WORKTREE else _worktree(revision, folder / "source")
    results = folder / "results"
    results.mkdir(parents=True)
    check = _refcat(source, "check", "--format", "json", "--as-of", as_of, "--content", content)
    (results / "check.json").write_text(check.stdout, encoding="utf-8")
    (results / "check.exit").write_text(f"{check.returncode}\n", encoding="utf-8")
    output = results / "output"
    build = _refcat(source, "build", "--as-of", as_of, "--content", content, "--output", output)
    if build.returncode != 0:
        sys.exit(f"{revision}: refcat build failed:\n{build.stdout}{build.stderr}")
    if revision != WORKTREE:
        subprocess.run(["git", "worktree", "remove", "--force", source], cwd=ROOT, check=True)
    return results


def _worktree(revision: str, folder: Path) -> Path:
    subprocess.run(
        ["git", "worktree", "add", "--quiet", "--detach", folder, revision], cwd=ROOT, check=True
    )
    return folder


def _refcat(source: Path, *arguments: object) -> subprocess.CompletedProcess[str]:
    """refcat of the revision checked out in `source` (the folder is first on sys.path).

    Since refcat is installed as one `refcat` package, a checkout's `checks/`,
    `generator/` and `theme/` are `refcat.checks` and so on: links inside the checkout's
    `refcat/` make them so here, ahead of whatever refcat is installed."""
    package = "generator"
    if (source / "refcat" / "__main__.py").is_file():
        package = "refcat.generator"
        for name in INSTALLED_AS:
            link = source / "refcat" / name
            if not link.exists():
                link.symlink_to(Path("..") / name)
    return subprocess.run(
        [sys.executable, "-c", RUN.format(package=package), *map(str, arguments)],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )


def _differences(base: Path, head: Path) -> list[str]:
    base_files, head_files = _files(base), _files(head)
    lines = [f"only in base: {name}" for name in sorted(base_files - head_files)]
    lines += [f"only in head: {name}" for name in sorted(head_files - base_files)]
    for name in sorted(base_files & head_files):
        if not filecmp.cmp(base / name, head / name, shallow=False):
            lines.append(f"differs: {name}")
    return lines


def _files(folder: Path) -> set[str]:
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return {n for n in names if not any(fnmatch.fnmatch(n, v) for v in VARYING)}


if __name__ == "__main__":
    sys.exit(main())
