"""The compact index names its own columns: internal.js reads every position from them."""

from __future__ import annotations

import json
from pathlib import Path

from refcat.checks.run import review_project
from refcat.generator.internal.finder import referee_entries
from refcat.generator.internal.index import facets, index_json
from refcat.generator.internal.views import Program
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]


def demo_index() -> dict:
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    program = Program(report)
    return json.loads(index_json(AS_OF, facets(program.cards.values()), referee_entries(program)))


def test_every_row_has_the_columns_the_index_names() -> None:
    index = demo_index()
    columns = index["columns"]
    assert {len(row) for row in index["references"]} == {len(columns["references"])}
    assert {len(row) for row in index["customers"]} == {len(columns["customers"])}
    merits = [m for row in index["references"] for m in row[columns["references"].index("merits")]]
    assert merits
    assert {len(merit) for merit in merits} == {len(columns["merits"])}


def test_a_row_read_by_column_name_is_the_reference() -> None:
    index = demo_index()
    at = {name: i for i, name in enumerate(index["columns"]["references"])}
    customer_at = {name: i for i, name in enumerate(index["columns"]["customers"])}
    rows = {row[at["id"]]: row for row in index["references"]}
    row = rows["lumen-omnichannel-stock"]
    assert (row[at["completed"]], row[at["askable"]]) == ("2024-06-28", 0)
    customer = index["customers"][row[at["customer"]]]
    assert customer[customer_at["name"]] == "Lumen Retail Group N.V."
    assert customer[customer_at["url"]] == "customers/lumen-retail-group.html"
    assert index["texts"][row[at["availability"]]] == "resting until 2026-12-02"
