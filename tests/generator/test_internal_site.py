"""The internal catalog as built from the demo: its pages, its index, its links."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from refcat.generator.internal.index import PAGE_SIZE, facets
from refcat.generator.internal.reference import reference_page
from refcat.generator.internal.site import INDEX_PATH, internal_site
from refcat.generator.internal.views import Program
from refcat.generator.internal.word_index import ROWS_PATH
from tests.demo import build_demo, demo_report
from tests.factories import day

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("internal"))


def test_a_page_per_reference_customer_strength_technology_and_product():
    report = demo_report()
    paths = {page.path for page in internal_site(report, {}).pages}
    catalog = report.catalog
    assert {f"references/{r}.html" for r in catalog.references} <= paths
    assert {f"customers/{c}.html" for c in catalog.customers} <= paths
    assert {f"strengths/{s}.html" for s in catalog.taxonomy.strengths} <= paths
    assert {f"products/{p}.html" for p in catalog.taxonomy.products} <= paths
    releases = {t for r in catalog.references.values() for t in r.reference.technologies}
    assert "technologies/windows-server/2012-r2.html" in paths
    assert len(
        [p for p in paths if p.startswith("technologies/") and p != "technologies/index.html"]
    ) == len(releases)
    assert {"index.html", "find.html", "dashboard.html", "findings.html", INDEX_PATH} <= paths


def test_the_catalog_is_paginated_on_the_server():
    report = demo_report()
    pages = [p for p in internal_site(report, {}).pages if p.template == "internal/index"]
    assert len(pages) == 1  # 48 references: one page
    assert len(pages[0].variables["cards"]) == min(PAGE_SIZE, len(report.catalog.references))


def test_the_index_holds_every_reference_with_its_facet_values():
    site = internal_site(demo_report(), {})
    (page,) = [p for p in site.pages if p.path == INDEX_PATH]
    index = json.loads(str(page.variables["payload"]))
    assert index["as_of"] == "2026-11-25" and index["page_size"] == PAGE_SIZE
    keys = [f["key"] for f in index["facets"]]
    assert keys == ["status", "reason", "availability", "industry", "region", "country",
                    "product", "technology", "strength", "grade", "form", "year"]  # fmt: skip
    rows = {row[0]: row for row in index["references"]}
    assert set(rows) == set(demo_report().catalog.references)
    _id, _title, _summary, customer, completed, availability, _why, values, ask, blockers, _ = rows[
        "lumen-omnichannel-stock"
    ]
    named = {k: [index["facets"][i]["values"][v][0] for v in values[i]] for i, k in enumerate(keys)}
    assert named["availability"] == ["resting"] and named["industry"] == ["retail"]
    assert named["form"] == ["passive", "active", "marketing", "sales"]
    assert index["customers"][customer][:2] == [
        "Lumen Retail Group N.V.",
        "customers/lumen-retail-group.html",
    ]
    assert (completed, ask) == ("2024-06-28", 0)
    assert index["texts"][availability] == "resting until 2026-12-02"
    assert [index["texts"][b] for b in blockers] == ["resting until 2026-12-02"]
    why = rows["ferrovia-mes-bridge"][6]
    assert [index["texts"][w] for w in why] == ["centos@7 reached its end of life on 2024-06-30"]
    # the counts the server shows are the counts of the index
    cards = Program(demo_report()).cards.values()
    server = {f.key: {v.term.slug: v.count for v in f.values} for f in facets(cards)}
    for i, facet in enumerate(index["facets"]):
        for position, (slug, _label) in enumerate(facet["values"]):
            count = sum(position in row[7][i] for row in index["references"])
            assert count == server[facet["key"]][slug], (facet["key"], slug)
    assert len(str(page.variables["payload"])) / len(rows) < 700  # compact enough for 10,000


def test_every_internal_page_is_noindex_and_has_no_inline_script_or_style(built):
    pages = sorted((built / "internal").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in text, page
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), page
        assert not re.search(r"\sstyle=", text), page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            # /admin/ is the editor `refcat serve --edit` serves beside the catalog
            external = ("mailto:", "tel:", "http", "#", "/admin/")
            if value and name in ("href", "src") and not value.startswith(external):
                self.links.append(value)


def test_every_link_of_the_internal_catalog_leads_to_a_file(built):
    internal = built / "internal"
    broken = []
    for page in internal.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            target = (page.parent / unquote(urlsplit(link).path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(internal)} -> {link}")
    assert broken == []


def test_the_word_index_and_browser_index_live_only_under_internal(built):
    internal, public = built / "internal", built / "public"
    assert not (internal / "pagefind").exists()  # its search reads the word index alone
    assert (public / "pagefind" / "pagefind.js").is_file()
    assert (internal / ROWS_PATH).is_file() and list((internal / "data/words").glob("*.json"))
    assert not (public / ROWS_PATH).exists() and not (public / "data/words").exists()
    assert (internal / INDEX_PATH).is_file()
    assert not (public / INDEX_PATH).exists()
    assert not list(public.rglob("internal.*"))
    assert (internal / "theme/js/internal.js").is_file() and (
        internal / "theme/css/internal.css"
    ).is_file()


def test_the_reference_page_carries_everything_and_marks_what_stays_off_the_print(built):
    text = (built / "internal/references/kestrel-core-data-migration.html").read_text()
    for expected in (
        "firewall rule",  # caveats
        "Textbook migration",  # evaluation note
        "Eleanor Whitcombe",  # quote author and referee
        "Oracle Database 23",
        "supported until",
        'id="print-internal"',
        "customers/kestrel-savings-bank.html",
        "references/kestrel-open-banking-gateway.html",  # its other references
    ):
        assert expected in text, expected
    assert re.search(r'class="panel panel--caveats internal-only"', text)


def test_the_print_sheet_shows_only_what_consents_clear(project):
    project.customer(consents=[{"scope": "case-study", "granted": day(-400)}])  # no name, no quote
    project.reference(anonymize=None)
    program = Program(project.review())
    sheet = reference_page(program, program.catalog.references["acme-core"]).sheet
    assert sheet.customer_label == "Banking in EMEA"
    assert (sheet.named, sheet.story, sheet.quote, sheet.logo) == (False, True, False, False)
