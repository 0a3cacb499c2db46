"""The compact index names its own columns: internal.js reads every position from them."""

from __future__ import annotations

import json
from pathlib import Path

from refcat.checks.run import review_project
from refcat.generator.internal.finder import referee_entries
from refcat.generator.internal.index import facets, finder_index_json, index_json
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


def test_the_finder_index_holds_what_the_finder_reads_and_no_summary() -> None:
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    program = Program(report)
    facet_list, entries = facets(program.cards.values()), referee_entries(program)
    full = json.loads(index_json(AS_OF, facet_list, entries))
    small = json.loads(finder_index_json(AS_OF, facet_list, entries))
    keys = ["industry", "region", "country", "product", "strength", "year"]
    assert [f["key"] for f in small["facets"]] == keys
    assert {"summary", "why"}.isdisjoint(small["columns"]["references"])
    big_rows, rows = readable(full), readable(small)
    assert list(rows) == list(big_rows)
    for ref_id, row in rows.items():
        assert {k: row[k] for k in ("title", "customer", "askable", "merits")} == {
            k: big_rows[ref_id][k] for k in ("title", "customer", "askable", "merits")
        }
        assert row["facets"] == {key: big_rows[ref_id]["facets"][key] for key in keys}


def readable(index: dict) -> dict[str, dict]:
    """Each row by id, its columns by name and its facet values as slugs by facet key."""
    rows = {}
    for values in index["references"]:
        row = dict(zip(index["columns"]["references"], values, strict=True))
        row["facets"] = {
            f["key"]: [f["values"][i][0] for i in picked]
            for f, picked in zip(index["facets"], row["facets"], strict=True)
        }
        rows[row["id"]] = row
    return rows
