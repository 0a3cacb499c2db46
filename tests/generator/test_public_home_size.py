"""The public home page does not grow with the catalog: one page of cards, the rest
in pages of their own and in list.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from refcat.checks.run import review_project
from refcat.generator.build.site import Site, theme_environment
from refcat.generator.public.listing import LIST_INDEX, PAGE_SIZE
from refcat.generator.public.site import public_site
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate  # noqa: E402

LIMIT = 300 * 1024


def _site(references: int, folder: Path) -> Site:
    project = generate(references, folder, all_public=True)
    report = review_project(project, None, AS_OF, cache=False)
    return public_site(report, {})


def _render(site: Site, path: str) -> str:
    page = next(p for p in site.pages if p.path == path)
    template = theme_environment().get_template(f"{page.template}.html")
    return template.render(SITEURL=".", SITENAME="References", **page.variables)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Site]:
    return {n: _site(n, tmp_path_factory.mktemp(f"program-{n}")) for n in (200, 2000)}


def test_the_home_page_stays_the_same_size_at_ten_times_the_references(
    sites: dict[int, Site],
) -> None:
    small, large = (len(_render(sites[n], "index.html").encode()) for n in (200, 2000))
    assert large < LIMIT
    assert large < small * 1.1, (small, large)  # a few digits more in counts and pages


def test_every_published_reference_is_on_one_list_page_and_in_the_index(
    sites: dict[int, Site],
) -> None:
    site = sites[2000]
    published = len(site.report.published)
    assert published > 10 * PAGE_SIZE
    pages = [p for p in site.pages if p.template == "public/index"]
    assert len(pages) == -(-published // PAGE_SIZE)
    on_pages = [r.id for p in pages for r in p.variables["pagination"].references]
    rows = json.loads(site.files[LIST_INDEX])["rows"]
    assert len(on_pages) == len(set(on_pages)) == len(rows) == published
    assert [row[0] for row in rows] == on_pages  # the same order: newest first
    last = _render(site, pages[-1].path)
    assert 'rel="prev"' in last and 'rel="next"' not in last
