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
import multiprocessing
import os
import shutil
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TextIO, TypedDict, Unpack

from refcat.checks.logos import prepare as prepare_logos
from refcat.checks.run import Report, load_project, review
from refcat.generator import gc_policy
from refcat.generator.brand_site import check_brand
from refcat.generator.build import fallback
from refcat.generator.build.fallback import Build, go_live
from refcat.generator.build.markdown import prerender
from refcat.generator.build.sites import markdown_texts
from refcat.generator.build.state import CatalogBuild
from refcat.generator.build.swap import swap_in
from refcat.generator.build.takedown import site_manifest, write_manifest
from refcat.generator.build.workers import cores
from refcat.generator.formats import summary_line
from refcat.generator.terminal import Progress

AUDIENCES = {"both": ("public", "internal"), "public": ("public",), "internal": ("internal",)}
# The internal catalog has every reference and takes longest; built beside it, the public
# one yields the processor to it and runs on what is left.
LONGEST = "internal"
YIELDING = 10  # nice increment
STAGING_PREFIX = ".refcat-build-"


class BuildOptions(TypedDict, total=False):
    audience: str  # "public", "internal" or "both" (the default)
    strict: bool  # exit 1 when the review has an error finding
    progress: bool  # show the phases on standard error, a terminal


def run(
    content: Path,
    settings: Path | None,
    as_of: date,
    output: Path,
    out: TextIO,
    **options: Unpack[BuildOptions],
) -> int:
    started = time.perf_counter()
    audiences = AUDIENCES[options.get("audience", "both")]
    check_brand(settings, content)  # a bad REFCAT_BRAND stops the build before the review
    # review: findings, what is published, and the Markdown the catalogs show, rendered
    progress = Progress(sys.stderr if options.get("progress") else None)
    progress.begin("review")
    report = _review(content, settings, as_of, audiences)
    progress.end(f"review: {summary_line(report)}")
    staging = _staging(output)
    catalogs = CatalogBuilder(content, settings, out, progress)
    try:
        gc_policy.before_fork()  # the catalogs' processes share the review
        progress.begin(f"catalogs: {', '.join(audiences)}")
        # views, render, search, sitemap, leak guard: each catalog built by Pelican in a
        # process of its own (generator.pelican_plugin) into the staging folder
        failures = catalogs(report, staging, audiences)
        # swap: the public catalog goes live as soon as it is complete ...
        went_live = _public_goes_live(staging, output, audiences, failures)
        if failures:  # ... what must come down still does: see generator.build.fallback
            progress.end(f"failed: {', '.join(failures)}")
            out.write(f"Review: {summary_line(report)}\n")
            build = Build(settings, staging, output, out, catalogs)
            return fallback.failed(report, failures, went_live, audiences, build)
        # ... the others once every catalog asked for is
        for name in audiences:
            if name != "public":
                swap_in(staging / name, output / name)
        progress.end(f"live: {', '.join(audiences)}")
    finally:
        gc_policy.after_forks()
        shutil.rmtree(staging, ignore_errors=True)
    built = " and ".join(str(output / name / "index.html") for name in audiences)
    seconds = time.perf_counter() - started
    out.write(f"Built {built} in {seconds:.1f} s; {summary_line(report)}\n")
    return 1 if options.get("strict") and report.errors else 0


def _review(
    content: Path, settings: Path | None, as_of: date, audiences: tuple[str, ...]
) -> Report:
    """The review, with the Markdown the catalogs show rendered (see generator.build.markdown).

    Markdown is rendered once for both catalogs, on every core, and the catalogs'
    processes inherit it. Each catalog declares the texts it renders (its site module's
    `markdown_texts`): those known from the records alone (every text the internal
    catalog shows) start rendering before the review and this process reviews meanwhile;
    which stories the public catalog shows is known only after the review.
    """
    with gc_policy.for_review():
        catalog, policy = load_project(content, settings)
    reviewed: list[Report] = []

    def review_and_import() -> None:
        reviewed.append(review(catalog, policy, as_of))
        _import_builders()
        prepare_logos(c.logo for c in catalog.customers.values())

    prerender(markdown_texts(audiences, catalog, None), cores(), review_and_import)
    gc_policy.before_fork()  # the review too: the renderers are forked
    prerender(markdown_texts(audiences, catalog, reviewed[0]), cores())
    return reviewed[0]


def _import_builders() -> None:
    """Pelican and the catalogs' modules, imported once here while Markdown renders,
    rather than by each catalog's process after the fork."""
    import refcat.generator.internal.site
    import refcat.generator.pelican_plugin  # noqa: F401


def _staging(output: Path) -> Path:
    """This build's staging folder beside the output (not made yet); stale ones removed."""
    output.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(output)
    return output / f"{STAGING_PREFIX}{os.getpid()}"


def _public_goes_live(
    staging: Path, output: Path, audiences: tuple[str, ...], failures: dict[str, str]
) -> bool:
    """Swap in the public catalog when it is complete; whether it went live (when it
    failed to, `failures` says why)."""
    if "public" not in audiences or "public" in failures:
        return False
    failures.update(go_live(staging, output))
    return "public" not in failures


@dataclass(frozen=True)
class CatalogBuilder:
    """Builds catalogs from a review into a staging folder: this run's, and the reduced
    public catalog of generator.build.fallback."""

    content: Path
    settings: Path | None
    out: TextIO
    progress: Progress

    def __call__(self, report: Report, staging: Path, audiences: tuple[str, ...]) -> dict[str, str]:
        """Build every audience at once, each in a forked process; why each that failed did."""
        context = multiprocessing.get_context("fork")
        yields = LONGEST in audiences
        workers = {}
        for name in audiences:
            receiver, sender = context.Pipe(duplex=False)
            args = (self, CatalogBuild(name, report), staging / name, sender)
            kwargs = {"yields": yields and name != LONGEST}
            worker = context.Process(target=_build_one, args=args, kwargs=kwargs, name=name)
            worker.start()
            sender.close()
            workers[name] = (worker, receiver)
        failures = {}
        for name, (worker, receiver) in _as_they_end(workers):
            worker.join()
            if worker.exitcode != 0:
                failures[name] = _reason(worker.exitcode, receiver)
            if self.progress.live:  # counting pages takes a moment at 10,000 references
                self.progress.step(_outcome(name, staging / name, failures))
        return {name: failures[name] for name in workers if name in failures}


def _as_they_end(
    workers: dict[str, tuple[BaseProcess, Connection]],
) -> Iterator[tuple[str, tuple[BaseProcess, Connection]]]:
    """The catalogs' processes in the order they end, so that progress says so at once."""
    running = dict(workers)
    while running:
        ended = wait([worker.sentinel for worker, _ in running.values()])
        for name in [n for n, (worker, _) in running.items() if worker.sentinel in ended]:
            yield name, running.pop(name)


def _outcome(name: str, folder: Path, failures: dict[str, str]) -> str:
    """One catalog's line of progress: its pages, or that it failed."""
    if name in failures:
        return f"{name} catalog failed"
    return f"{name} catalog: {sum(1 for _ in folder.rglob('*.html'))} pages"


def _reason(exitcode: int | None, receiver: Connection) -> str:
    """Why a catalog's process failed: its error's first line, or how it ended."""
    try:
        if receiver.poll():
            return receiver.recv()
    except (EOFError, OSError):
        pass
    return f"its process ended with exit code {exitcode}"


def _build_one(
    builder: CatalogBuilder,
    build: CatalogBuild,
    target: Path,
    failure: Connection,
    yields: bool = False,
) -> None:
    """Runs in a child process: Pelican builds one audience into `target`."""
    try:
        from refcat.generator.pelican_plugin import run_pelican

        if yields:
            os.nice(YIELDING)
        gc_policy.in_worker()
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - Pelican's chatter; errors: stderr
        site = run_pelican(build, builder.content, builder.settings, target)
        if build.audience == "public":  # what it shows, for a later failed build to take down
            write_manifest(target.parent, site_manifest(site))
    except Exception as error:  # the child reports and exits non-zero; the parent decides
        print(f"refcat: {build.audience} catalog: {error}", file=sys.stderr)
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
