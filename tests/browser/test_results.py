"""Tests in Chromium: a reference page leads with its results as big numbers and shows
its story image, with alt text, only where the consents allow it."""

from __future__ import annotations

from pathlib import Path

from tests.browser.chromium_tools import axe_violations

WITH_IMAGE = "southern-cross-cloud-data-platform"  # three figures and a PNG story image


def address(public: Path, reference: str) -> str:
    """The page's path, whether written as `references/<id>/` or `references/<id>.html`."""
    clean = public / "references" / reference / "index.html"
    return f"references/{reference}/" if clean.is_file() else f"references/{reference}.html"


def test_figures_stand_out_and_the_image_loads_with_its_alt_text(page, public_url, demo_output):
    page.goto(f"{public_url}/{address(demo_output / 'public', WITH_IMAGE)}")
    numbers = page.locator(".headline-figure__number")
    assert numbers.all_inner_texts() == ["2", "31 %", "3x"]
    labels = page.locator(".headline-figure__label").all_inner_texts()
    assert labels[0] == "data centres closed"
    number_size = numbers.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    label_size = page.locator(".headline-figure__label").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert number_size >= 2 * label_size  # a headline, not a list row
    assert page.locator(".outcome").count() == 0  # every benefit here is a figure

    image = page.locator("img.story-image, .story-image img")
    assert image.get_attribute("alt", timeout=2000).startswith("Server racks of two closed")
    assert image.evaluate("e => e.complete && e.naturalWidth > 0")  # it loads
    assert axe_violations(page) == []


def test_on_a_phone_the_figures_and_the_image_fit_the_screen(browser, public_url, demo_output):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{public_url}/{address(demo_output / 'public', WITH_IMAGE)}")
    shown = tab.locator(".story-image img, .headline-figure").all()
    assert len(shown) == 4
    for element in shown:
        box = element.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    context.close()


def test_no_anonymized_page_shows_a_story_image(demo_output):
    public = demo_output / "public"
    pages = [p.read_text(encoding="utf-8") for p in (public / "references").rglob("*.html")]
    anonymized = [html for html in pages if "Shown without the customer's name" in html]
    assert anonymized and all("story-image" not in html for html in anonymized)
    images = sorted(p.name for p in (public / "images").iterdir() if not p.name.endswith(".gz"))
    # the demo's third image belongs to a reference without a valid case-study consent
    assert images == ["aurora-smart-meter-stream.svg", f"{WITH_IMAGE}.png"]
