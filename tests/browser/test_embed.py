"""The embed on another website: a quote and a logo strip read from the catalog when viewed.

The catalog is served on one port (with the CORS header its server must send for
`catalog.json`), the embedding product page on another, with a CSP that allows no
inline script. After a rebuild that withdraws the quoted reference, reloading the
product page no longer shows it: the takedown reaches every page that embeds it.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from refcat.generator.commands import build
from tests.browser.conftest import AS_OF
from tests.factories import Project, baseline, customer_record, day

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200"/></svg>'
SECOND_QUOTE = {"text": "Our data finally agrees.", "author": "Max Poe", "approved": day(-30)}


class _CatalogHandler(SimpleHTTPRequestHandler):
    """The catalog's server as the docs configure it: CORS for catalog.json."""

    def end_headers(self) -> None:
        if self.path.split("?")[0].endswith("catalog.json"):
            self.send_header("Access-Control-Allow-Origin", "*")
            # a rebuild within the second keeps the Last-Modified second, and this server
            # would answer the browser's revalidation with 304 and the old catalog
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _http(folder: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class _WebsiteHandler(SimpleHTTPRequestHandler):
    """The website that embeds the catalog: another origin, no CORS header."""

    def log_message(self, *args: object) -> None:
        pass


def _script(catalog: str, kind: str) -> str:
    """The snippet as the docs give it, for the Data Hub product page."""
    source = f"{catalog}/theme/js/embed.js"
    return f'<script src="{source}" data-refcat="{kind}" data-product="data-hub" async></script>'


def _build(project: Project) -> None:
    out = io.StringIO()
    output = project.root / "output"
    code = build.run(project.content, None, AS_OF, output, out, audience="public")
    assert code == 0, out.getvalue()


@pytest.fixture
def program(tmp_path: Path) -> Project:
    """Two customers with logo consent, each with a quoted Data Hub reference."""
    project = baseline(Project(tmp_path / "program"))
    consents = [*customer_record()["consents"], {"scope": "logo", "granted": day(-400)}]
    for customer, name in (("acme", "Acme Bank"), ("beta", "Beta Bank")):
        project.write(f"logos/{customer}.svg", LOGO)
        project.customer(customer, name=name, logo=f"logos/{customer}.svg", consents=consents)
    project.reference("acme-core", completed=day(-20))  # newest: the one quoted
    project.reference("beta-hub", customer="beta", title="Hub", quote=SECOND_QUOTE)
    _build(project)
    return project


@pytest.fixture
def catalog_url(program: Project) -> Iterator[str]:
    yield from _http(program.root / "output" / "public", _CatalogHandler)


def _product_page(folder: Path, catalog: str, body: str) -> None:
    """A product page of the website, whose CSP allows scripts from the catalog only."""
    csp = f"default-src 'none'; script-src {catalog}; connect-src {catalog}; "
    csp += f"img-src {catalog}; style-src {catalog}; frame-src {catalog}"
    (folder / "product.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        f"<title>Data Hub</title></head><body><main><h1>Data Hub</h1>{body}</main></body></html>",
        encoding="utf-8",
    )


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # CSP enforced
    yield context.new_page()
    context.close()


def _rendered(tab: object, selector: str = "[data-refcat-state]") -> str:
    tab.wait_for_selector(selector, state="attached")
    return tab.locator(selector).first.get_attribute("data-refcat-state")


def test_a_quote_embedded_elsewhere_leaves_with_the_reference(program, catalog_url, tab, tmp_path):
    script = _script(catalog_url, "quote")
    _product_page(tmp_path, catalog_url, script)
    for website in _http(tmp_path, _WebsiteHandler):
        tab.goto(f"{website}/product.html")
        assert _rendered(tab) == "shown"
        figure = tab.locator("figure.refcat-quote")
        assert figure.locator("blockquote").inner_text() == "It just worked."
        assert "Jane Roe, Acme Bank" in figure.locator("figcaption").inner_text()
        link = figure.get_by_role("link", name="Read the story: Core banking migration")
        assert link.get_attribute("href") == f"{catalog_url}/references/acme-core/"

        program.reference("acme-core", publish="internal")
        _build(program)
        tab.reload()
        assert _rendered(tab) == "shown"
        assert "It just worked." not in tab.locator("main").inner_text()
        assert tab.locator("blockquote").inner_text() == SECOND_QUOTE["text"]


def test_a_logo_strip_links_each_logo_to_its_story(program, catalog_url, tab, tmp_path):
    script = _script(catalog_url, "logos")
    _product_page(tmp_path, catalog_url, script)
    for website in _http(tmp_path, _WebsiteHandler):
        tab.goto(f"{website}/product.html")
        assert _rendered(tab) == "shown"
        strip = tab.get_by_role("list", name="Customers using Data Hub")
        assert [i.get_attribute("alt") for i in strip.locator("img").all()] == [
            "Acme Bank",
            "Beta Bank",
        ]
        assert (
            tab.get_by_role("link", name="Beta Bank")
            .get_attribute("href")
            .endswith("/references/beta-hub/")
        )
        assert tab.evaluate("document.getElementById('refcat-embed-css') !== null")


def test_the_iframe_form_shows_the_same_quote(program, catalog_url, tab, tmp_path):
    source = f"{catalog_url}/embed.html?kind=quote&product=data-hub"
    frame = f'<iframe src="{source}" title="Customer quote"></iframe>'
    _product_page(tmp_path, catalog_url, frame)
    for website in _http(tmp_path, _WebsiteHandler):
        tab.goto(f"{website}/product.html")
        quote = tab.frame_locator("iframe").locator("blockquote")
        assert quote.inner_text() == "It just worked."
        link = tab.frame_locator("iframe").get_by_role(
            "link", name="Read the story: Core banking migration"
        )
        assert link.get_attribute("target") == "_top"


def test_nothing_is_shown_when_the_catalog_cannot_be_read(program, tab, tmp_path):
    """A catalog served without the CORS header: no embed, no error."""
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    for plain in _http(program.root / "output" / "public", _WebsiteHandler):
        script = f'<script src="{plain}/theme/js/embed.js" data-refcat="quote" async></script>'
        _product_page(tmp_path, plain, script)
        for website in _http(tmp_path, _WebsiteHandler):
            tab.goto(f"{website}/product.html")
            assert _rendered(tab) == "failed"
            assert tab.locator("figure, blockquote").count() == 0
    assert errors == []


def test_the_iframe_form_drops_a_withdrawn_reference_on_reload(program, catalog_url, tab, tmp_path):
    source = f"{catalog_url}/embed.html?kind=quote&product=data-hub"
    _product_page(tmp_path, catalog_url, f'<iframe src="{source}" title="Customer quote"></iframe>')
    for website in _http(tmp_path, _WebsiteHandler):
        tab.goto(f"{website}/product.html")
        frame = tab.frame_locator("iframe")
        assert frame.locator("blockquote").inner_text() == "It just worked."

        program.reference("acme-core", publish="internal")
        _build(program)
        tab.reload()
        assert frame.locator("blockquote").inner_text() == SECOND_QUOTE["text"]
        assert "It just worked." not in frame.locator("body").inner_text()


def test_a_logo_strip_drops_a_withdrawn_customer_on_reload(program, catalog_url, tab, tmp_path):
    _product_page(tmp_path, catalog_url, _script(catalog_url, "logos"))
    for website in _http(tmp_path, _WebsiteHandler):
        tab.goto(f"{website}/product.html")
        assert _rendered(tab) == "shown"
        strip = tab.get_by_role("list", name="Customers using Data Hub")
        assert strip.locator("img").count() == 2

        program.reference("beta-hub", customer="beta", title="Hub", publish="internal")
        _build(program)
        tab.reload()
        assert _rendered(tab) == "shown"
        assert [i.get_attribute("alt") for i in strip.locator("img").all()] == ["Acme Bank"]


def test_the_embeds_story_link_opens_the_reference_page(program, catalog_url, tab, tmp_path):
    _product_page(tmp_path, catalog_url, _script(catalog_url, "quote"))
    for website in _http(tmp_path, _WebsiteHandler):
        tab.goto(f"{website}/product.html")
        tab.get_by_role("link", name="Read the story: Core banking migration").click()
        tab.wait_for_url(f"{catalog_url}/references/acme-core/")
        assert tab.locator("h1").inner_text() == "Core banking migration"
