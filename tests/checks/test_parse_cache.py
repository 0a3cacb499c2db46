"""The parse cache never changes a verdict: what is damaged or not a parse is parsed again."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

import pytest

from refcat.checks import parse_cache, parsing
from refcat.checks.cache_files import STALE_SECONDS, remove_stale_temporaries
from refcat.checks.parse_cache import ParseCache
from refcat.checks.run import Report, cache_folder, review_project
from tests.factories import AS_OF, Project, day, findings


def _review(project: Project, cache: bool = True) -> Report:
    return review_project(project.content, project.settings, AS_OF, cache=cache)


def _cache_file(project: Project) -> Path:
    return project.root / ".refcat-cache" / "parsed.marshal"


def _summary(report: Report) -> tuple:
    return report.findings, report.published


@pytest.fixture
def withdrawn(project: Project) -> Project:
    """A customer who withdrew consent to be named yesterday: nothing of it is published."""
    project.customer(consents=[
        {"scope": "name", "granted": day(-400), "withdrawn": day(-1)},
        {"scope": "case-study", "granted": day(-400)},
        {"scope": "quote", "granted": day(-400)},
    ])  # fmt: skip
    return project


def test_an_intact_cache_is_used(withdrawn: Project, monkeypatch):
    expected = _review(withdrawn)

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parsing, "parse_bytes", no_parsing)
    assert _summary(_review(withdrawn)) == _summary(expected)


def test_a_withdrawal_edited_in_the_cache_still_counts(withdrawn: Project):
    """Ten bytes of a stored parse, 2026-11-24 -> 2099-11-24, must not publish again."""
    expected = _review(withdrawn, cache=False)
    assert "acme-core" not in expected.published
    _review(withdrawn)
    stored = _cache_file(withdrawn).read_bytes()
    assert stored.count(b"2026-11-24") == 1
    _cache_file(withdrawn).write_bytes(stored.replace(b"2026-11-24", b"2099-11-24"))
    assert _summary(_review(withdrawn)) == _summary(expected)


@pytest.mark.parametrize(
    "damage",
    [
        lambda stored: stored[: len(stored) // 2],
        lambda stored: stored[:-1],
        lambda stored: stored + b"\x00",
        lambda stored: b"",
        lambda stored: b"\x00garbage",
        lambda stored: marshal.dumps({"version": 3, "entries": {}}),
    ],
    ids=["half", "one-byte-short", "one-byte-more", "empty", "garbage", "older-format"],
)
def test_a_damaged_cache_file_is_parsed_again_and_rewritten(withdrawn: Project, damage):
    expected = _review(withdrawn, cache=False)
    _review(withdrawn)
    _cache_file(withdrawn).write_bytes(damage(_cache_file(withdrawn).read_bytes()))
    assert _summary(_review(withdrawn)) == _summary(expected)
    assert len(ParseCache(cache_folder(withdrawn.content)).entries) == 3  # rewritten whole


def _store(project: Project, blob: bytes) -> None:
    """Replace every entry of the cache by `blob`, with matching digests and checksum."""
    cache = ParseCache(cache_folder(project.content))
    for key in cache.entries:
        cache.add(key, blob)
    cache.save()


@pytest.mark.parametrize(
    "blob",
    [
        marshal.dumps(("ok",)),
        marshal.dumps(("ok", {}, "not a blob", "", 1)),
        marshal.dumps(("error", "message")),
        marshal.dumps(["ok", {}, b"", "", 1]),
        marshal.dumps(("ok", {}, b"", "", 1, "one more")),
        marshal.dumps(("error", "message", True)),
        marshal.dumps(None),
        b"\xffnot marshal",
    ],
)
def test_an_intact_entry_that_is_not_a_parse_is_parsed_again(withdrawn: Project, blob: bytes):
    expected = _review(withdrawn, cache=False)
    _review(withdrawn)
    _store(withdrawn, blob)
    assert _summary(_review(withdrawn)) == _summary(expected)
    assert _summary(_review(withdrawn)) == _summary(expected)  # and the cache was repaired


def test_a_file_that_does_not_parse_is_reported_alike_from_the_cache(withdrawn: Project):
    withdrawn.write("customers/broken.yaml", "id: broken\nname: [unclosed\n")
    fresh = findings(_review(withdrawn), "invalid-yaml")
    cached = findings(_review(withdrawn), "invalid-yaml")
    assert [(f.path, f.line, f.message) for f in cached] == [
        (f.path, f.line, f.message) for f in fresh
    ]
    assert fresh[0].path.endswith("customers/broken.yaml") and fresh[0].line == 3


def test_lines_that_cannot_be_unpacked_give_no_line(withdrawn: Project):
    _review(withdrawn)
    cache = ParseCache(cache_folder(withdrawn.content))
    for key, (_, blob) in list(cache.entries.items()):
        ok, data, _, body, body_line = marshal.loads(blob)
        cache.add(key, marshal.dumps((ok, data, b"\x00", body, body_line)))
    cache.save()
    assert "acme-core" not in _review(withdrawn).published


def test_a_cache_of_another_parser_is_not_used(withdrawn: Project, monkeypatch):
    _review(withdrawn)
    monkeypatch.setattr(parse_cache, "parser_tag", lambda: b"another parser..")
    assert ParseCache(cache_folder(withdrawn.content)).entries == {}


def test_a_failed_write_leaves_no_temporary_file(withdrawn: Project, monkeypatch):
    def full_disk(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full_disk)
    expected = _review(withdrawn, cache=False)
    assert _summary(_review(withdrawn)) == _summary(expected)
    assert [p.name for p in (withdrawn.root / ".refcat-cache").iterdir()] == []


def test_temporary_files_of_finished_processes_are_removed(tmp_path: Path):
    finished = os.fork()
    if finished == 0:
        os._exit(0)
    os.waitpid(finished, 0)
    dead = tmp_path / f".parsed.marshal.{finished}.0a1b2c3d.tmp"
    living = tmp_path / f".parsed.marshal.{os.getppid()}.0a1b2c3d.tmp"
    old = tmp_path / f".parsed.marshal.{os.getppid()}.4e5f6a7b.tmp"
    for path in (dead, living, old, tmp_path / "parsed.marshal"):
        path.write_bytes(b"partial")
    an_hour_ago = time.time() - STALE_SECONDS - 60
    os.utime(old, (an_hour_ago, an_hour_ago))
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([living.name, "parsed.marshal"])


def test_no_cache_outside_a_project_folder(tmp_path: Path):
    assert cache_folder(Path("/")) is None
    assert cache_folder(Path("/content")) is None  # the filesystem root is no project folder
    assert cache_folder(tmp_path / "content") == tmp_path / ".refcat-cache"
