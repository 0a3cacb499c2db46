"""The review date reaches every internal page from as-of.js, so the pages themselves
keep their bytes from one day to the next; without JavaScript the dashboard has it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import AS_OF

CUSTOMER = "customers/kestrel-savings-bank.html"


@pytest.fixture
def strict_page(browser: object) -> Iterator[object]:
    """A tab under the pages' own Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_every_page_says_as_of_when_it_was_reviewed(strict_page, internal_url):
    blocked: list[str] = []
    strict_page.on("console", lambda m: blocked.append(m.text) if "Policy" in m.text else None)
    strict_page.goto(f"{internal_url}/{CUSTOMER}")
    footer = strict_page.locator(".site-footer__meta")
    assert footer.inner_text() == f"Reviewed as of {AS_OF.isoformat()}"
    strict_page.goto(f"{internal_url}/index.html")
    assert f", as of {AS_OF.isoformat()}." in strict_page.locator(".ic-head__sub").inner_text()
    assert blocked == []  # the script is allowed by the Content-Security-Policy


def test_without_javascript_the_footer_leads_to_the_dated_dashboard(browser, internal_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"{internal_url}/{CUSTOMER}")
        assert "Reviewed every night" in tab.locator(".site-footer__meta").inner_text()
        tab.locator(".site-footer__meta a", has_text="dashboard").click()
        assert AS_OF.isoformat() in tab.locator(".ic-head__sub").inner_text()
    finally:
        context.close()
