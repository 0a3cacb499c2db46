"""What a social network reads from a reference page: a large PNG share image, absolute."""

from __future__ import annotations

import io

from PIL import Image

SITE_URL = "https://www.tessellate.example/customers"  # the demo's REFCAT_SITE_URL
NAMED_PAGE = "references/alpine-claims-integration/"
ANONYMIZED_PAGE = "references/one-data-hub-for-340-investment-funds/"


def meta(page: object) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('meta[property], meta[name]')]
            .map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))"""
    )


def test_a_reference_page_offers_a_large_png_share_image(page, public_url):
    page.goto(f"{public_url}/{NAMED_PAGE}")
    tags = meta(page)
    image = f"{SITE_URL}/share/alpine-claims-integration.png"
    assert tags["og:image"] == tags["twitter:image"] == image
    assert tags["twitter:card"] == "summary_large_image"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:type"] == "image/png"
    assert tags["og:image:alt"].startswith("Claims handled in days, not weeks · Alpine Mutual")
    response = page.request.get(image.replace(SITE_URL, public_url))
    assert response.ok and response.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(response.body())).size == (1200, 630)


def test_an_anonymized_page_shares_an_image_that_does_not_name_the_customer(page, public_url):
    page.goto(f"{public_url}/{ANONYMIZED_PAGE}")
    tags = meta(page)
    assert tags["og:image"].endswith("/share/one-data-hub-for-340-investment-funds.png")
    assert "Harbourview" not in tags["og:image:alt"]
    loaded = page.evaluate(
        """async (src) => { const img = new Image(); img.src = src; await img.decode();
            return [img.naturalWidth, img.naturalHeight]; }""",
        tags["og:image"].replace(SITE_URL, public_url),
    )
    assert loaded == [1200, 630]
