"""Pagefind indexes search records into the site; the records never reach the site."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator import search
from generator.search import SearchIndexError, start_search_index

RECORD = '<html lang="en"><body><main data-pagefind-body><h1>{}</h1></main></body></html>'


def _entry(site: Path) -> dict:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text())


def _indexed(site: Path) -> int:
    return sum(language["page_count"] for language in _entry(site)["languages"].values())


def test_each_record_is_one_page_of_the_index_and_only_the_bundle_is_written(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    records = [(f"references/{name}.html", RECORD.format(name)) for name in ("a", "b", "c")]
    pending = start_search_index(site, records)
    assert pending is not None
    pending.wait()
    assert _indexed(site) == 3
    assert [p.name for p in site.iterdir()] == ["pagefind"]
    assert pending.records.parent == tmp_path  # beside the site, on its disk
    assert list(tmp_path.iterdir()) == [site]  # and gone


def test_results_point_at_the_pages_paths(tmp_path):
    site = tmp_path / "site"
    pending = start_search_index(site, [("references/kestrel-bank.html", RECORD.format("x"))])
    assert pending is not None
    pending.wait()
    fragments = list((site / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 1
    fragment = json.loads(gzip.decompress(fragments[0].read_bytes())[len(b"pagefind_dcd") :])
    assert fragment["url"] == "/references/kestrel-bank.html"


def test_no_records_no_index(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    assert start_search_index(site, []) is None
    assert list(site.iterdir()) == []


def test_a_cancelled_index_writes_nothing_and_leaves_no_records(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    records = [(f"r/{n}.html", RECORD.format(n)) for n in range(200)]
    pending = start_search_index(site, records)
    assert pending is not None
    pending.cancel()
    assert pending.process.poll() is not None
    assert not pending.records.exists()


def test_a_failed_index_says_why(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    pending = start_search_index(blocked, [("a.html", RECORD.format("a"))])
    assert pending is not None
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        pending.wait()
    assert not pending.records.exists()


def test_a_record_that_fails_to_render_leaves_no_records_behind(tmp_path, monkeypatch):
    made: list[str] = []
    real_mkdtemp = __import__("tempfile").mkdtemp

    def mkdtemp(**kwargs: str) -> str:
        made.append(real_mkdtemp(**kwargs))
        return made[-1]

    monkeypatch.setattr("generator.search.tempfile.mkdtemp", mkdtemp)

    def records():
        yield "a.html", RECORD.format("a")
        raise RuntimeError("a template failed")

    with pytest.raises(RuntimeError):
        start_search_index(tmp_path / "site", records())
    assert made and not Path(made[0]).exists()


def test_pagefind_gets_the_allocator_setting_unless_the_user_chose_one(monkeypatch):
    monkeypatch.delenv("_RJEM_MALLOC_CONF", raising=False)
    assert search._environment()["_RJEM_MALLOC_CONF"] == search.PAGEFIND_MALLOC
    monkeypatch.setenv("_RJEM_MALLOC_CONF", "narenas:1")
    assert search._environment()["_RJEM_MALLOC_CONF"] == "narenas:1"
