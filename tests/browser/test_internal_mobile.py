"""The internal catalog on a phone and without JavaScript, in Chromium: pages fit 390 px,
wide tables scroll in regions a keyboard reaches, no serious accessibility violation,
and the list a rep filters keeps usable references first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.chromium_tools import axe_violations, screenshot
from tests.browser.test_internal import settle

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGE_TYPES = {
    "index": "index.html",
    "reference": "references/kestrel-core-data-migration.html",
    "customer": "customers/alpine-mutual-insurance.html",
    "find": "find.html?industry=insurance&region=EMEA&product=data-hub",
    "search": "index.html?q=migration",
    "dashboard": "dashboard.html",
    "findings": "findings.html",
    "topics": "strengths/index.html",
    "worklist": "worklist.html",
}
STATUS_ORDER = {"published": 0, "internal": 1, "not-usable": 2}


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    yield context.new_page()
    context.close()


def _open(tab: object, base: str, path: str) -> None:
    tab.goto(f"{base}/{path}")
    if path.startswith(("index.html", "find.html")):
        settle(tab, "#finder" if path.startswith("find.html") else "#catalog")


FIND = "find.html?industry=insurance&region=EMEA&product=data-hub"


@pytest.mark.parametrize("path", ["dashboard.html", "customers/alpine-mutual-insurance.html", FIND])
def test_dashboard_customer_and_finder_pages_fit_a_phone(phone, internal_url, path):
    phone.goto(f"{internal_url}/{path}")
    if path == FIND:  # the ranked referees, with their phone numbers and e-mail addresses
        settle(phone, "#finder")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(
        phone, "internal-mobile-" + path.split("?")[0].replace("/", "-").removesuffix(".html")
    )


@pytest.mark.parametrize("path", ["dashboard.html", "customers/alpine-mutual-insurance.html"])
def test_wide_tables_scroll_in_regions_the_keyboard_reaches(phone, internal_url, path):
    phone.goto(f"{internal_url}/{path}")
    regions = phone.eval_on_selector_all(
        "table",
        """tables => tables.map(t => { const r = t.closest('.table-scroll');
             return r && [r.getAttribute('role'), r.getAttribute('aria-label'), r.tabIndex]; })""",
    )
    assert regions and all(r and r[0] == "region" and r[1] and r[2] == 0 for r in regions)
    # one that really scrolls is reached with Tab, and the arrow keys scroll it
    wide = phone.locator(".table-scroll").filter(has=phone.locator("table")).last
    for _ in range(200):
        phone.keyboard.press("Tab")
        if wide.evaluate("r => r === document.activeElement"):
            break
    assert wide.evaluate("r => r === document.activeElement && r.scrollWidth > r.clientWidth")
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("r => r.scrollLeft > 0", arg=wide.element_handle())


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violation_at_either_width(browser, internal_url, kind, viewport):
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    try:
        tab = context.new_page()
        _open(tab, internal_url, PAGE_TYPES[kind])
        assert axe_violations(tab) == []
    finally:
        context.close()


def test_filtered_results_list_usable_references_first(page, internal_url):
    page.goto(f"{internal_url}/index.html?product=data-hub")
    settle(page)
    statuses = page.eval_on_selector_all(
        "#results > li", "items => items.map(i => i.className.replace('ref-card ref-card--', ''))"
    )
    assert len(set(statuses)) > 1
    assert statuses == sorted(statuses, key=STATUS_ORDER.__getitem__)
    contradictions = page.locator(
        ".ref-card--not-usable .avail--available, .ref-card--not-usable .avail--resting"
    )
    assert contradictions.count() == 0


def test_without_javascript_the_catalog_says_so_and_stays_browsable(browser, internal_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{internal_url}/index.html")
        assert "need JavaScript" in tab.inner_text(".catalog__noscript")
        assert tab.locator("#results > li").count() == 48
        tab.goto(f"{internal_url}/find.html")
        assert "JavaScript" in tab.inner_text("p.notice")
    finally:
        context.close()
