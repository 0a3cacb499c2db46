"""In Chromium: a missing address (a withdrawn story's, a mistyped one) shows the catalog's
own 404 page, styled, with status 404; an old `.html` address forwards to the story;
the footer's sitemap is a page for people."""

from __future__ import annotations

import pytest

from tests.browser.chromium_tools import axe_violations

MISSING = ["references/a-withdrawn-story/", "references/deep/er/still.html", "nothing"]
STORY = "references/aurora-smart-meter-stream"


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_address_shows_the_branded_404_page_with_status_404(page, public_url, path):
    response = page.goto(f"{public_url}/{path}")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "This story is not here"
    assert "withdrawn" in page.locator("main").inner_text()
    # the site's stylesheet loaded at this depth: the header is laid out, not a bare list
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") in (
        "block",
        "flex",
        "grid",
    )
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 50
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_404_page_has_no_serious_accessibility_violation(page, public_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{public_url}/references/a-withdrawn-story/")
    assert axe_violations(page) == []


def test_the_404_page_leads_home_and_to_the_sitemap(page, public_url):
    page.goto(f"{public_url}/references/a-withdrawn-story/")
    page.get_by_role("link", name="See the sitemap").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Sitemap"
    page.go_back()
    page.get_by_role("link", name="Browse all customer stories").click()
    page.wait_for_load_state()
    assert page.locator("#cards").count() == 1


def test_an_old_address_forwards_to_the_clean_one(page, public_url):
    page.goto(f"{public_url}/{STORY}.html")
    page.wait_for_url(f"**/{STORY}/")
    assert page.locator("h1").inner_text() == "1.2 million smart meters, read every 15 minutes"


def test_the_footer_sitemap_is_a_page_of_stories_by_industry(page, public_url):
    page.goto(f"{public_url}/{STORY}/")
    page.get_by_role("contentinfo").get_by_role("link", name="Sitemap").click()
    page.wait_for_url("**/sitemap.html")
    industries = page.locator("main h2").all_inner_texts()
    assert industries[:3] == ["Asset management", "Banking", "Energy and utilities"]
    assert len(industries) == 10
    energy = page.get_by_role("region", name="Energy and utilities")
    assert "Aurora Grid AS" in energy.inner_text()  # the customer label beside each title
    energy.get_by_role("link", name="1.2 million smart meters, read every 15 minutes").click()
    page.wait_for_url(f"**/{STORY}/")
    assert axe_violations(page) == []
