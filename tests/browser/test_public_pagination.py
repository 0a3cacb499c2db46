"""Tests in Chromium: the public list in pages, and filters across the whole catalog.

A program of 60 public references (three pages of 24): without JavaScript every page
is reachable by its links; with it a filter finds cards from any page, keeps itself
in the URL and says what it filters; the skip link passes the logo wall; a search
excerpt starts at a word boundary.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcat.generator.commands import build
from refcat.generator.public.listing import PAGE_SIZE
from tests.browser.chromium_tools import axe_violations
from tests.browser.conftest import AS_OF, _serve
from tests.factories import Project, day, taxonomy_record

COUNT = 60
# the newest reference is 0; page 3 holds 48..59
INSURANCE_AMERICAS = (50, 55)
INSURANCE_EMEA = (2,)
ANONYMIZED = 1  # an asset manager: its sector is disclosed only anonymously
FILLER = "The team planned each wave with the business and kept every old report running. "
STORY = FILLER * 6 + "Then the zeppelin dashboard went live for the night shift. " + FILLER * 6


def _program(root: Path) -> Project:
    project = Project(root)
    sectors = taxonomy_record()["sectors"] | {
        "insurance": {"label": "Insurance", "disclosure": "open"}
    }
    project.taxonomy(sectors=sectors)
    project.logo("logos/acme.svg")
    project.customer("acme", logo="logos/acme.svg", consents=_consents("logo"))
    project.customer("mutual", name="Harbor Mutual", sector="insurance", consents=_consents())
    project.customer(
        "north",
        name="North Life",
        sector="insurance",
        region="Americas",
        country="US",
        consents=_consents(),
    )
    project.customer("fund", name="Quiet Capital", sector="asset-management", consents=_consents())
    for n in range(COUNT):
        customer = (
            "north" if n in INSURANCE_AMERICAS else "mutual" if n in INSURANCE_EMEA else "acme"
        )
        customer = "fund" if n == ANONYMIZED else customer
        project.reference(
            f"story-{n:02}",
            customer=customer,
            title=f"Project number {n}",
            completed=day(-100 - n),
            body=STORY if n == 30 else "A short story.\n",
        )
    return project


def _consents(*extra: str) -> list[dict[str, object]]:
    return [{"scope": s, "granted": day(-400)} for s in ("name", "case-study", "quote", *extra)]


@pytest.fixture(scope="module")
def list_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("paged")
    project = _program(root)
    out = io.StringIO()
    code = build.run(project.content, None, AS_OF, root / "output", out, audience="public")
    assert code == 0, out.getvalue()
    yield from _serve(root / "output" / "public")


def _titles(page: object) -> list[str]:
    return page.locator("#cards .card__title").all_inner_texts()


def test_without_javascript_every_page_is_reachable(browser: object, list_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{list_url}/index.html")
    assert _titles(page) == [f"Project number {n}" for n in range(PAGE_SIZE)]
    assert page.locator("#finder").is_hidden()
    page.locator("#pager a[rel=next]").click()
    assert page.url.endswith("/page/2/index.html")
    assert _titles(page)[0] == f"Project number {PAGE_SIZE}"
    assert page.locator("#pager [aria-current=page]").inner_text().endswith("2")
    page.locator("#pager .pager__page", has_text="3").click()
    assert _titles(page)[-1] == f"Project number {COUNT - 1}"
    assert page.locator("#pager a[rel=next]").count() == 0
    page.locator("#pager a[rel=prev]").click()
    page.locator("#pager a[rel=prev]").click()
    assert _titles(page)[0] == "Project number 0"
    context.close()


def test_filters_combine_across_pages_and_stay_in_the_url(page: object, list_url: str) -> None:
    page.goto(f"{list_url}/index.html")
    page.wait_for_selector("#finder[data-ready=true]")
    assert page.locator("#filter-industry option[value=insurance]").inner_text() == "Insurance (3)"
    page.select_option("#filter-industry", "insurance")
    page.select_option("#filter-region", "americas")
    assert _titles(page) == ["Project number 50", "Project number 55"]
    assert page.locator("#pager").is_hidden()
    status = page.locator("#result-status").inner_text()
    assert status == "2 references · Industry: Insurance · Region: Americas"
    assert "industry=insurance" in page.url and "region=americas" in page.url
    page.reload()
    page.wait_for_selector("#finder[data-ready=true]")
    assert _titles(page) == ["Project number 50", "Project number 55"]
    page.click("#finder-clear")
    assert len(_titles(page)) == PAGE_SIZE
    assert "?" not in page.url and page.locator("#pager").is_visible()
    assert page.locator("#result-status").inner_text().startswith(f"{COUNT} references")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_list_page_has_no_serious_accessibility_violation(
    page: object, list_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{list_url}/page/2/index.html")
    page.wait_for_selector("#finder[data-ready=true]")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_show_more_continues_the_filtered_list(page: object, list_url: str) -> None:
    page.goto(f"{list_url}/page/2/index.html?product=data-hub")
    page.wait_for_selector("#finder[data-ready=true]")
    assert _titles(page)[0] == "Project number 0"  # the whole catalog, not page 2's
    page.click("#show-more")
    assert len(_titles(page)) == 2 * PAGE_SIZE
    page.click("#show-more")
    assert len(_titles(page)) == COUNT and page.locator("#show-more").is_hidden()


def test_the_skip_link_passes_the_logo_wall(page: object, list_url: str) -> None:
    page.goto(f"{list_url}/index.html")
    page.wait_for_selector("#finder[data-ready=true]")
    assert page.locator(".logo-wall a").count() > 0
    tabs = 0
    while page.evaluate("document.activeElement.id") != "finder-q" and tabs < 3:
        page.keyboard.press("Tab")
        tabs += 1
        if page.evaluate("document.activeElement.id") == "skip-search":
            page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "finder-q"
    assert tabs <= 3


def test_a_search_excerpt_starts_at_a_word_boundary(page: object, list_url: str) -> None:
    page.goto(f"{list_url}/index.html?q=zeppelin")
    page.wait_for_selector("#finder[data-ready=true]")
    excerpt = page.locator("#ref-story-30 [data-excerpt]")
    text = excerpt.inner_text()
    assert excerpt.locator("mark").inner_text().lower() == "zeppelin"
    words = set(re.findall(r"[A-Za-z]+", STORY))
    first = re.match(r"…?\s*([A-Za-z]+)", text)
    assert first is not None and first.group(1) in words, text
    assert text.startswith(("…", "Then")), text


def test_an_anonymized_card_shows_its_label_without_a_padlock(page: object, list_url: str) -> None:
    page.goto(f"{list_url}/index.html")
    card = page.locator(".card", has_text=f"Project number {ANONYMIZED}").first
    assert card.locator(".card__customer").inner_text().startswith("Asset management")
    assert "Quiet Capital" not in card.inner_text()
    assert card.locator(".icon--sector").count() == 1
    assert page.locator(".card .icon--lock").count() == 0
