"""The demo public catalog opens in Chromium."""

from tests.browser.chromium_tools import axe_violations


def test_public_home_opens(page, public_url):
    page.goto(f"{public_url}/index.html")
    assert "Customer references" in page.title()
    assert axe_violations(page) is not None
