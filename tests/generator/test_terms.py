"""Shared vocabulary: both catalogs name, slug and abbreviate things the same way."""

from __future__ import annotations

from refcat.generator.terms import Term, anonymous_label, initials, slugify, term


def test_slugs_and_initials():
    assert slugify("EMEA") == "emea"
    assert slugify("Latin America & Caribbean") == "latin-america-caribbean"
    assert slugify("***") == "other"
    assert initials("Hanse Kreditbank AG") == "HK"
    assert initials("St Aldhelm Health Trust") == "SA"
    assert initials("bramble & finch") == "B"


def test_a_slug_the_taxonomy_lacks_is_its_own_label(project):
    taxonomy = project.review().catalog.taxonomy
    assert term(taxonomy.sectors, "banking") == Term("banking", "Banking")
    assert term(taxonomy.sectors, "shipping") == Term("shipping", "shipping")
    assert Term("data-hub", "Refcat Data Hub", short="Data Hub").short_label == "Data Hub"
    assert Term("data-hub", "Data Hub").short_label == "Data Hub"


def test_an_anonymized_customer_is_named_by_sector_and_region(project):
    catalog = project.review().catalog
    customer = catalog.customers["acme"]
    assert anonymous_label(catalog, customer, "EMEA") == "Banking in EMEA"
    assert anonymous_label(catalog, customer, None) == "Banking"
