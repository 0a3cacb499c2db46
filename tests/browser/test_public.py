"""The public catalog in real headless Chromium: search, filters, no-JS, accessibility, CSP."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from refcat.checks.run import review_project
from refcat.generator.public.listing import PAGE_SIZE
from refcat.generator.public.views import public_catalog
from tests.browser.chromium_tools import axe_violations, screenshot
from tests.browser.conftest import AS_OF

BANKING = [
    "A single customer view for 2,300 relationship managers",
    "Core banking data moved to Data Hub without a minute of downtime",
    "Regulatory reporting on a modern data platform",
    "One identity platform instead of four",
    "Open-banking APIs live in eleven weeks",
]
BANKING_WITH_IDENTITY_VAULT = [
    "One identity platform instead of four",
    "Open-banking APIs live in eleven weeks",
]
STORY_WORD = "Brescia"  # only in the story of ferrovia-shopfloor-analytics
ANONYMIZED_PAGE = "references/one-data-hub-for-340-investment-funds/"


@pytest.fixture(scope="module")
def published(demo_output: Path) -> list[str]:
    """Titles of the references the demo publishes, from the review itself."""
    report = review_project(demo_output.parent / "content", None, AS_OF, cache=False)
    return sorted(r.title for r in public_catalog(report).references)


@pytest.fixture
def strict_page(browser: object) -> Iterator[object]:
    """A tab that enforces the page's Content-Security-Policy (no bypass)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.csp_messages = []
    tab.on(
        "console",
        lambda m: tab.csp_messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield tab
    context.close()


def shown_titles(tab: object) -> list[str]:
    return tab.locator("#cards > li:visible .card__title").all_inner_texts()


def query_of(tab: object) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.url).query)


def test_search_finds_a_reference_by_a_word_only_in_its_story(strict_page, public_url):
    strict_page.goto(f"{public_url}/index.html")
    assert STORY_WORD.lower() not in strict_page.content().lower()  # not in any card
    strict_page.fill("#finder-q", STORY_WORD)
    status = strict_page.locator("#result-status")
    status.filter(has_text="match").wait_for()
    assert status.inner_text() == f"1 reference matching “{STORY_WORD}”"
    visible = strict_page.locator("#cards > li:visible")
    assert visible.evaluate_all("cards => cards.map(c => c.dataset.id)") == [
        "ferrovia-shopfloor-analytics"
    ]
    assert visible.locator("mark").first.inner_text().startswith(STORY_WORD)
    assert query_of(strict_page) == {"q": [STORY_WORD]}
    # the Pagefind JS API itself, imported by a path relative to the home page
    found = strict_page.evaluate(
        "async (q) => { const pf = await import('./pagefind/pagefind.js');"
        " const r = await pf.search(q); return Promise.all(r.results.map(x => x.data())); }",
        STORY_WORD,
    )
    assert [f["meta"]["refid"] for f in found] == ["ferrovia-shopfloor-analytics"]
    assert strict_page.csp_messages == []


def test_search_finds_an_anonymized_reference_by_its_public_address(strict_page, public_url):
    strict_page.goto(f"{public_url}/index.html?q=endowments")
    strict_page.locator("#result-status").filter(has_text="match").wait_for()
    link = strict_page.locator("#cards > li:visible .card__link")
    assert link.get_attribute("href") == (
        "./references/intraday-risk-for-a-multi-strategy-fund-manager/"
    )
    assert shown_titles(strict_page) == ["Intraday risk for a multi-strategy fund manager"]


def test_filters_narrow_the_list_live_in_the_url_and_survive_a_reload(page, public_url):
    page.goto(f"{public_url}/index.html")
    assert len(shown_titles(page)) == PAGE_SIZE  # the first page of 26
    page.select_option("#filter-industry", "banking")
    assert shown_titles(page) == BANKING
    assert page.locator("#result-status").inner_text() == "5 references · Industry: Banking"
    # counts follow the other filters: 2 of the 5 banking references use Identity Vault
    option = page.locator("#filter-product option[value='identity-vault']")
    assert option.inner_text() == "Identity Vault (2)"
    page.select_option("#filter-product", "identity-vault")
    assert shown_titles(page) == BANKING_WITH_IDENTITY_VAULT
    assert query_of(page) == {"industry": ["banking"], "product": ["identity-vault"]}

    page.reload()
    assert page.input_value("#filter-industry") == "banking"
    assert page.input_value("#filter-product") == "identity-vault"
    assert shown_titles(page) == BANKING_WITH_IDENTITY_VAULT

    page.go_back()  # each filter choice is a step in the history
    assert query_of(page) == {"industry": ["banking"]}
    assert shown_titles(page) == BANKING
    page.click("#finder-clear")
    assert len(shown_titles(page)) == PAGE_SIZE and query_of(page) == {}


def test_a_shared_link_opens_with_its_filters(page, public_url):
    page.goto(f"{public_url}/index.html?region=apac&industry=insurance")
    assert page.input_value("#filter-region") == "apac"
    assert shown_titles(page) == [
        "Insurance data platform moved to the cloud",
        "A broker portal that brokers actually use",
    ]
    page.goto(f"{public_url}/index.html?industry=no-such-industry")
    assert page.input_value("#filter-industry") == ""
    assert len(shown_titles(page)) == PAGE_SIZE


def test_without_javascript_every_published_reference_is_listed(browser, public_url, published):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        tab = context.new_page()
        tab.goto(f"{public_url}/page/2/index.html")
        rest = shown_titles(tab)
        tab.goto(f"{public_url}/index.html")
        assert sorted(shown_titles(tab) + rest) == published
        assert len(published) == 26
        assert tab.locator("#finder").is_hidden()  # controls that would not work
        assert tab.locator("#result-status").inner_text() == "26 references · page 1 of 2"
        tab.click(f"text={BANKING[0]}")
        assert tab.locator("h1").inner_text() == BANKING[0]
    finally:
        context.close()


PAGES = [
    ("home", "index.html"),
    ("home-filtered", "index.html?industry=banking&q=identity"),
    ("reference", "references/aurora-smart-meter-stream/"),
    ("reference-anonymized", ANONYMIZED_PAGE),
    ("reference-monogram", "references/hanse-regulatory-reporting/"),
]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_axe_finds_no_serious_violation(page, public_url, name, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{public_url}/{path}")
    if "q=" in path:
        page.locator("#result-status").filter(has_text="match").wait_for()
    assert axe_violations(page) == []


def test_landmarks_headings_and_skip_link(page, public_url):
    page.goto(f"{public_url}/index.html")
    for landmark in ("banner", "main", "contentinfo", "search", "navigation"):
        assert page.get_by_role(landmark).count() >= 1, landmark
    levels = page.locator("h1, h2, h3").evaluate_all("hs => hs.map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "main"
    for select in page.locator("select").all():
        assert page.locator(f"label[for='{select.get_attribute('id')}']").count() == 1
    logos = page.locator(".logo-tile img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert logos and all(alt.endswith(" logo") for alt in logos)


def test_csp_blocks_inline_script_and_style(strict_page, public_url):
    strict_page.goto(f"{public_url}/index.html")
    assert strict_page.evaluate("document.documentElement.className") == "js"  # our own script
    blocked = strict_page.evaluate(
        """() => new Promise(resolve => {
            const seen = [];
            document.addEventListener(
                'securitypolicyviolation', e => seen.push(e.effectiveDirective));
            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = true';
            document.body.appendChild(script);
            const box = document.createElement('div');
            box.innerHTML = '<p id="styled" style="color: rgb(1, 2, 3)">x</p>';
            document.body.appendChild(box);
            setTimeout(() => resolve({
                ran: window.__inlineRan === true,
                color: getComputedStyle(document.getElementById('styled')).color,
                seen,
            }), 100);
        })"""
    )
    assert blocked["ran"] is False
    assert blocked["color"] != "rgb(1, 2, 3)"
    assert "script-src-elem" in blocked["seen"] and "style-src-attr" in blocked["seen"]


def test_pages_need_no_inline_code_and_no_network(demo_output):
    public = demo_output / "public"
    for html in [public / "index.html", *sorted((public / "references").glob("*/index.html"))]:
        text = html.read_text(encoding="utf-8")
        assert " style=" not in text, html.name
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), html.name
        for tag in re.findall(r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*>", text):
            if 'rel="canonical"' not in tag:  # the site's own public address, never loaded
                assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", tag), tag
    css = (public / "theme/css/site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "//" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_public_pages_invite_search_engines(page, public_url):
    page.goto(f"{public_url}/index.html")
    assert page.locator("meta[name=robots]").count() == 0
    assert page.locator("link[rel=canonical]").get_attribute("href").startswith("https://")


def test_screenshots(browser, public_url):
    """Home at desktop and phone width, a reference page, a search: for people to look at."""
    shots = [
        ("public-home-1280", 1280, "index.html"),
        ("public-home-390", 390, "index.html"),
        ("public-home-390-first-screen", 390, "index.html"),
        ("public-reference-1280", 1280, "references/aurora-smart-meter-stream/"),
        ("public-reference-390", 390, ANONYMIZED_PAGE),
        ("public-search-1280", 1280, "index.html?q=identity&industry=banking#references"),
    ]
    for name, width, path in shots:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            tab = context.new_page()
            tab.goto(f"{public_url}/{path}")
            if "q=" in path:
                tab.locator("#result-status").filter(has_text="match").wait_for()
            full = not name.startswith("public-search") and not name.endswith("first-screen")
            assert screenshot(tab, name, full_page=full).stat().st_size > 10_000
        finally:
            context.close()
