"""The internal catalog in Chromium, on the demo content: facets, search, the URL as
state, find-a-referee, availability on a customer page, accessibility, the printed
sheet, and the Content-Security-Policy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from refcat.checks.run import review_project
from refcat.generator.internal.finder import Query, rank, referee_entries
from refcat.generator.internal.views import Program
from tests.browser.chromium_tools import SCREENSHOTS, axe_violations, screenshot
from tests.browser.conftest import AS_OF, PROJECT

BANKING_EMEA = [
    "hanse-regulatory-reporting",
    "kestrel-core-data-migration",
    "kestrel-fraud-alerts-pilot",
    "kestrel-open-banking-gateway",
]


def settle(page, root: str = "#catalog") -> None:
    """Wait until the page's script has applied the latest change."""
    page.wait_for_function(
        "(root) => { const node = document.querySelector(root);"
        " return node && node.dataset.ready === 'true' && !node.hasAttribute('aria-busy'); }",
        arg=root,
    )


def shown(page, list_id: str = "results") -> list[str]:
    return page.eval_on_selector_all(f"#{list_id} > li", "items => items.map(i => i.dataset.id)")


def count_of(page, facet: str, value: str) -> str:
    return page.inner_text(f'input[name="{facet}"][value="{value}"] ~ [data-count]')


def test_two_facets_and_a_search_narrow_the_list(page, internal_url):
    page.goto(f"{internal_url}/index.html")
    assert len(shown(page)) == 48
    page.check('input[name="industry"][value="banking"]')
    settle(page)
    assert len(shown(page)) == 8
    page.check('input[name="region"][value="EMEA"]')
    settle(page)
    assert sorted(shown(page)) == BANKING_EMEA
    # a facet's counts follow the other facets: banks per region, EMEA projects per industry
    assert (count_of(page, "region", "Americas"), count_of(page, "region", "APAC")) == ("3", "1")
    assert count_of(page, "industry", "retail") == "3"  # bramble-finch, lumen x2
    page.fill("#q", "regulator")
    page.press("#q", "Enter")
    settle(page)
    assert sorted(shown(page)) == [
        "hanse-regulatory-reporting",
        "kestrel-core-data-migration",
        "kestrel-open-banking-gateway",
    ]
    assert page.inner_text("#result-count") == "Showing 1\u20133 of 3"
    assert page.locator("#active-filters li").count() == 3
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "catalog-filtered")


def test_search_finds_words_of_the_caveats(page, internal_url):
    page.goto(f"{internal_url}/index.html")
    page.fill("#q", "firewall")  # only in the caveats of kestrel-core-data-migration
    page.press("#q", "Enter")
    settle(page)
    assert shown(page) == ["kestrel-core-data-migration"]


def test_the_filter_state_is_in_the_url_and_survives_a_reload(page, internal_url):
    page.goto(f"{internal_url}/index.html")
    page.check('input[name="industry"][value="banking"]')
    settle(page)
    page.check('input[name="region"][value="EMEA"]')
    settle(page)
    assert re.search(r"\?industry=banking&region=EMEA$", page.url)
    page.reload()
    settle(page)
    assert sorted(shown(page)) == BANKING_EMEA
    assert page.is_checked('input[name="industry"][value="banking"]')
    assert page.is_checked('input[name="region"][value="EMEA"]')
    page.goto(f"{internal_url}/index.html?q=regulator&industry=banking&region=EMEA")
    settle(page)
    assert len(shown(page)) == 3 and page.input_value("#q") == "regulator"
    page.go_back()
    settle(page)
    assert sorted(shown(page)) == BANKING_EMEA


def test_cards_rendered_in_the_browser_equal_the_servers(page, internal_url):
    page.goto(f"{internal_url}/index.html")
    server = page.eval_on_selector_all("#results > li", "items => items.map(i => i.outerHTML)")
    page.check('input[name="status"][value="published"]')
    settle(page)
    page.uncheck('input[name="status"][value="published"]')
    settle(page)
    browser = page.eval_on_selector_all("#results > li", "items => items.map(i => i.outerHTML)")

    def normal(html: str) -> str:
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()

    assert [normal(h) for h in browser] == [normal(h) for h in server]


def test_find_a_referee_ranks_kestrel_first_and_lists_lumen_as_resting(page, internal_url):
    page.goto(f"{internal_url}/find.html")
    page.select_option("#finder-industry", "banking")
    page.select_option("#finder-region", "EMEA")
    page.select_option("#finder-product", "data-hub")
    settle(page, "#finder")
    ranked = shown(page, "ranked")
    assert ranked[0].startswith("kestrel-")
    lumen = page.locator('#near > li[data-id^="lumen-"]')
    assert lumen.count() == 1  # one customer once: its other resting project is folded
    assert "resting until 2026-12-02" in lumen.first.inner_text()
    assert "1 more reference of this customer" in lumen.first.inner_text()
    assert "industry=banking&region=EMEA&product=data-hub" in page.url
    # the browser ranks and folds exactly as generator/internal/finder.py does
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    expected = rank(Query("banking", "EMEA", "data-hub"), referee_entries(Program(report)))
    assert folded(page, "ranked") == python_folded(expected.ranked)
    assert folded(page, "near") == python_folded(expected.near_misses)
    first = page.locator("#ranked > li").first
    assert (
        "Eleanor Whitcombe" in first.inner_text() and "+3 Tessellate Data Hub" in first.inner_text()
    )
    log = first.locator(".log-request")
    editor = "/admin/#/collections/customers/entries/kestrel-savings-bank"
    assert log.locator("a").get_attribute("href") == editor
    assert log.is_hidden()  # served without the editor: no link that leads nowhere
    assert page.locator("#near > li .log-request").count() == 0  # not askable: nothing to log
    page.reload()
    settle(page, "#finder")
    assert shown(page, "ranked") == ranked
    assert page.input_value("#finder-product") == "data-hub"
    screenshot(page, "find-a-referee", full_page=True)


def folded(page, list_id: str) -> list[tuple[str, list[str]]]:
    """Each listed reference with the references folded under it, as the page shows them."""
    return [
        tuple(pair)
        for pair in page.eval_on_selector_all(
            f"#{list_id} > li",
            "items => items.map(i => [i.dataset.id, [...i.querySelectorAll("
            "'.candidate__more li a')].map(a => a.pathname.split('/').pop().slice(0, -5))])",
        )
    ]


def python_folded(candidates) -> list[tuple[str, list[str]]]:
    return [(c.entry.card.id, [o.entry.card.id for o in c.others]) for c in candidates][:20]


def test_a_customer_page_says_until_when_it_rests(page, internal_url):
    page.goto(f"{internal_url}/customers/lumen-retail-group.html")
    banner = page.inner_text(".availability-banner")
    assert "resting until 2026-12-02" in banner
    assert "Sanne de Vries" in page.inner_text("#contacts-title + ul")
    screenshot(page, "customer", full_page=True)
    page.goto(f"{internal_url}/customers/kestrel-savings-bank.html")
    assert "Reference call: available" in page.inner_text(".availability-banner")


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "index.html?industry=banking&region=EMEA",
        "references/kestrel-core-data-migration.html",
        "customers/lumen-retail-group.html",
        "find.html?industry=banking&region=EMEA&product=data-hub",
        "dashboard.html",
        "findings.html",
        "customers/index.html",
        "strengths/zero-downtime-migration.html",
        "technologies/index.html",
        "technologies/centos/7.html",
        "products/data-hub.html",
    ],
)
def test_no_serious_accessibility_violation(page, internal_url, path):
    page.goto(f"{internal_url}/{path}")
    if path.startswith(("index.html", "find.html")):
        settle(page, "#finder" if path.startswith("find.html") else "#catalog")
    assert axe_violations(page) == []


def test_the_dashboard(page, internal_url):
    page.goto(f"{internal_url}/dashboard.html")
    assert page.inner_text("#tile-askable") == "16"
    assert page.locator("svg.chart").count() == 4
    screenshot(page, "dashboard", full_page=True)


def test_the_printed_sheet_leaves_internal_notes_out_unless_asked(page, internal_url):
    page.goto(f"{internal_url}/references/kestrel-core-data-migration.html")
    page.emulate_media(media="print")
    assert not page.is_visible(".panel--caveats")
    assert not page.is_visible(".site-header")
    assert page.is_visible(".benefits")
    page.eval_on_selector("#print-internal", "box => { box.checked = true; }")
    assert page.is_visible(".panel--caveats")
    page.eval_on_selector("#print-internal", "box => { box.checked = false; }")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / "reference-sheet.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = _pdf_pages(pdf)
    assert len(pages) == 1, "the reference sheet prints on one page"


def _pdf_pages(pdf: Path) -> list[Path]:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm missing: apt-get install -y poppler-utils")
    prefix = pdf.with_suffix("")
    for old in pdf.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


def test_the_content_security_policy_holds(browser, internal_url):
    context = browser.new_context()  # no bypass: the page's own policy applies
    tab = context.new_page()
    refused: list[str] = []
    tab.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    try:
        for path in ("dashboard.html", "customers/kestrel-savings-bank.html"):
            tab.goto(f"{internal_url}/{path}")
        tab.goto(f"{internal_url}/index.html?industry=banking&q=regulator")
        settle(tab)
        # banking and "regulator": the three in EMEA, meridian, and larkspur by its strength
        assert len(shown(tab)) == 5
        tab.goto(f"{internal_url}/find.html?industry=banking&region=EMEA&product=data-hub")
        settle(tab, "#finder")
        assert shown(tab, "ranked")[0].startswith("kestrel-")
    finally:
        context.close()
    assert refused == []
