"""Find-a-referee as a sales rep uses it, in Chromium on the demo: an insurer in the
Nordics evaluating Data Hub, the language of the call, whom to call and how, each
customer once, and the brief for the call on the clipboard (or, without one, on screen)."""

from __future__ import annotations

from functools import cache

import pytest

from refcat.checks.run import review_project
from refcat.generator.internal.finder import Query, rank, referee_entries
from refcat.generator.internal.views import Program
from tests.browser.chromium_tools import axe_violations, screenshot
from tests.browser.conftest import AS_OF, PROJECT
from tests.browser.test_internal import folded, python_folded, settle

INSURER = "find.html?industry=insurance&region=EMEA&product=data-hub&strength=regulatory-compliance"


@cache
def demo():
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    return report, referee_entries(Program(report))


def python_ranking(query: Query):
    report, entries = demo()
    return rank(query, entries, report.policy.finder)


def test_insurance_peers_come_first_and_each_customer_once(page, internal_url):
    page.goto(f"{internal_url}/{INSURER}")
    settle(page, "#finder")
    industries = page.eval_on_selector_all(
        "#ranked > li .ref-card__meta", "metas => metas.map(m => m.textContent.split(' · ')[0])"
    )
    assert industries[:3] == ["Insurance"] * 3 and "Insurance" not in industries[3:]
    customers = page.eval_on_selector_all(
        "#ranked > li .candidate__customer a, #near > li .candidate__customer a",
        "links => links.map(a => a.getAttribute('href'))",
    )
    assert len(customers) == len(set(customers))
    alpine = page.locator('#ranked > li[data-id="alpine-solvency-analytics"]')
    alpine.locator(".candidate__more summary").click()
    assert "cannot be used: Completed on 2019-05-14, 7 years ago" in alpine.inner_text()
    expected = python_ranking(Query("insurance", "EMEA", "data-hub", ("regulatory-compliance",)))
    assert folded(page, "ranked") == python_folded(expected.ranked)
    screenshot(page, "find-insurer-emea", full_page=True)


def test_a_group_of_countries_and_a_language_rank_as_python_does(page, internal_url):
    page.goto(f"{internal_url}/find.html")
    page.select_option("#finder-industry", "insurance")
    page.select_option("#finder-country", "Nordics")
    page.select_option("#finder-language", "sv")
    page.select_option("#finder-product", "data-hub")
    settle(page, "#finder")
    assert "country=Nordics" in page.url and "language=sv" in page.url
    expected = python_ranking(
        Query("insurance", None, "data-hub", country="Nordics", language="sv")
    )
    assert folded(page, "ranked") == python_folded(expected.ranked)
    assert folded(page, "near") == python_folded(expected.near_misses)
    chips = page.locator("#ranked > li").first.locator(".why").inner_text()
    assert "(Nordics)" in chips and "Swedish-speaking referee" in chips
    assert "+2 Swedish-speaking referee" in chips  # the policy's default language weight
    labels = page.eval_on_selector_all("#finder-language option", "os => os.map(o => o.text)")
    assert "Swedish" in labels and "Norwegian Bokmål" in labels
    screenshot(page, "find-nordics-swedish", full_page=True)


def test_name_and_phone_of_the_right_referee_in_three_interactions(page, internal_url):
    page.goto(f"{internal_url}/index.html")
    page.get_by_role("link", name="Find a referee").first.click()  # 1
    page.select_option("#finder-industry", "insurance")  # 2
    page.select_option("#finder-region", "EMEA")  # 3
    settle(page, "#finder")
    first = page.locator("#ranked > li").first
    phone = first.locator("a.referee__phone").first
    assert first.locator(".referee__name").first.is_visible() and phone.is_visible()
    assert phone.get_attribute("href").startswith("tel:+")
    assert " " not in phone.get_attribute("href")
    assert phone.evaluate("a => getComputedStyle(a).whiteSpace") == "nowrap"
    email = first.locator("a.referee__email").first
    assert email.get_attribute("href") == f"mailto:{email.inner_text()}"


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    yield tab
    context.close()


def test_copy_a_brief_puts_the_call_on_the_clipboard(clipboard_page, internal_url):
    tab = clipboard_page
    tab.goto(f"{internal_url}/{INSURER}")
    settle(tab, "#finder")
    first = tab.locator("#ranked > li").first
    first.get_by_role("button", name="Copy a brief for the call").click()
    tab.wait_for_function("() => document.querySelector('.brief__status').textContent")
    assert "Copied" in first.locator(".brief__status").inner_text()
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    entry = python_ranking(Query("insurance", "EMEA", "data-hub")).ranked[0].entry
    page_url = f"{internal_url}/{entry.card.url}"
    assert copied == entry.brief.replace(f"Page: {entry.card.url}", f"Page: {page_url}")
    assert copied.startswith("Reference call: Alpine Mutual Insurance Cooperative")
    for part in ("Referee: Beat Imhof", "Phone: +41 21 555 04 12", "What to ask them about:"):
        assert part in copied
    assert "\nWhat to avoid:\n" in copied


def test_without_a_clipboard_the_brief_opens_to_be_copied_by_hand(page, internal_url):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{internal_url}/{INSURER}")
    settle(page, "#finder")
    first = page.locator("#ranked > li").first
    first.get_by_role("button", name="Copy a brief for the call").click()
    page.wait_for_function("() => document.querySelector('.brief__text').open")
    assert "copy it" in first.locator(".brief__status").inner_text()
    text = first.locator(".brief pre").inner_text()
    assert "Referee: Beat Imhof" in text and f"Page: {internal_url}/references/" in text
    assert axe_violations(page) == []
    screenshot(page, "find-brief-by-hand", full_page=False)
