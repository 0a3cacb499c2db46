"""After a failed build: the live public catalog still loses what must come down.

A nightly build that fails (a rendering error, the leak guard, a full disk) must still
take an expired consent off the website. What must come down is decided by
generator.build.takedown; here it is carried out, in the order that shows least wrongly:
keep the previous catalog when it shows nothing that must come down; else swap in a
catalog of only what both the previous and the new review publish; else a page saying
the catalog is unavailable; else (not even that page could be written) no catalog.
The internal catalog, for the intranet, stays as it was.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from refcat.checks.run import Report
from refcat.generator.build.swap import swap_in
from refcat.generator.build.takedown import (
    NOTHING,
    read_manifest,
    takedown,
    takedown_lines,
    write_manifest,
)
from refcat.generator.build.unavailable import write_unavailable_site

# Builds the named catalogs from a review into a staging folder; why each failed one did.
Catalogs = Callable[[Report, Path, tuple[str, ...]], dict[str, str]]


@dataclass(frozen=True)
class Build:
    """Where one run of `refcat build` builds and writes, how, and where it reports."""

    settings: Path | None
    staging: Path
    output: Path
    out: TextIO
    catalogs: Catalogs


def go_live(staging: Path, output: Path) -> dict[str, str]:
    """Swap in the complete public catalog in `staging` and its manifest (written by the
    build beside it); the failure, if any.

    The manifest on disk always covers what is live: before the swap it lists both the
    previous catalog and this one, after it this one alone.
    """
    built, manifest = staging / "public", read_manifest(staging)
    if manifest is None:
        return {"public": "the build left no manifest of what it publishes"}
    try:
        write_manifest(output, (read_manifest(output) or NOTHING) | manifest)
        swap_in(built, output / "public")
    except OSError as error:
        return {"public": str(error)}
    with contextlib.suppress(OSError):  # the union written before still covers it
        write_manifest(output, manifest)
    return {}


def failed(
    report: Report,
    failures: dict[str, str],
    went_live: bool,
    audiences: tuple[str, ...],
    build: Build,
) -> int:
    """Say why the build failed and take down what must come down; the exit code."""
    # what the failed build left is of no use now, and a full disk needs its space
    shutil.rmtree(build.staging, ignore_errors=True)
    for name, reason in failures.items():
        build.out.write(f"Build failed ({name}): {reason}.\n")
    if went_live:
        build.out.write(f"Built {build.output / 'public' / 'index.html'}\n")
    changed = went_live or ("public" in failures and _take_down(report, build))
    if not changed:
        build.out.write("The previous output is unchanged.\n")
    elif "internal" in audiences:
        build.out.write("The previous internal catalog is unchanged.\n")
    return 1


def _take_down(report: Report, build: Build) -> bool:
    """Take down from the live public catalog what the new review no longer publishes;
    whether the live catalog changed."""
    if not (build.output / "public").exists():
        return False  # nothing is live
    found = takedown(read_manifest(build.output), report)
    if not found:
        build.out.write("The previous public catalog shows nothing that must come down.\n")
        return False
    for line in takedown_lines(found):
        build.out.write(f"{line}\n")
    if found.reduced is None:
        build.out.write("No record of what the previous public catalog shows: all of it goes.\n")
    else:
        reason = _reduced(found.reduced, build)
        if reason is None:
            count = len(found.reduced.published)
            noun = "reference" if count == 1 else "references"
            build.out.write(f"Published a reduced public catalog: {count} {noun}.\n")
            return True
        build.out.write(f"The reduced public catalog failed too: {reason}.\n")
    _unavailable(build)
    return True


def _reduced(reduced: Report, build: Build) -> str | None:
    """Build the reduced public catalog and swap it in; why it failed, if it did."""
    staging = build.staging / "reduced"
    failures = build.catalogs(reduced, staging, ("public",))
    if not failures:
        failures = go_live(staging, build.output)
    shutil.rmtree(staging, ignore_errors=True)  # a full disk needs the space next
    return failures.get("public")


def _unavailable(build: Build) -> None:
    """Swap in the page saying the catalog is unavailable; where even that cannot be
    written, remove the live public catalog."""
    live, folder = build.output / "public", build.staging / "unavailable"
    try:
        write_unavailable_site(folder, build.settings)
        swap_in(folder, live)
        page = live / "index.html"
        build.out.write(f"Published a page saying the catalog is unavailable: {page}\n")
    except Exception as error:  # a full disk, or a broken theme: nothing stale may stay
        build.staging.mkdir(exist_ok=True)
        live.rename(build.staging / "removed")
        shutil.rmtree(build.staging / "removed", ignore_errors=True)
        build.out.write(f"Removed the public catalog (no page could replace it: {error}).\n")
    with contextlib.suppress(OSError):  # else the previous manifest still covers what is live
        write_manifest(build.output, NOTHING)
