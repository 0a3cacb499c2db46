"""The internal catalog's search in Chromium, on the demo content: a rep finds a
reference by what they know of it (its customer's name, a strength, a product, a
technology, the country, a language the call must be held in) and each card says which
field matched. The public search stays without any internal field."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.chromium_tools import screenshot

HARBOURVIEW = ["harbourview-fund-data-hub", "harbourview-investor-portal-sso"]
NORRVIK = [
    "norrvik-citizen-identity",
    "norrvik-open-data-platform",
    "norrvik-service-portal-widget",
]
AURORA = ["aurora-field-service-app", "aurora-smart-meter-stream", "aurora-trading-analytics"]
# the published references the public search finds for "cloud migration"
CLOUD_MIGRATION_PUBLIC = [
    "lumen-loyalty-analytics",
    "meridian-customer-360",
    "norrvik-open-data-platform",
    "southern-cross-cloud-data-platform",
]


def settle(page) -> None:
    """Wait until internal.js has applied the search and said why each card matched."""
    page.wait_for_function(
        "() => { const node = document.querySelector('#catalog');"
        " return node.dataset.ready === 'true' && !node.hasAttribute('aria-busy'); }"
    )


def matches(page) -> dict[str, str]:
    """Each card shown, with its "Matched: ..." line ("" without one)."""
    return page.eval_on_selector_all(
        "#results > li",
        "items => Object.fromEntries(items.map(i => [i.dataset.id,"
        " (i.querySelector('.ref-card__match') || {}).textContent || '']))",
    )


def search(page, internal_url: str, words: str) -> dict[str, str]:
    page.goto(f"{internal_url}/index.html?q={quote(words)}")
    settle(page)
    return matches(page)


@pytest.mark.parametrize(
    ("words", "expected", "field"),
    [
        ("Harbourview", HARBOURVIEW, "customer name"),  # anonymized publicly, named here
        ("Pinecrest", ["pinecrest-risk-analytics"], "customer name"),
        ("Regulatory compliance", ["harbourview-fund-data-hub"], "strength"),
        ("cloud migration", CLOUD_MIGRATION_PUBLIC, "strength"),
        ("Data Hub", ["harbourview-fund-data-hub", "kestrel-fraud-alerts-pilot"], "product"),
        ("Tomcat", ["aurora-field-service-app", "meridian-identity-consolidation"], "technology"),
        ("rhel", ["kestrel-core-data-migration"], "technology"),
        ("Sweden", NORRVIK, "country"),
        ("Swedish", NORRVIK + AURORA, "contact language"),
        ("sv", NORRVIK + AURORA, "contact language"),
    ],
)
def test_search_finds_a_reference_by_each_kind_of_field(page, internal_url, words, expected, field):
    found = search(page, internal_url, words)
    assert set(expected) <= set(found), f"{words!r} found {sorted(found)}"
    for reference in expected:
        assert found[reference].startswith("Matched: ")
        assert field in found[reference].removeprefix("Matched: ").split(", ")


def test_a_country_search_finds_only_that_countrys_customers(page, internal_url):
    assert sorted(search(page, internal_url, "Sweden")) == NORRVIK


def test_words_only_in_the_text_are_said_to_be_in_it(page, internal_url):
    found = search(page, internal_url, "firewall")  # only in a caveat
    assert found == {"kestrel-core-data-migration": "Matched: caveats"}


def test_a_search_typed_in_the_box_says_why_each_card_matched(page, internal_url):
    page.goto(f"{internal_url}/index.html")
    page.fill("#q", "Pinecrest")
    page.press("#q", "Enter")
    settle(page)
    assert matches(page) == {"pinecrest-risk-analytics": "Matched: customer name"}
    assert page.inner_text("#result-count") == "Showing 1\u20131 of 1"
    screenshot(page, "internal-search-why")


def test_a_facet_and_a_search_combine(page, internal_url):
    page.goto(f"{internal_url}/index.html?q=Swedish&industry=energy")
    settle(page)
    assert sorted(matches(page)) == AURORA


@pytest.mark.parametrize("words", ["Harbourview", "Swedish", "Pinecrest Capital"])
def test_the_public_search_knows_no_internal_field(page, public_url, words):
    """Anonymized customers' names and contacts' languages stay out of the public index."""
    page.goto(f"{public_url}/index.html")
    found = page.evaluate(
        "async (q) => { const pf = await import('/pagefind/pagefind.js');"
        " return (await pf.search(q)).results.length; }",
        words,
    )
    assert found == 0
