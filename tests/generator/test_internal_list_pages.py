"""The catalog's list pages after the first print no facet counts: counts move with the
date, so a rebuild the next day rewrites a list page only when its cards change."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from tests.factories import AS_OF, Project, customer_record, day
from tests.generator.test_incremental import files, run_build

CALL = {"scope": "reference-call", "granted": day(-400)}
COUNTS = re.compile(r'<span class="facet__count" data-count>([^<]*)</span>')


def program(root: Path) -> Project:
    """120 references (three list pages) and, last in the list, the references of two
    resting customers: one rests until tomorrow, so a day later the availability counts
    change; the other still rests, so no facet value disappears."""
    project = Project(root)
    project.taxonomy()
    consents = [*customer_record()["consents"], CALL]
    for n in range(4):
        project.customer(f"customer-{n}", name=f"Customer {n} Bank", consents=consents)
    for n in range(120):
        project.reference(
            f"reference-{n:03d}", customer=f"customer-{n % 4}", title=f"Migration {n:03d}"
        )
    for name, offsets in (("resting", (-89, -40, -20, -5)), ("still", (-9, -8, -5, -1))):
        asks = [{"date": day(offset), "kind": "reference-call"} for offset in offsets]
        project.customer(name, name=f"{name} Bank", consents=consents, requests=asks)
        project.reference(f"{name}-core", customer=name, title=f"Zz {name} migration")
    return project


@pytest.fixture(scope="module")
def day_later(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """The catalog built, then rebuilt the next day: each file's (inode, mtime)."""
    root = tmp_path_factory.mktemp("list-pages")
    project, output = program(root), root / "output"
    run_build(project, output)
    first = files(output)
    run_build(project, output, AS_OF + timedelta(days=1))
    return output / "internal", first, files(output)


def test_only_the_first_page_prints_the_counts(day_later):
    internal = day_later[0]
    first_page = COUNTS.findall((internal / "index.html").read_text(encoding="utf-8"))
    second_page = COUNTS.findall((internal / "page/2.html").read_text(encoding="utf-8"))
    assert first_page and all(first_page)
    assert second_page and not any(second_page)


def test_a_rebuild_a_day_later_keeps_the_list_pages_whose_cards_did_not_change(day_later):
    internal, first, later = day_later
    text = (internal / "page/3.html").read_text(encoding="utf-8")
    assert "Zz resting migration" in text and f"resting until {day(1)}" not in text
    changed = {n for n in later if later[n] != first.get(n)}
    assert "internal/index.html" in changed  # its counts
    assert "internal/page/3.html" in changed  # the resting reference's card
    assert "internal/page/2.html" not in changed
