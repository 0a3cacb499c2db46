"""Browser fixtures: the demo catalogs built once, served on 127.0.0.1, driven in Chromium.

Chromium is Debian's (`/usr/bin/chromium`), driven by Playwright without a download.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from refcat.generator.commands import serve
from tests.demo import build_demo

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

AS_OF = date(2026, 11, 25)
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both catalogs of the shipped demo content, built as `refcat build` builds them."""
    return build_demo(tmp_path_factory.mktemp("demo"))


def _serve(folder: Path) -> Iterator[str]:
    server = serve.make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def public_url(demo_output: Path) -> Iterator[str]:
    yield from _serve(demo_output / "public")


@pytest.fixture(scope="session")
def internal_url(demo_output: Path) -> Iterator[str]:
    yield from _serve(demo_output / "internal")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make browser` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    # bypass_csp lets axe-core be injected; the CSP itself is tested without it
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()
