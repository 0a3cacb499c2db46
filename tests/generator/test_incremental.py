"""Rebuilds write only what changed: a live file whose bytes a rebuild did not change
keeps its inode and modification time, so `rsync` and CDN uploads carry only real
changes; the live output is never written in place, and the swap stays atomic."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from refcat.generator.build import keep_unchanged as keeping
from refcat.generator.build import swap
from refcat.generator.build.keep_unchanged import keep_unchanged
from refcat.generator.build.swap import swap_in
from refcat.generator.commands import build
from tests.factories import AS_OF, Project, day
from tests.generator.program import large_program, snapshot

# Pagefind writes filter values in hash-map order (see tests/generator/program.py): its
# filter files, and the meta and entry files naming them, may differ between two indexes
# of the same records. An unchanged rebuild uses the index kept from the last build
# again (generator.build.search_bundle); a changed record makes a new one.
PAGEFIND_UNSTABLE = re.compile(
    r"^public/pagefind/(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)$"
)
CHANGED_PAGE = "public/references/reference-0003/index.html"


def files(output: Path) -> dict[str, tuple[int, int]]:
    """Each file of both catalogs: its inode and modification time (ns)."""
    return {
        p.relative_to(output).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for audience in ("public", "internal")
        for p in sorted((output / audience).rglob("*"))
        if p.is_file()
    }


def both(output: Path) -> dict[str, bytes]:
    return {
        f"{a}/{name}": data
        for a in ("public", "internal")
        for name, data in snapshot(output / a).items()
    }


def renewed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """Files that are new or have a new inode."""
    return {name for name, (inode, _) in after.items() if before.get(name, (None,))[0] != inode}


def run_build(project: Project, output: Path, as_of: date = AS_OF) -> None:
    out = io.StringIO()
    assert build.run(project.content, project.settings, as_of, output, out) == 0, out.getvalue()


@dataclass
class Rebuilds:
    """One program built, rebuilt unchanged, then rebuilt after one record changed."""

    first: dict[str, tuple[int, int]]
    first_bytes: dict[str, bytes]
    unchanged: dict[str, tuple[int, int]]
    changed: dict[str, tuple[int, int]]
    changed_bytes: dict[str, bytes]
    old_inodes: Path  # hard links to every file of the first build, made before the rebuilds
    held: bytes  # read after the rebuilds through a handle opened on the first build


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory: pytest.TempPathFactory) -> Rebuilds:
    root = tmp_path_factory.mktemp("incremental")
    project, output = large_program(root, 12), root / "output"
    run_build(project, output)
    first, first_bytes = files(output), both(output)
    old_inodes = root / "old-inodes"
    for audience in ("public", "internal"):
        shutil.copytree(output / audience, old_inodes / audience, copy_function=os.link)
    with (output / CHANGED_PAGE).open("rb") as handle:
        run_build(project, output)
        unchanged = files(output)
        project.reference(
            "reference-0003", customer="customer-03", title="Changed title", body="A new story.\n"
        )
        run_build(project, output)
        held = handle.read()
    return Rebuilds(first, first_bytes, unchanged, files(output), both(output), old_inodes, held)


def test_an_unchanged_rebuild_keeps_every_file_and_its_modification_time(rebuilds):
    assert len(rebuilds.first) > 50
    assert any(PAGEFIND_UNSTABLE.match(n) for n in rebuilds.first)
    assert rebuilds.unchanged == rebuilds.first  # the search index's files too


def test_after_one_record_changed_only_the_files_whose_bytes_changed_are_new(rebuilds):
    new = renewed(rebuilds.unchanged, rebuilds.changed)
    differ = {
        n for n, data in rebuilds.changed_bytes.items() if rebuilds.first_bytes.get(n) != data
    }
    assert CHANGED_PAGE in differ and "internal/references/reference-0003.html" in differ
    assert differ <= new
    assert new - differ <= {n for n in new if PAGEFIND_UNSTABLE.match(n)}
    for name in set(rebuilds.changed) - new:  # a kept file keeps its modification time too
        assert rebuilds.changed[name] == rebuilds.unchanged[name], name
    # 12 references of one industry: each page links to the changed one as related
    assert len(new) < len(rebuilds.changed) / 3


def test_the_live_output_is_never_written_in_place(rebuilds):
    # every inode of the first build still holds the bytes it held then
    for name, data in rebuilds.first_bytes.items():
        assert (rebuilds.old_inodes / name).read_bytes() == data, name
    assert rebuilds.held == rebuilds.first_bytes[CHANGED_PAGE]
    assert b"Changed title" in rebuilds.changed_bytes[CHANGED_PAGE]


# Pages that are about the review itself, and the script that tells every other page the
# date: what a rebuild a day later may rewrite when no record's state changed.
DATED = re.compile(
    r"^internal/(as-of\.js|dashboard\.html|find\.html|worklist(\.html|/.*)|findings(\.html|/.*)"
    r"|data/.*)(\.gz)?$"
)


@pytest.fixture(scope="module")
def day_later(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, dict, dict]:
    """A program built, then rebuilt the next day: files (inode, mtime) and bytes of both."""
    root = tmp_path_factory.mktemp("day-later")
    project, output = large_program(root, 12), root / "output"
    run_build(project, output)
    first, first_bytes = files(output), both(output)
    run_build(project, output, AS_OF + timedelta(days=1))
    return first, first_bytes, files(output), both(output)


def test_a_rebuild_a_day_later_keeps_every_page_that_does_not_depend_on_the_date(day_later):
    first, first_bytes, later, later_bytes = day_later
    differ = {n for n, data in later_bytes.items() if first_bytes.get(n) != data}
    assert "internal/as-of.js" in differ and "internal/dashboard.html" in differ
    assert {n for n in differ if not DATED.match(n)} == set()
    kept = set(later) - differ
    assert any(n.startswith("internal/customers/") for n in kept)
    assert len(kept) > 0.9 * len(later)
    for name in kept:  # the same inode and modification time: not uploaded again
        assert later[name] == first[name], name


@pytest.fixture(scope="module")
def reranked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, dict, dict]:
    """A program built, then rebuilt the next day, when one customer's rating review falls
    due: its reference, first in the ranking, is no longer usable and ranks last."""
    root = tmp_path_factory.mktemp("reranked")
    project, output = large_program(root, 12), root / "output"
    rating = {"grade": "A", "reviewed": day(-365)}  # due the next day
    project.customer("customer-00", name="Customer 00 Bank", rating=rating)
    run_build(project, output)
    first, first_bytes = files(output), both(output)
    run_build(project, output, AS_OF + timedelta(days=1))
    return first, first_bytes, files(output), both(output)


def row_ids(output_bytes: dict[str, bytes]) -> list[str]:
    index = json.loads(output_bytes["internal/data/references.json"])
    return [row[0] for row in index["references"]]


def test_a_new_ranking_the_next_day_keeps_every_chunk_of_the_word_index(reranked):
    """The ranking moves with the date, the searchable texts do not: every chunk keeps
    its inode and modification time; only the map from positions to rows changes."""
    first, first_bytes, later, later_bytes = reranked
    assert row_ids(first_bytes)[0] == "reference-0000" == row_ids(later_bytes)[-1]
    chunks = {n for n in later if n.startswith("internal/data/words/")}
    assert len(chunks) > 20
    for name in chunks:
        assert later[name] == first[name], name
    rows = "internal/data/word-rows.json"
    assert later_bytes[rows] != first_bytes[rows]


# -- keeping files, on plain folders -------------------------------------------------------


def tree(root: Path, contents: dict[str, bytes]) -> Path:
    for name, data in contents.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def inode(path: Path) -> int:
    return path.stat().st_ino


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    live = tree(
        tmp_path / "live",
        {
            "same.html": b"same",
            "a/deep.css": b"x" * 3_000_000,
            "size.html": b"short",
            "bytes.html": b"abcd",
            "gone.html": b"old",
        },
    )
    built = tree(
        tmp_path / "built",
        {
            "same.html": b"same",
            "a/deep.css": b"x" * 3_000_000,
            "size.html": b"longer",
            "bytes.html": b"abce",
            "new.html": b"n",
        },
    )
    return built, live


def test_only_files_with_equal_bytes_are_kept(folders):
    built, live = folders
    before = {n: inode(live / n) for n in ("same.html", "a/deep.css", "size.html", "bytes.html")}
    swap_in(built, live)
    assert inode(live / "same.html") == before["same.html"]
    assert inode(live / "a/deep.css") == before["a/deep.css"]
    assert inode(live / "size.html") != before["size.html"]
    assert (live / "size.html").read_bytes() == b"longer"
    assert (live / "bytes.html").read_bytes() == b"abce"
    assert sorted(p.name for p in live.rglob("*") if p.is_file()) == [
        "bytes.html",
        "deep.css",
        "new.html",
        "same.html",
        "size.html",
    ]
    assert not built.exists()


def test_where_folders_cannot_be_exchanged_the_renames_keep_files_too(folders, monkeypatch):
    built, live = folders
    before = inode(live / "same.html")
    monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    swap_in(built, live)
    assert inode(live / "same.html") == before
    assert (live / "new.html").read_bytes() == b"n"
    assert not live.with_name("built.previous").exists()


def test_without_hard_links_every_file_is_written_as_built(folders, monkeypatch):
    built, live = folders

    def other_device(*args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(keeping.os, "link", other_device)
    before = inode(live / "same.html")
    assert keep_unchanged(built, live) == 0
    swap_in(built, live)
    assert inode(live / "same.html") != before
    assert (live / "same.html").read_bytes() == b"same"
    assert not list(live.rglob(f"*{keeping.TEMPORARY}"))


def test_a_symbolic_link_is_never_followed(tmp_path):
    secret = tree(tmp_path / "elsewhere", {"secret.txt": b"same"}) / "secret.txt"
    live = tmp_path / "live"
    live.mkdir()
    (live / "page.html").symlink_to(secret)
    built = tree(tmp_path / "built", {"page.html": b"same"})
    assert keep_unchanged(built, live) == 0
    assert not (built / "page.html").is_symlink()


def test_a_first_build_has_nothing_to_keep(tmp_path):
    built = tree(tmp_path / "built", {"index.html": b"home"})
    assert keep_unchanged(built, tmp_path / "live") == 0
    swap_in(built, tmp_path / "live")
    assert (tmp_path / "live" / "index.html").read_bytes() == b"home"
