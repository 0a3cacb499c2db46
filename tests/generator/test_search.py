"""Pagefind is pointed at the folders with pages marked for search: the same index, less work."""

from __future__ import annotations

import json
from pathlib import Path

from generator.search import (
    build_search_index,
    folder_glob,
    marked_folders,
    start_search_index,
)

MARKED = '<html lang="en"><body><main data-pagefind-body><h1>{}</h1></main></body></html>'
PLAIN = '<html lang="en"><body><main><h1>{}</h1></main></body></html>'


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for name, html in pages.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html.format(name), encoding="utf-8")
    return site


def _indexed(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_the_glob_names_each_folder_once():
    assert folder_glob([]) is None
    assert folder_glob(["references"]) == "references/*.html"
    assert folder_glob(["references", ".", "references"]) == "{*.html,references/*.html}"
    assert folder_glob(["odd{name}"]) is None  # not expressible: every file is read


def test_marked_folders_are_found_whatever_the_case(tmp_path):
    site = _site(
        tmp_path,
        {
            "index.html": PLAIN,
            "references/a.html": MARKED,
            "customers/b.html": MARKED.replace("data-pagefind-body", "DATA-PAGEFIND-BODY"),
            "topics/c.html": PLAIN,
        },
    )
    assert marked_folders(site) == {"references", "customers"}


def test_only_marked_pages_are_indexed(tmp_path):
    site = _site(
        tmp_path,
        {"index.html": PLAIN, "references/a.html": MARKED, "references/b.html": MARKED},
    )
    build_search_index(site)
    assert _indexed(site) == 2


def test_a_site_without_marked_pages_is_indexed_whole(tmp_path):
    site = _site(tmp_path, {"index.html": PLAIN, "topics/c.html": PLAIN})
    build_search_index(site)
    assert _indexed(site) == 2


def test_an_early_index_of_the_right_folders_is_kept(tmp_path):
    site = _site(tmp_path, {"references/a.html": MARKED})
    pending = start_search_index(site, {"references"})
    (site / "index.html").write_text(PLAIN.format("home"), encoding="utf-8")
    build_search_index(site, pending)
    assert _indexed(site) == 1


def test_an_early_index_of_the_wrong_folders_is_replaced(tmp_path):
    site = _site(tmp_path, {"references/a.html": MARKED})
    pending = start_search_index(site, {"references"})
    (site / "customers").mkdir()
    (site / "customers" / "b.html").write_text(MARKED.format("b"), encoding="utf-8")
    build_search_index(site, pending)
    assert _indexed(site) == 2
