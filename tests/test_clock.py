"""Only the entry points read the clock: a review is a function of the records and `as_of`.

The command line defaults `--as-of` to today and the Pelican plugin does when plain
`pelican content` runs without REFCAT_AS_OF; every other module of `checks/` and
`generator/` is handed its date, so the same records and date give the same results.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRY_POINTS = {"generator/cli.py", "generator/pelican_plugin.py"}
CLOCKS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("time", "time"),
}
# (module, clock): a reading that is not a date for the review, and why
NOT_FOR_THE_REVIEW = {
    ("checks/cache_files.py", "time.time"): "the age of an unfinished cache write",
}


def clock_readings(source: str) -> list[tuple[int, str]]:
    """Where `source` calls a clock, by line: `date.today()`, `datetime.datetime.now()`..."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
        if (name, node.func.attr) in CLOCKS:
            found.append((node.lineno, f"{name}.{node.func.attr}"))
    return found


def modules() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for folder in ("checks", "generator")
        for path in (ROOT / folder).rglob("*.py")
    )


@pytest.mark.parametrize("module", modules())
def test_only_the_entry_points_read_the_clock(module):
    if module in ENTRY_POINTS:
        return
    readings = clock_readings((ROOT / module).read_text(encoding="utf-8"))
    unexpected = [
        f"{module}:{line}: {call}()"
        for line, call in readings
        if (module, call) not in NOT_FOR_THE_REVIEW
    ]
    assert unexpected == [], "pass `as_of` in rather than reading the clock"


def test_the_entry_points_are_where_the_clock_is_read():
    """The check above would pass on an empty list: it must see the CLI's reading."""
    readings = clock_readings((ROOT / "generator/cli.py").read_text(encoding="utf-8"))
    assert "date.today" in {call for _line, call in readings}


@pytest.mark.parametrize(
    "call",
    [
        "date.today()",
        "datetime.date.today()",
        "datetime.now()",
        "datetime.datetime.utcnow()",
        "time.time()",
    ],
)
def test_every_way_of_reading_the_clock_is_found(call):
    assert clock_readings(f"import datetime, time\nx = {call}\n") != []


def test_timing_is_no_clock_reading():
    assert clock_readings("import time\nstarted = time.perf_counter()\n") == []
