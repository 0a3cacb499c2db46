"""A list page after the first prints no facet counts (they move with the date): in the
browser, internal.js fills them in from the index, the same as page 1's."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcat.generator.commands import build
from tests.browser.chromium_tools import axe_violations
from tests.browser.conftest import AS_OF, _serve
from tests.generator.test_internal_list_pages import program

COUNTS = "() => [...document.querySelectorAll('[data-count]')].map((n) => n.textContent)"


@pytest.fixture(scope="module")
def catalog_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = program(tmp_path_factory.mktemp("list-counts"))
    out, output = io.StringIO(), project.root / "output"
    code = build.run(project.content, None, AS_OF, output, out, audience="internal")
    assert code == 0, out.getvalue()
    yield from _serve(Path(output / "internal"))


def test_the_second_page_shows_the_counts_of_the_first(page, catalog_url):
    page.goto(f"{catalog_url}/index.html")
    first = page.evaluate(COUNTS)
    page.goto(f"{catalog_url}/page/2.html")
    page.wait_for_function(f"() => ({COUNTS})().every(Boolean)")
    assert page.evaluate(COUNTS) == first
    assert axe_violations(page) == []


def test_without_javascript_the_second_page_shows_no_counts(browser, catalog_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{catalog_url}/page/2.html")
    counts = tab.locator("[data-count]").all_text_contents()
    assert counts and not any(counts)
    context.close()
