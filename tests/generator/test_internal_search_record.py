"""The internal search record names a reference by every field a rep searches by."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcat.generator.internal.reference import reference_page
from refcat.generator.internal.search_record import SearchRecord, search_record
from refcat.generator.internal.views import Program
from tests.demo import demo_report

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def program() -> Program:
    return Program(demo_report())


def record(program: Program, reference_id: str) -> SearchRecord:
    found = program.catalog.references[reference_id]
    return search_record(program, reference_page(program, found))


def test_an_anonymized_reference_is_found_by_its_customers_name(program):
    harbourview = record(program, "harbourview-fund-data-hub")
    assert program.catalog.anonymized(program.catalog.references["harbourview-fund-data-hub"])
    assert harbourview.customer == "Harbourview Asset Management S.A."


def test_countries_and_languages_by_name_and_code(program):
    norrvik = record(program, "norrvik-open-data-platform")
    assert norrvik.country == "Sweden (SE)"
    assert "Swedish (sv)" in norrvik.languages
    assert len(norrvik.languages) == len(set(norrvik.languages))  # once, however many speak it


def test_strengths_products_and_technologies_by_label(program):
    harbourview = record(program, "harbourview-fund-data-hub")
    assert "Regulatory compliance" in harbourview.strengths
    assert harbourview.products == ("Tessellate Data Hub",)
    # the lifecycle's title and the short name reps type, once each
    assert harbourview.technologies == ("Oracle Database 23", "Red Hat Enterprise Linux 9 (rhel)")
