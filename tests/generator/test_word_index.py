"""The internal catalog's word index: which references hold a word, and in which field
(what internal.search.js looks a rep's words up in)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcat.generator.internal.reference import reference_page
from refcat.generator.internal.search_record import SearchRecord, search_record
from refcat.generator.internal.views import Program
from refcat.generator.internal.word_index import (
    FIELDS,
    WORDS_PATH,
    positions,
    word_chunks,
    words,
)
from tests.demo import demo_report

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def program() -> Program:
    return Program(demo_report())


@pytest.fixture(scope="module")
def records(program: Program) -> list[SearchRecord]:
    return [
        search_record(program, reference_page(program, r))
        for r in program.catalog.references.values()
    ]


@pytest.fixture(scope="module")
def order(records: list[SearchRecord]) -> dict[str, int]:
    return {r.page.card.id: i for i, r in enumerate(reversed(records))}


def holders(chunks: dict[str, str], order: dict[str, int], word: str) -> dict[str, set[str]]:
    """Decode a word's list: reference id -> the fields holding the word."""
    path = WORDS_PATH.format(key=word[:2].encode().hex())
    chunk = json.loads(chunks[path])
    assert chunk["fields"] == list(FIELDS)
    ids = {position: ref for ref, position in order.items()}
    found, position = {}, 0
    listed = chunk["words"][word]
    for gap, mask in zip(listed[::2], listed[1::2], strict=True):
        position += gap
        found[ids[position]] = {f for bit, f in enumerate(FIELDS) if mask & 1 << bit}
    return found


def test_words_are_lowercased_without_diacritics_and_split_at_punctuation():
    assert words("Zürich-based, São Paulo's C#/.NET") == [
        "zurich",
        "based",
        "sao",
        "paulo",
        "s",
        "c",
        "net",
    ]


def test_a_word_lists_the_references_holding_it_and_the_fields(records, order):
    chunks = word_chunks(records, order)
    assert holders(chunks, order, "firewall") == {"kestrel-core-data-migration": {"caveats"}}
    assert holders(chunks, order, "harbourview")["harbourview-fund-data-hub"] >= {"customer"}
    norrvik = holders(chunks, order, "sweden")
    assert set(norrvik) == {r for r in order if r.startswith("norrvik-")}
    assert all(fields == {"country"} for fields in norrvik.values())
    assert holders(chunks, order, "sv")["aurora-field-service-app"] == {"languages"}


def test_positions_follow_the_facet_index_order_given(records, order):
    chunks = word_chunks(records, order)
    listed = json.loads(chunks[WORDS_PATH.format(key="7377")])["words"]["sweden"]  # "sw"
    positions = [sum(listed[0 : i + 1 : 2]) for i in range(0, len(listed), 2)]
    assert positions == sorted(order[r] for r in order if r.startswith("norrvik-"))


def test_one_letter_words_are_left_out(records, order):
    chunked = {
        w for text in word_chunks(records, order).values() for w in json.loads(text)["words"]
    }
    assert chunked and all(len(w) > 1 for w in chunked)


def test_positions_are_the_ids_sorted_and_the_rows_map_back_to_the_ranking():
    order, rows = positions(["c-ref", "a-ref", "b-ref"])  # ids in the ranking's order
    assert order == {"a-ref": 0, "b-ref": 1, "c-ref": 2}
    assert json.loads(rows) == [1, 2, 0]  # position -> row of the facet index


def test_chunks_do_not_change_when_only_the_ranking_does(records):
    ranked = [r.page.card.id for r in records]
    first, _ = positions(ranked)
    later, _ = positions(list(reversed(ranked)))
    assert word_chunks(records, first) == word_chunks(records, later)
