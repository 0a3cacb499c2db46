"""Pagefind indexes search records into the site; the records stay outside it."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
from pathlib import Path

import pytest

from refcat.generator.build import search
from refcat.generator.build.search import SearchIndexError, start_search_index

RECORD = '<html lang="en"><body><main data-pagefind-body><h1>{}</h1></main></body></html>'


def _entry(site: Path) -> dict:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text())


def _indexed(site: Path) -> int:
    return sum(language["page_count"] for language in _entry(site)["languages"].values())


def _start(tmp_path: Path, records, site: Path | None = None) -> search.PendingIndex | None:
    return start_search_index(site or tmp_path / "site", records, tmp_path / "records")


def test_each_record_is_one_page_of_the_index_and_only_the_bundle_is_written(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    records = [(f"references/{name}.html", RECORD.format(name)) for name in ("a", "b", "c")]
    pending = _start(tmp_path, records)
    assert pending is not None
    pending.wait()
    assert _indexed(site) == 3
    assert [p.name for p in site.iterdir()] == ["pagefind"]


def test_records_are_private_and_outside_the_site(tmp_path):
    pending = _start(tmp_path, [("references/a.html", RECORD.format("a"))])
    assert pending is not None
    pending.wait()
    assert (tmp_path / "records").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "records" / "references" / "a.html").exists()
    assert not list((tmp_path / "site").rglob("a.html"))


def test_the_next_build_rewrites_records_and_drops_those_of_removed_pages(tmp_path):
    first = _start(tmp_path, [(f"references/{n}.html", RECORD.format(n)) for n in "abc"])
    assert first is not None
    first.wait()
    again = _start(tmp_path, [("references/a.html", RECORD.format("changed"))], tmp_path / "new")
    assert again is not None
    again.wait()
    folder = tmp_path / "records" / "references"
    assert [p.name for p in folder.iterdir()] == ["a.html"]
    assert "changed" in (folder / "a.html").read_text()
    assert _indexed(tmp_path / "new") == 1


def test_results_point_at_the_pages_paths(tmp_path):
    site = tmp_path / "site"
    pending = _start(tmp_path, [("references/kestrel-bank.html", RECORD.format("x"))])
    assert pending is not None
    pending.wait()
    fragments = list((site / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 1
    fragment = json.loads(gzip.decompress(fragments[0].read_bytes())[len(b"pagefind_dcd") :])
    assert fragment["url"] == "/references/kestrel-bank.html"


def test_no_records_no_index(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    assert _start(tmp_path, []) is None
    assert list(site.iterdir()) == []


def test_a_second_build_waits_until_pagefind_has_read_the_records(tmp_path):
    pending = _start(tmp_path, [("a.html", RECORD.format("a"))])
    assert pending is not None
    other = os.open(tmp_path / "records" / search.LOCK, os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        pending.wait()
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(other)


def test_a_cancelled_index_writes_nothing(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    records = [(f"r/{n}.html", RECORD.format(n)) for n in range(200)]
    pending = _start(tmp_path, records)
    assert pending is not None
    pending.cancel()
    assert pending.process.poll() is not None
    assert not (site / "pagefind" / "pagefind-entry.json").exists()


def test_a_failed_index_says_why(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    pending = _start(tmp_path, [("a.html", RECORD.format("a"))], blocked)
    assert pending is not None
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        pending.wait()


def test_a_record_that_fails_to_render_releases_the_records(tmp_path):
    def records():
        yield "a.html", RECORD.format("a")
        raise RuntimeError("a template failed")

    with pytest.raises(RuntimeError):
        _start(tmp_path, records())
    other = os.open(tmp_path / "records" / search.LOCK, os.O_RDWR)
    try:  # the next build is not locked out (a blocking wait would hang the test)
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(other)


def test_pagefind_gets_the_allocator_setting_unless_the_user_chose_one(monkeypatch):
    monkeypatch.delenv("_RJEM_MALLOC_CONF", raising=False)
    assert search._environment()["_RJEM_MALLOC_CONF"] == search.PAGEFIND_MALLOC
    monkeypatch.setenv("_RJEM_MALLOC_CONF", "narenas:1")
    assert search._environment()["_RJEM_MALLOC_CONF"] == "narenas:1"


def test_a_read_only_project_indexes_from_a_temporary_folder_removed_after(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    pending = start_search_index(tmp_path / "site", [("a.html", RECORD.format("a"))], blocked / "r")
    assert pending is not None and pending.records != blocked / "r"
    pending.wait()
    assert _indexed(tmp_path / "site") == 1
    assert not pending.records.exists()


def test_the_same_records_again_use_the_kept_index_without_running_pagefind(tmp_path):
    records = [(f"r/{n}.html", RECORD.format(n)) for n in "abc"]
    first = _start(tmp_path, records, tmp_path / "one")
    assert first is not None and first.process is not None
    first.wait()
    again = _start(tmp_path, records, tmp_path / "two")
    assert again is not None and again.process is None
    again.wait()
    one, two = (sorted((tmp_path / s / "pagefind").rglob("*")) for s in ("one", "two"))
    assert [p.relative_to(tmp_path / "one") for p in one] == [
        p.relative_to(tmp_path / "two") for p in two
    ]
    for old, new in zip(one, two, strict=True):  # the same files: links, not new copies
        assert old.is_dir() or old.stat().st_ino == new.stat().st_ino, old
    assert _indexed(tmp_path / "two") == 3


def test_a_changed_record_is_indexed_again(tmp_path):
    first = _start(tmp_path, [("a.html", RECORD.format("old"))], tmp_path / "one")
    assert first is not None
    first.wait()
    again = _start(tmp_path, [("a.html", RECORD.format("new"))], tmp_path / "two")
    assert again is not None and again.process is not None
    again.wait()
    fragment = next((tmp_path / "two" / "pagefind" / "fragment").iterdir())
    assert b"new" in gzip.decompress(fragment.read_bytes())
