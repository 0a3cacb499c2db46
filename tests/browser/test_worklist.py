"""The worklist in Chromium: copy buttons that copy the exact command, plain code without
JavaScript, no serious accessibility violation, and the dashboard's tiles leading to it."""

from __future__ import annotations

import pytest

from tests.browser.chromium_tools import axe_violations

SALTMARSH = 'refcat rate saltmarsh-water-authority A --by "YOUR NAME"'


@pytest.mark.parametrize("path", ["worklist.html", "worklist/consents.html"])
def test_no_serious_accessibility_violation(page, internal_url, path):
    page.goto(f"{internal_url}/{path}")
    assert axe_violations(page) == []


def test_the_copy_button_copies_the_exact_command(browser, internal_url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=internal_url)
    tab = context.new_page()
    tab.goto(f"{internal_url}/worklist.html")
    item = tab.locator(".work-item", has_text="Saltmarsh Water Authority").first
    button = item.locator("[data-copy]")
    button.click()
    assert button.text_content() == "Copied"
    assert tab.evaluate("navigator.clipboard.readText()") == SALTMARSH
    context.close()


def test_without_javascript_the_command_is_plain_code(browser, internal_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{internal_url}/worklist.html")
    item = tab.locator(".work-item", has_text="Saltmarsh Water Authority").first
    assert item.locator("code.command__text").text_content() == SALTMARSH
    assert not item.locator("[data-copy]").is_visible()
    context.close()


def test_the_overdue_tile_of_the_dashboard_leads_to_the_overdue_items(page, internal_url):
    page.goto(f"{internal_url}/dashboard.html")
    page.locator(".tile__link", has_text="overdue on the worklist").click()
    page.wait_for_url("**/worklist.html#overdue")
    assert page.locator("#overdue .work-item").count() == 7
    page.goto(f"{internal_url}/dashboard.html")
    page.locator("#expiring .tile__link", has_text="within 60 days").click()
    page.wait_for_url("**/worklist/consents.html")
    assert page.locator(".work-item", has_text="Helios Solar Farms").count() == 1
