"""The last line of defence: read every public output file for what must not be there.

Views already have no internal fields; this guard checks the result rather than the
intent. It looks for what identifies internal data (see generator.build.guard.needles):
e-mail addresses, phone numbers by their digits, names and titles that must not
appear as whole words, and internal texts that the public catalog does not show
anyway (see generator.build.guard.public_text). It reads every file of the public output, search
index included, in several decodings (see generator.build.guard.decode), and fails the build
on a find. It also fails on a file named after a hidden record or an anonymized
customer, and on a link to a hidden reference's page. Bundled assets (refcat's own
theme files, Pagefind's runtime) are not pages made from records: their text counts
as shown, and they are not read for needles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from refcat.checks.run import Report
from refcat.generator.build.guard.decode import read
from refcat.generator.build.guard.files import FileNames, hidden_references, is_asset
from refcat.generator.build.guard.needles import needles
from refcat.generator.build.guard.search import Search, Shown
from refcat.generator.build.guard.verdict_cache import cached_scan


class LeakError(Exception):
    def __init__(self, leaks: list[str]) -> None:
        shown = "\n  ".join(leaks[:20])
        more = f"\n  ... and {len(leaks) - 20} more" if len(leaks) > 20 else ""
        super().__init__(f"Leak guard: internal data in the public output:\n  {shown}{more}")
        self.leaks = leaks
        self.files = sorted({leak.partition(": ")[0] for leak in leaks})  # relative paths


def find_leaks(
    output: Path,
    report: Report,
    public_texts: Iterable[str],
    drawn: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> list[str]:
    """Each leak as "<path relative to output>: <what leaked>", by file. `drawn` holds the
    texts drawn into images (output path -> text): read instead of the image's bytes.
    `cache` keeps the files found clean, not read again while they and the search stay
    the same (see generator.build.guard.verdict_cache)."""
    drawn = drawn or {}
    files = {p.relative_to(output).as_posix(): p for p in output.rglob("*") if p.is_file()}
    static = _theme_static()
    assets = {r for r, path in files.items() if is_asset(r, path, static)}
    shown = Shown(public_texts, (read(files[r]) for r in sorted(assets)))
    hidden = [reference.lower() for reference in hidden_references(report)]
    search = Search(needles(report), shown, hidden)
    names = FileNames(report)
    pages = sorted(set(files) - assets)
    scanned = dict(zip(pages, cached_scan(search, files, drawn, pages, cache), strict=True))
    found = {relative: needles_found for relative, (needles_found, _) in scanned.items()}
    links = {relative: linked for relative, (_, linked) in scanned.items()}
    cleared = search.juxtaposed(set().union(*found.values()))
    leaks = []
    for relative in sorted(found):
        wheres = {w for f in found[relative] - cleared for w in search.wheres[f]}
        leaks += [f"{relative}: {leak}" for leak in names.leaks(relative)]
        leaks += [f"{relative}: {w}" for w in sorted(wheres, key=search.rank.__getitem__)]
        leaks += [f"{relative}: a link to {link}, which is not public" for link in links[relative]]
    return leaks


def _theme_static() -> Path:
    from refcat.generator.build.site import BUILTIN_THEME  # the sites run this guard: import on use

    return BUILTIN_THEME / "static"
