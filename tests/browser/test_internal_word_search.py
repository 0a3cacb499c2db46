"""The internal catalog's search in Chromium looks words up in its word index: a word's
beginning or its plural finds it, and a search loads only the chunks of the words typed,
never Pagefind (which ranks every match: seconds for a common word at 10,000
references)."""

from __future__ import annotations

import pytest

from tests.browser.test_internal_search import search, settle

FIREWALL = {"kestrel-core-data-migration": "Matched: caveats"}  # the word is only in a caveat


@pytest.mark.parametrize("words", ["firewall", "firew", "firewalls", "FIREWALL"])
def test_a_words_beginning_plural_or_capitals_find_it(page, internal_url, words):
    assert search(page, internal_url, words) == FIREWALL


def test_every_word_typed_must_match(page, internal_url):
    assert search(page, internal_url, "firewall Harbourview") == {}
    assert page.inner_text("#result-count").startswith("No reference matches")


def test_a_search_loads_the_chunks_of_its_words_only(page, internal_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{internal_url}/index.html")
    page.fill("#q", "firewall Sweden")
    page.press("#q", "Enter")
    settle(page)
    chunks = sorted(url.rsplit("/", 1)[1] for url in requested if "/data/words/" in url)
    assert chunks == ["6669.json", "7377.json"]  # "fi", "sw"
    assert not [url for url in requested if "/pagefind/" in url]
