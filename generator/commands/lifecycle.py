"""`refcat lifecycle update [PRODUCT ...]`: refresh `content/lifecycle/` from endoflife.date.

Every product is fetched and edited in memory before anything is written, so a network
error or a file that cannot be edited leaves the content as it was (exit 2). Then the
files that change are replaced atomically, and the report says, per product, which
releases' end of life moved, which releases came or went, which references run on
them, and what that does to the review as of the given day.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.days import check_as_of
from refcat.checks.policy import ConfigError
from refcat.checks.run import Report, load_policy, review_project
from refcat.generator.arguments import day, settings_file
from refcat.generator.lifecycle import changes, edit, releases, source
from refcat.generator.lifecycle.releases import LifecycleError
from refcat.generator.lifecycle.source import SourceError

EOL_RULES = ("technology-eol", "technology-eol-soon")
SUFFIXES = (".md", ".yaml", ".yml")


@dataclass(frozen=True)
class Options:
    products: tuple[str, ...] = ()  # empty: every product in the lifecycle folder
    checkout: Path | None = None  # a checkout of endoflife.date; None: the API
    api: str = source.API
    dry_run: bool = False


@dataclass(frozen=True)
class Update:
    path: Path
    raw: bytes  # the file as read: it must still be this when it is replaced
    text: bytes  # the file as it will be
    change: changes.ProductChange


def options(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    update = actions.add_parser("update", help="refresh lifecycle files from endoflife.date")
    update.add_argument("products", nargs="*", metavar="PRODUCT", help="default: every product")
    where = update.add_mutually_exclusive_group()
    where.add_argument(
        "--from", dest="checkout", type=Path, metavar="DIR", help="a checkout of endoflife.date"
    )
    where.add_argument("--api", default=source.API, metavar="URL", help="the API v1's base URL")
    update.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    update.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    update.add_argument("--settings", type=Path, default=None, help="Pelican settings")
    update.add_argument("--as-of", type=day, default=None, help="review as of (default: today)")


def handle(args: argparse.Namespace, as_of: date, out: TextIO) -> int:
    check_as_of(as_of, load_policy(settings_file(args)), None)
    chosen = Options(tuple(args.products), args.checkout, args.api, args.dry_run)
    return run(args.content, settings_file(args), as_of, out, chosen)


def run(content: Path, settings: Path | None, as_of: date, out: TextIO, chosen: Options) -> int:
    files = _products(content / "lifecycle", chosen.products)
    try:
        updates = [_update(product, path, chosen) for product, path in files.items()]
    except (SourceError, LifecycleError) as error:
        print(f"refcat: {error}", file=sys.stderr)
        return 2
    before = review_project(content, settings, as_of, cache=False)
    after = _review_after(content, settings, as_of, updates, chosen.dry_run)
    _report(updates, before, after, out)
    written = sum(1 for u in updates if u.change.rewritten)
    done = "dry run: nothing written" if chosen.dry_run else f"{written} file(s) written"
    out.write(f"{len(updates)} product(s) checked, {done}\n")
    return 0


def _products(folder: Path, asked: tuple[str, ...]) -> dict[str, Path]:
    """The lifecycle files to refresh, by product; an unknown product is a usage error."""
    if not folder.is_dir():
        raise ConfigError(f"{folder}: lifecycle folder not found")
    files = {p.stem: p for p in sorted(folder.iterdir()) if p.suffix in SUFFIXES and p.is_file()}
    unknown = [product for product in asked if product not in files]
    if unknown:
        raise ConfigError(f"{folder}: no lifecycle file for {', '.join(unknown)}")
    return {product: files[product] for product in asked} if asked else files


def _update(product: str, path: Path, chosen: Options) -> Update:
    raw = path.read_bytes()
    yaml_only = path.suffix != ".md"
    current = releases.read(_decoded(raw, path), str(path), yaml_only)
    if chosen.checkout is not None and not yaml_only:
        fresh_file = source.checkout_file(chosen.checkout, product)
        text = fresh_file.read_bytes()  # as endoflife.date wrote it, byte for byte
        new = releases.read(_decoded(text, fresh_file), str(fresh_file)).releases
    else:
        fresh = _fresh_releases(product, chosen)
        edited, new = edit.apply(current, fresh)
        releases.verify(edited, str(path), new, yaml_only)
        text = edited.encode("utf-8")
    change = changes.compare(product, current.releases, new, rewritten=text != raw)
    return Update(path, raw, text, change)


def _fresh_releases(product: str, chosen: Options) -> list[source.Release]:
    if chosen.checkout is None:
        return source.from_api(chosen.api, product)
    fresh_file = source.checkout_file(chosen.checkout, product)
    return releases.read(_decoded(fresh_file.read_bytes(), fresh_file), str(fresh_file)).releases


def _decoded(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LifecycleError(f"{path}: not UTF-8 text") from None


def _review_after(
    content: Path, settings: Path | None, as_of: date, updates: list[Update], dry_run: bool
) -> Report:
    """The review with the new files: in place, or of a scratch copy on a dry run."""
    if not dry_run:
        for update in updates:
            if update.change.rewritten:
                _replace(update)
        return review_project(content, settings, as_of, cache=False)
    with tempfile.TemporaryDirectory(prefix="refcat-lifecycle-") as scratch:
        copy = Path(scratch) / "content"
        shutil.copytree(content, copy)
        for update in updates:
            (copy / update.path.relative_to(content)).write_bytes(update.text)
        return review_project(copy, settings, as_of, cache=False)


def _replace(update: Update) -> None:
    """Write atomically, and never over a file someone changed since it was read."""
    path = update.path
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(update.text)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(path.stat().st_mode & 0o7777)
        if path.read_bytes() != update.raw:
            raise ConfigError(f"{path} changed on disk while updating; it was left as it is")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _report(updates: list[Update], before: Report, after: Report, out: TextIO) -> None:
    for update in updates:
        change = update.change
        state = "updated" if change.rewritten else "unchanged"
        out.write(f"{change.product}: {state}\n")
        out.writelines(f"{line}\n" for line in change.lines())
        affected = _affected(before, change)
        if affected:
            out.write(f"  references affected: {', '.join(affected)}\n")
    _findings(out, "new findings", _eol_findings(after) - _eol_findings(before))
    _findings(out, "findings gone", _eol_findings(before) - _eol_findings(after))


def _affected(report: Report, change: changes.ProductChange) -> list[str]:
    """References running on a release whose end of life moved or that was removed."""
    cycles = {f"{change.product}@{cycle}" for cycle in change.cycles}
    return sorted(
        record.reference.id
        for record in report.catalog.references.values()
        if cycles & set(record.reference.technologies)
    )


def _eol_findings(report: Report) -> set[tuple[str, str, str, str]]:
    """Lifecycle findings, keyed without their path: a dry run reviews a scratch copy."""
    return {
        (f.severity, f.rule, f.record, f.message) for f in report.findings if f.rule in EOL_RULES
    }


def _findings(out: TextIO, title: str, found: set[tuple[str, str, str, str]]) -> None:
    if found:
        out.write(f"{title}:\n")
        out.writelines(
            f"  {sev} {rule} {record}: {msg}\n" for sev, rule, record, msg in sorted(found)
        )
