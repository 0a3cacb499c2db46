"""The internal catalog as a rep reads it: usable references first, badges that agree,
numbers and money for people, a list that works without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from refcat.checks.policy import ConfigError, policy_from
from refcat.generator.internal.numbers import money, number
from refcat.generator.internal.views import STATUS_ORDER, Program
from tests.demo import build_demo, demo_report

PROJECT = Path(__file__).resolve().parents[2]
CARD = re.compile(
    # a card runs until the next card or the end of its list
    r'<li class="ref-card ref-card--(?P<status>[a-z-]+)" data-id="[^"]+">'
    r'.*?(?=<li class="ref-card |</ol>)',
    re.S,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's internal catalog, with the deal values in US dollars."""
    settings = '\nREFCAT["currency"] = "USD"\n'
    return (
        build_demo(tmp_path_factory.mktemp("listing"), settings, audience="internal") / "internal"
    )


def test_usable_references_come_first_then_the_newest():
    cards = list(Program(demo_report()).cards.values())
    keys = [(STATUS_ORDER[c.status], -c.completed.toordinal()) for c in cards]
    assert keys == sorted(keys)
    assert {c.status for c in cards} == {"published", "internal", "not-usable"}


def test_the_catalog_page_and_the_browsers_index_share_that_order(built: Path):
    cards = list(Program(demo_report()).cards.values())
    page = (built / "index.html").read_text()
    assert re.findall(r'class="ref-card ref-card--[a-z-]+" data-id="([^"]+)"', page) == [
        c.id for c in cards
    ]
    index = json.loads((built / "data/references.json").read_text())
    assert [row[0] for row in index["references"]] == [c.id for c in cards]


def test_no_card_shows_an_available_referee_beside_not_usable(built: Path):
    pages = [built / "index.html", *built.glob("customers/*.html"), *built.glob("products/*.html")]
    cards = [m for path in pages for m in CARD.finditer(path.read_text())]
    not_usable = [m.group(0) for m in cards if m["status"] == "not-usable"]
    usable = [m.group(0) for m in cards if m["status"] != "not-usable"]
    assert not_usable and usable
    for card in not_usable:
        assert "avail--neutral" in card and "avail--available" not in card
        assert "avail--resting" not in card
    for card in usable:
        assert "Referee: <span" in card and ">not usable" not in card


def test_numbers_group_thousands_and_money_carries_the_currency():
    assert number(10000) == "10,000"
    assert number(999.6) == "1,000"
    assert money(10_985_000) == "€10,985,000"
    assert money(775_000, "USD") == "$775,000"
    assert money(1200, "CHF") == "CHF\N{NO-BREAK SPACE}1,200"
    assert money(-500, "EUR") == "\N{MINUS SIGN}€500"


def test_dashboard_and_customer_pages_show_money_in_the_settings_currency(built: Path):
    dashboard = (built / "dashboard.html").read_text()
    assert '<span class="tile__value">$10,985,000</span>' in dashboard
    assert "€" not in dashboard and " M<" not in dashboard
    customer = (built / "customers/alpine-mutual-insurance.html").read_text()
    assert "won deals worth $775,000" in customer


def test_a_currency_that_is_no_iso_code_is_a_message():
    with pytest.raises(ConfigError, match=r"pelicanconf.py: REFCAT: currency: .*'euro'"):
        policy_from({"REFCAT": {"currency": "euro"}}, "pelicanconf.py", {})


def test_without_javascript_the_catalog_says_so_and_lists_every_reference(built: Path):
    page = (built / "index.html").read_text()
    note = re.search(r"<noscript>(.*?)</noscript>", page, re.S)
    assert note and "need JavaScript" in note.group(1)
    assert len(CARD.findall(page)) == len(demo_report().catalog.references)


def test_wide_tables_scroll_in_focusable_labelled_regions(built: Path):
    for path in ("dashboard.html", "customers/alpine-mutual-insurance.html"):
        page = (built / path).read_text()
        tables = page.count("<table")
        regions = re.findall(
            r'<div class="table-scroll" role="region" aria-label="([^"]+)" tabindex="0">', page
        )
        assert len(regions) == tables > 0 and len(set(regions)) == len(regions)
