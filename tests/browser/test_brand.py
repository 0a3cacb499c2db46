"""A second company's catalog in Chromium: its name, logo, colours, font, links and call to
action, under the real Content-Security-Policy, and nothing of the demo company."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator

import pytest

from refcat.generator.commands import build
from tests.browser.chromium_tools import axe_violations, screenshot
from tests.browser.conftest import AS_OF, PROJECT, _serve

EXAMPLE = PROJECT / "examples" / "lumio"
REFERENCE = "references/kestrel-multi-currency-bookings"
LUMIO_GREEN = "rgb(11, 110, 79)"  # primary #0b6e4f in examples/lumio/pelicanconf.py
DEMO_LOOK = re.compile(r"tessellat|#3340c4|#8a93e6|#161a33|51, 64, 196", re.IGNORECASE)


@pytest.fixture(scope="module")
def example_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("lumio")
    shutil.copytree(EXAMPLE, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".refcat*"))
    out = io.StringIO()
    settings = project / "pelicanconf.py"
    code = build.run(project / "content", settings, AS_OF, project / "output", out)
    assert code == 0, out.getvalue()
    yield from _serve(project / "output" / "public")


@pytest.fixture
def strict_page(browser: object) -> Iterator[object]:
    """A tab that obeys the pages' Content-Security-Policy: what the brand needs is allowed."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _reference(base: str) -> str:
    return f"{base}/{REFERENCE}/"


def test_the_example_wears_its_own_brand_under_its_policy(strict_page, example_url):
    blocked: list[str] = []
    strict_page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None
    )
    strict_page.goto(f"{example_url}/index.html")
    strict_page.evaluate("document.fonts.ready")
    assert strict_page.locator(".site-header .brand__name").inner_text() == "Lumio"
    logo = strict_page.locator(".site-header .brand__logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert strict_page.locator(".eyebrow").first.evaluate("e => getComputedStyle(e).color") == (
        LUMIO_GREEN
    )
    family = strict_page.locator("body").evaluate("b => getComputedStyle(b).fontFamily")
    assert family.startswith('"Open Sans"')
    assert strict_page.evaluate("document.fonts.check('700 16px \"Open Sans\"')")
    nav = strict_page.locator(".site-nav").inner_text()
    assert "Pricing" in nav and "Developers" in nav
    assert not blocked
    screenshot(strict_page, "brand-example-home")


def test_every_reference_page_ends_in_the_call_to_action(strict_page, example_url):
    strict_page.goto(_reference(example_url))
    button = strict_page.locator(".cta .cta__button")
    assert button.inner_text() == "Book a demo"
    assert button.get_attribute("href") == "https://www.lumio.example/demo"
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == LUMIO_GREEN
    footer = strict_page.locator(".site-footer").inner_text()
    assert "About Lumio" in footer and "Imprint" in footer
    assert "Lumio B.V., Amsterdam" in footer


@pytest.mark.parametrize("path", ["index.html", REFERENCE + "/"])
def test_nothing_of_the_demo_company_shows(strict_page, example_url, path):
    strict_page.goto(f"{example_url}/{path}")
    assert not DEMO_LOOK.search(strict_page.content())
    colours = strict_page.evaluate(
        "[...document.querySelectorAll('*')].map(e => getComputedStyle(e))"
        ".map(s => s.color + s.backgroundColor + s.backgroundImage).join(' ')"
    )
    assert not DEMO_LOOK.search(colours)


@pytest.mark.parametrize("path", ["index.html", REFERENCE + "/"])
def test_the_branded_pages_have_no_serious_accessibility_problem(page, example_url, path):
    page.goto(f"{example_url}/{path}")
    assert axe_violations(page) == []


def test_the_phone_layout_keeps_the_brand_and_the_call_to_action(browser, example_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(_reference(example_url))
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing forces the page wider than the phone
        assert tab.locator(".site-header .brand__logo").is_visible()
        assert tab.locator(".cta__button").is_visible()
        screenshot(tab, "brand-example-reference-390", full_page=True)
    finally:
        context.close()


def test_the_demo_wears_its_brand_from_its_settings(strict_page, public_url):
    strict_page.goto(f"{public_url}/index.html")
    assert strict_page.locator(".site-header .brand__name").inner_text() == "Tessellate"
    assert strict_page.locator(".site-header .brand__logo").evaluate("i => i.naturalWidth > 0")
    eyebrow = strict_page.locator(".eyebrow").first
    assert eyebrow.evaluate("e => getComputedStyle(e).color") == "rgb(51, 64, 196)"
