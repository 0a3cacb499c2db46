"""`refcat build`: review, then build each audience's catalog, swapped in only when complete.

Each audience is built by Pelican in its own process (Pelican keeps process-global
state) into a staging folder next to the output. Only when every requested catalog
built, passed its leak guard and got its search index is each one moved into place
with a rename; a failed or killed build leaves the previous output untouched.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import multiprocessing
import os
import shutil
import sys
import time
import traceback
from datetime import date
from pathlib import Path
from typing import TextIO

from checks.catalog import Catalog
from checks.run import Report, load_project, review
from generator.formats import summary_line
from generator.markdown import prerender
from generator.workers import cores

AUDIENCES = {"both": ("public", "internal"), "public": ("public",), "internal": ("internal",)}
# The internal catalog has every reference and takes longest; built beside it, the public
# one yields the processor to it and runs on what is left (in particular while Pagefind
# indexes the internal catalog, mostly on one core).
LONGEST = "internal"
YIELDING = 10  # nice increment
STAGING_PREFIX = ".refcat-build-"


def run(
    content: Path,
    settings: Path | None,
    as_of: date,
    output: Path,
    out: TextIO,
    *,
    audience: str = "both",
    strict: bool = False,
    progress: bool = False,
) -> int:
    started = time.perf_counter()
    report = _review(content, settings, as_of, AUDIENCES[audience])
    out.write(f"Review: {summary_line(report)}\n")
    output.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(output)
    staging = output / f"{STAGING_PREFIX}{os.getpid()}"
    try:
        gc.freeze()  # the catalogs' processes share the review; see generator.workers
        failed = _build_all(report, content, settings, staging, AUDIENCES[audience], out, progress)
        if failed:
            out.write(f"Build failed ({', '.join(failed)}); the previous output is unchanged.\n")
            return 1
        for name in AUDIENCES[audience]:
            _swap_in(staging / name, output / name)
    finally:
        gc.unfreeze()
        shutil.rmtree(staging, ignore_errors=True)
    for name in AUDIENCES[audience]:
        out.write(f"Built {output / name / 'index.html'}\n")
    out.write(f"Done in {time.perf_counter() - started:.1f} s\n")
    return 1 if strict and report.errors else 0


def _review(
    content: Path, settings: Path | None, as_of: date, audiences: tuple[str, ...]
) -> Report:
    """The review, with the Markdown the catalogs show rendered (see generator.markdown).

    Markdown is rendered once for both catalogs, on every core, and the catalogs'
    processes inherit it. The internal catalog shows every text, so their rendering
    starts before the review and this process reviews meanwhile; which stories the
    public catalog shows is known only after the review.
    """
    catalog, policy = load_project(content, settings)
    reviewed: list[Report] = []

    def review_and_import() -> None:
        reviewed.append(review(catalog, policy, as_of))
        _import_builders()

    if "internal" in audiences:
        prerender(internal_texts(catalog), cores(), review_and_import)
    else:
        review_and_import()
        published = reviewed[0].published
        prerender([catalog.references[r].body for r in sorted(published)], cores())
    return reviewed[0]


def _import_builders() -> None:
    """Pelican and the catalogs' modules, imported once here while Markdown renders,
    rather than by each catalog's process after the fork."""
    import generator.internal_site
    import generator.pelican_plugin  # noqa: F401


def internal_texts(catalog: Catalog) -> list[str]:
    """The Markdown the internal catalog renders: stories, caveats and notes (the public
    catalog shows some of the stories)."""
    texts = [r.body for r in catalog.references.values()]
    texts += [r.reference.caveats or "" for r in catalog.references.values()]
    return texts + [c.customer.notes or "" for c in catalog.customers.values()]


def _build_all(
    report: Report,
    content: Path,
    settings: Path | None,
    staging: Path,
    audiences: tuple[str, ...],
    out: TextIO,
    progress: bool,
) -> list[str]:
    """Build every audience at once, each in a forked process; the names that failed."""
    context = multiprocessing.get_context("fork")
    yields = LONGEST in audiences
    workers = {
        name: context.Process(
            target=_build_one,
            args=(report, content, settings, staging / name, name, yields and name != LONGEST),
            name=name,
        )
        for name in audiences
    }
    for worker in workers.values():
        worker.start()
    for name, worker in workers.items():
        worker.join()
        if progress:
            state = "done" if worker.exitcode == 0 else "failed"
            out.write(f"  {name} catalog {state}\n")
    return [name for name, worker in workers.items() if worker.exitcode != 0]


def _build_one(
    report: Report,
    content: Path,
    settings: Path | None,
    target: Path,
    audience: str,
    yields: bool = False,
) -> None:
    """Runs in a child process: Pelican builds one audience into `target`."""
    try:
        from generator.pelican_plugin import run_pelican

        if yields:
            os.nice(YIELDING)
        # A short-lived process of mostly acyclic objects (views, pages): the collector
        # would only walk them again and again (a third of the internal views' time)
        gc.disable()
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - Pelican's chatter; errors: stderr
        run_pelican(report, content, settings, target, audience)
    except Exception as error:  # the child reports and exits non-zero; the parent keeps output
        print(f"refcat: {audience} catalog: {error}", file=sys.stderr)
        if os.environ.get("REFCAT_DEBUG"):
            traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)


def _swap_in(built: Path, target: Path) -> None:
    """Replace `target` with `built`, so a reader never sees half a catalog.

    Where the system can exchange two folders in one step (Linux), `target` is never
    missing, not even for an instant; elsewhere two renames leave a short gap.
    """
    if target.exists() and _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)  # holds the previous catalog now
        return
    previous = built.with_name(built.name + ".previous")
    if target.exists():
        target.rename(previous)
    built.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _remove_stale_staging(output: Path) -> None:
    """Staging folders of builds that were killed: their process is gone."""
    for folder in output.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX)
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
