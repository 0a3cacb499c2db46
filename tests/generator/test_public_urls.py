"""The public catalog's addresses: every link resolves, old addresses forward, canonical
addresses are absolute, and `refcat serve` answers a missing one with the 404 page."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest

from refcat.checks.run import review_project
from refcat.generator.commands import serve
from tests.demo import build_demo
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]
SITE_URL = "https://www.tessellate.example/customers"  # REFCAT_SITE_URL of the demo
ROOT_PATH = "/customers"


class _Links(HTMLParser):
    """Every href and src of a page, and its head's meta and link tags."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.tags: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.tags.append({"tag": tag, **found})
        self.targets += [found[name] for name in ("href", "src") if name in found]


def _parse(page: Path) -> _Links:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"), audience="public") / "public"


def _pages(public: Path) -> list[Path]:
    return sorted(p for p in public.rglob("*.html") if not p.is_relative_to(public / "pagefind"))


def _file_for(public: Path, page: Path, target: str) -> Path | None:
    """The file a link of `page` names; None for another site's address or a fragment."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):  # the 404 page links from the site's root path
        path = PurePosixPath(parts.path).relative_to(ROOT_PATH).as_posix() + "/" * (
            parts.path.endswith("/")
        )
    else:
        page_url = page.relative_to(public).as_posix()
        path = urlsplit(urljoin(f"http://x/{page_url}", parts.path)).path.lstrip("/")
    return public / (f"{path}index.html" if path.endswith("/") or not path else path)


def test_every_link_and_source_of_every_page_is_a_file_of_the_catalog(public):
    missing, checked = [], 0
    for page in _pages(public):
        for target in _parse(page).targets:
            file = _file_for(public, page, target)
            checked += file is not None
            if file is not None and not file.is_file():
                missing.append(f"{page.relative_to(public)}: {target}")
    assert missing == []
    assert checked > 500  # pages, stylesheets, logos, share images: the crawl saw them


def test_each_reference_lives_at_a_clean_address_and_its_old_one_forwards_there(public):
    report = review_project(
        public.parents[1] / "content", public.parents[1] / "pelicanconf.py", AS_OF
    )
    folders = sorted(p.parent.name for p in (public / "references").glob("*/index.html"))
    stubs = sorted(p.stem for p in (public / "references").glob("*.html"))
    assert folders == stubs and len(folders) == len(report.published)
    for stub in stubs:
        tags = _parse(public / "references" / f"{stub}.html").tags
        refresh = next(t["content"] for t in tags if t.get("http-equiv") == "refresh")
        assert refresh == f"0; url=../references/{stub}/"
        canonical = next(t["href"] for t in tags if t.get("rel") == "canonical")
        assert canonical == f"{SITE_URL}/references/{stub}/"
        assert any(t["tag"] == "a" and t.get("href") == f"../references/{stub}/" for t in tags)


def test_canonical_and_og_url_are_absolute_equal_and_never_doubled(public):
    pages = [public / "index.html", public / "sitemap.html"]
    pages += sorted((public / "references").glob("*/index.html"))
    for page in pages:
        tags = _parse(page).tags
        canonical = next(t["href"] for t in tags if t.get("rel") == "canonical")
        og_url = next(t["content"] for t in tags if t.get("property") == "og:url")
        assert canonical == og_url
        expected = (
            page.parent.relative_to(public).as_posix() + "/"
            if page.name == "index.html"
            else page.name
        )
        assert canonical == f"{SITE_URL}/{expected.removeprefix('./')}"
    texts = [p.read_text(encoding="utf-8") for p in _pages(public)]
    texts += [(public / name).read_text(encoding="utf-8") for name in ("feed.atom", "feed.json")]
    assert not [t for t in texts if "references/references" in t]


def test_the_404_page_is_branded_not_indexed_and_links_home_and_to_the_sitemap(public):
    page = public / "404.html"
    text = page.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in text
    assert "withdrawn" in text
    targets = _parse(page).targets
    assert f"{ROOT_PATH}/" in targets and f"{ROOT_PATH}/sitemap.html" in targets
    assert f"{ROOT_PATH}/theme/css/site.css" in targets
    sitemap = (public / "sitemap.xml").read_text(encoding="utf-8")
    assert "404.html" not in sitemap  # nor an old address:
    assert not re.search(r"references/[^<]*\.html", sitemap)


def test_the_sitemap_page_lists_every_story_by_industry(public):
    text = (public / "sitemap.html").read_text(encoding="utf-8")
    feed_titles = re.findall(r"<entry><title>([^<]*)</title>", (public / "feed.atom").read_text())
    assert feed_titles and all(title in text for title in feed_titles)
    assert "<h2" in text and "Sitemap" in text
    footer = (public / "index.html").read_text(encoding="utf-8")
    assert 'href="./sitemap.html">Sitemap</a>' in footer
    assert 'type="application/atom+xml"' in footer


@pytest.fixture
def served(public: Path) -> Iterator[str]:
    server = serve.make_server(public, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_answers_a_missing_address_with_the_404_page(public, served):
    status, body = _get(f"{served}/references/no-such-story/")
    assert status == 404
    assert body == (public / "404.html").read_bytes()
    assert _get(f"{served}/references/aurora-smart-meter-stream/")[0] == 200
    # the 404 page's links start at the site's root path: served there too
    assert _get(f"{served}{ROOT_PATH}/theme/css/site.css")[0] == 200
    assert _get(f"{served}{ROOT_PATH}/sitemap.html")[0] == 200
    assert _get(f"{served}{ROOT_PATH}/nothing-here")[0] == 404


def test_serve_lets_other_sites_read_the_embeds_data_and_nothing_else(served):
    """The embed script on another origin fetches catalog.json, as a host is told to allow."""
    with urllib.request.urlopen(f"{served}/catalog.json") as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    with urllib.request.urlopen(f"{served}/index.html") as response:
        assert response.headers["Access-Control-Allow-Origin"] is None
