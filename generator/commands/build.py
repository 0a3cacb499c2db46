"""`refcat build`: review, then build each audience's catalog, swapped in only when complete.

Each audience is built by Pelican in its own process (Pelican keeps process-global
state) into a staging folder next to the output. A catalog is moved into place with a
rename only once it built, passed its leak guard and got its search index: a killed
build leaves the previous output untouched. The public catalog goes live as soon as it
is complete, the internal one only when every catalog asked for is; when the public
one fails, generator.build.fallback still takes down what the new review no longer publishes.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import sys
import time
import traceback
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TextIO

from checks.catalog import Catalog
from checks.logos import prepare as prepare_logos
from checks.run import Report, load_project, review
from generator.build import fallback
from generator.build.fallback import Build, go_live
from generator.build.markdown import prerender
from generator.build.swap import swap_in
from generator.build.takedown import site_manifest, write_manifest
from generator.build.workers import cores
from generator.formats import summary_line

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
    audiences = AUDIENCES[audience]
    report = _review(content, settings, as_of, audiences)
    out.write(f"Review: {summary_line(report)}\n")
    output.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(output)
    staging = output / f"{STAGING_PREFIX}{os.getpid()}"

    def catalogs(of: Report, folder: Path, names: tuple[str, ...]) -> dict[str, str]:
        return _build_all(of, content, settings, folder, names, out, progress)

    try:
        gc.freeze()  # the catalogs' processes share the review; see generator.build.workers
        # every catalog is built; the public one goes live as soon as it is complete
        failures = catalogs(report, staging, audiences)
        went_live = "public" in audiences and "public" not in failures
        if went_live:
            failures.update(go_live(staging, output))
            went_live = "public" not in failures
        if failures:  # what must come down still does: see generator.build.fallback
            build = Build(settings, staging, output, out, catalogs)
            return fallback.failed(report, failures, went_live, audiences, build)
        for name in audiences:
            if name != "public":
                swap_in(staging / name, output / name)
    finally:
        gc.unfreeze()
        shutil.rmtree(staging, ignore_errors=True)
    for name in audiences:
        out.write(f"Built {output / name / 'index.html'}\n")
    out.write(f"Done in {time.perf_counter() - started:.1f} s\n")
    return 1 if strict and report.errors else 0


def _review(
    content: Path, settings: Path | None, as_of: date, audiences: tuple[str, ...]
) -> Report:
    """The review, with the Markdown the catalogs show rendered (see generator.build.markdown).

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
        prepare_logos(c.logo for c in catalog.customers.values())

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
    import generator.internal.site
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
) -> dict[str, str]:
    """Build every audience at once, each in a forked process; why each that failed did."""
    context = multiprocessing.get_context("fork")
    yields = LONGEST in audiences
    workers = {}
    for name in audiences:
        receiver, sender = context.Pipe(duplex=False)
        args = (report, content, settings, staging / name, name, sender)
        worker = context.Process(
            target=_build_one, args=args, kwargs={"yields": yields and name != LONGEST}, name=name
        )
        worker.start()
        sender.close()
        workers[name] = (worker, receiver)
    failures = {}
    for name, (worker, receiver) in workers.items():
        worker.join()
        if worker.exitcode != 0:
            failures[name] = _reason(worker.exitcode, receiver)
        if progress:
            out.write(f"  {name} catalog {'failed' if name in failures else 'done'}\n")
    return failures


def _reason(exitcode: int | None, receiver: Connection) -> str:
    """Why a catalog's process failed: its error's first line, or how it ended."""
    try:
        if receiver.poll():
            return receiver.recv()
    except (EOFError, OSError):
        pass
    return f"its process ended with exit code {exitcode}"


def _build_one(
    report: Report,
    content: Path,
    settings: Path | None,
    target: Path,
    audience: str,
    failure: Connection,
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
        site = run_pelican(report, content, settings, target, audience)
        if audience == "public":  # what it shows, for a later failed build to take down
            write_manifest(target.parent, site_manifest(site))
    except Exception as error:  # the child reports and exits non-zero; the parent decides
        print(f"refcat: {audience} catalog: {error}", file=sys.stderr)
        if os.environ.get("REFCAT_DEBUG"):
            traceback.print_exc()
        sys.stderr.flush()
        lines = str(error).strip().splitlines() or [type(error).__name__]
        with contextlib.suppress(OSError):
            failure.send(lines[0].rstrip(":."))
        os._exit(1)


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
