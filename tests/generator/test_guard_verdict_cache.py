"""The leak guard's cache of clean files: it saves reading, and never hides a leak."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcat.checks.run import Report
from refcat.generator.build.guard import find_leaks, verdict_cache
from refcat.generator.build.guard.verdict_cache import FILE_NAME
from tests.factories import Project
from tests.generator.test_cache_corruption import _corrupted

PAGE = "<p>Questions? Call Dana Whitfield</p>"  # a theme's fixed text, in no record at first
LEAK = "a.html: the owner or rating of customer acme"


def _report(root: Path, owner: str) -> Report:
    project = Project(root)
    project.taxonomy()
    project.customer(owner=owner)
    project.reference()
    return project.review()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report]:
    """Before and after the owner is changed to the name the page prints."""
    before = _report(tmp_path_factory.mktemp("before"), "Kim Harrington")
    return before, _report(tmp_path_factory.mktemp("after"), "Dana Whitfield")


def _site(root: Path) -> Path:
    site = root / "site"
    site.mkdir()
    (site / "a.html").write_text(PAGE, encoding="utf-8")
    (site / "b.html").write_text("<p>Core banking migration</p>", encoding="utf-8")
    return site


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the guard reads."""
    names: list[str] = []
    scan = verdict_cache.scan_files

    def recording(search, files, drawn, wanted):
        names.extend(wanted)
        return scan(search, files, drawn, wanted)

    monkeypatch.setattr(verdict_cache, "scan_files", recording)
    return names


def test_an_unchanged_file_is_not_read_again(tmp_path, reports, read):
    site, cache = _site(tmp_path), tmp_path / "cache"
    assert find_leaks(site, reports[0], [], cache=cache) == []
    assert read == ["a.html", "b.html"]
    assert find_leaks(site, reports[0], [], cache=cache) == []
    assert read == ["a.html", "b.html"]  # nothing more


def test_a_canary_added_to_an_internal_field_is_found_in_an_unchanged_file(tmp_path, reports, read):
    site, cache = _site(tmp_path), tmp_path / "cache"
    assert find_leaks(site, reports[0], [], cache=cache) == []
    assert find_leaks(site, reports[1], [], cache=cache) == [LEAK]
    assert read == ["a.html", "b.html"] * 2  # new needles: every file read again
    assert find_leaks(site, reports[1], [], cache=cache) == [LEAK]  # a leak is never kept


def test_a_clean_file_whose_bytes_change_is_read_again(tmp_path, reports, read):
    site, cache = _site(tmp_path), tmp_path / "cache"
    assert find_leaks(site, reports[1], [], cache=cache) == [LEAK]
    (site / "b.html").write_text("<p>Ask Dana Whitfield</p>", encoding="utf-8")
    assert find_leaks(site, reports[1], [], cache=cache) == [LEAK, LEAK.replace("a.", "b.")]
    assert read == ["a.html", "b.html", "a.html", "b.html"]


def test_a_drawn_image_is_known_by_the_text_drawn(tmp_path, reports):
    site, cache = _site(tmp_path), tmp_path / "cache"
    (site / "a.html").unlink()
    (site / "card.png").write_bytes(b"\x89PNG same bytes")
    assert find_leaks(site, reports[1], [], {"card.png": "Core banking"}, cache) == []
    drawn = {"card.png": "Dana Whitfield"}
    assert find_leaks(site, reports[1], [], drawn, cache) == ["card.png: " + LEAK[8:]]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_corrupted_cache_never_hides_a_leak(tmp_path_factory, reports, data):
    """A cache made while the page was clean, then damaged: the page's leak is found."""
    root = tmp_path_factory.mktemp("corrupt")
    site, cache = _site(root), root / "cache"
    (site / "a.html").write_text("<p>Core banking</p>", encoding="utf-8")
    assert find_leaks(site, reports[1], [], cache=cache) == []
    corrupted = _corrupted(data, (cache / FILE_NAME).read_bytes())
    if corrupted is None:
        (cache / FILE_NAME).unlink()
    else:
        (cache / FILE_NAME).write_bytes(corrupted)
    (site / "a.html").write_text(PAGE, encoding="utf-8")
    assert find_leaks(site, reports[1], [], cache=cache) == [LEAK]
    assert find_leaks(site, reports[1], [], cache=cache) == [LEAK]  # with what it left
    assert list(cache.glob("*.tmp")) == []
