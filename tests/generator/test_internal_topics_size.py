"""Topic pages stay small at thousands of references: a summary, never every customer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from refcat.checks.run import review_project
from refcat.generator.build.site import theme_environment
from refcat.generator.internal.fragments import add_card_fragments
from refcat.generator.internal.site import internal_site
from refcat.generator.internal.topics import TOPIC_CUSTOMERS
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate  # noqa: E402

LIMIT = 150 * 1024
TOPIC_FOLDERS = ("strengths/", "technologies/", "products/")


@pytest.fixture(scope="module")
def topic_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The rendered strength, technology and product pages of 3,000 generated references,
    rendered from refcat's theme without Pelican (the pages are what matter here)."""
    project = generate(3000, tmp_path_factory.mktemp("program"))
    report = review_project(project, None, AS_OF, cache=False)
    environment = theme_environment()
    add_card_fragments(environment)
    pages = [
        page
        for page in internal_site(report, {}).pages
        if page.path.startswith(TOPIC_FOLDERS) and not page.path.endswith("index.html")
    ]
    return {
        page.path: environment.get_template(f"{page.template}.html").render(
            SITEURL="..", SITENAME="References", **page.variables
        )
        for page in pages
    }


def test_no_topic_page_exceeds_150_kb(topic_pages: dict[str, str]) -> None:
    largest = max(topic_pages, key=lambda path: len(topic_pages[path].encode()))
    assert len(topic_pages[largest].encode()) < LIMIT, largest


def test_a_topic_with_many_customers_shows_the_top_ones_and_says_how_many(
    topic_pages: dict[str, str],
) -> None:
    page = topic_pages["products/data-hub.html"]
    assert f"Customers: the {TOPIC_CUSTOMERS} with most references" in page
    assert page.count('<tr><th scope="row">') == TOPIC_CUSTOMERS
    assert 'customers in all: <a href="../index.html?product=data-hub">' in page
