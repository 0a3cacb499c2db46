"""The garbage collector is set by the commands, in generator.gc_policy; loading leaves it alone."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator

import pytest

from refcat.checks import parsing
from refcat.checks.load import load
from refcat.generator import gc_policy
from refcat.generator.commands import check, review
from tests.factories import AS_OF, Project


@pytest.fixture(autouse=True)
def _collector() -> Iterator[None]:
    """Each test starts with the collector on and nothing frozen, and leaves it so."""
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture
def parsed_with(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on for each file parsed (few files: parsed in this process)."""
    states: list[bool] = []
    parse = parsing.parse_bytes

    def recording(fmt: parsing.Format, raw: bytes) -> parsing.ParseResult:
        states.append(gc.isenabled())
        return parse(fmt, raw)

    monkeypatch.setattr(parsing, "parse_bytes", recording)
    return states


def test_loading_leaves_the_collector_as_it_found_it(project: Project, parsed_with: list[bool]):
    catalog = load(project.content)
    assert "acme-core" in catalog.references
    assert parsed_with and all(parsed_with)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_check_loads_without_collections_and_freezes_the_catalog(
    project: Project, parsed_with: list[bool]
):
    out = io.StringIO()
    assert check.run(project.content, None, AS_OF, out, check.Options(cache=False)) == 0
    assert parsed_with and not any(parsed_with)
    assert gc.isenabled()  # on again for what the review and the output make
    assert gc.get_freeze_count() > 0


def test_review_loads_without_collections(project: Project, parsed_with: list[bool]):
    assert review.run(project.content, None, AS_OF, io.StringIO()) == 0
    assert parsed_with and not any(parsed_with)
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off():
    gc.disable()
    with gc_policy.for_review():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_failed_load_freezes_nothing():
    with pytest.raises(OSError), gc_policy.for_review():
        raise OSError("unreadable")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
