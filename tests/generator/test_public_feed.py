"""feed.json and catalog.json: what other pages and feed readers get, and nothing else."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from refcat.generator.build.sites import public_site
from refcat.generator.commands import build
from refcat.generator.public.feed import embed_catalog, json_feed
from refcat.generator.public.views import public_catalog
from tests.factories import AS_OF, DROP, Project, customer_record, day
from tests.generator.program import canary_program, found

FEEDS = ("feed.json", "catalog.json")
LOGO_CONSENT = {"scope": "logo", "granted": day(-400)}


def _build(project: Project, settings: Path | None = None) -> Path:
    out = io.StringIO()
    output = project.root / "output"
    code = build.run(project.content, settings, AS_OF, output, out, audience="public")
    assert code == 0, out.getvalue()
    return output / "public"


def _read(public: Path, name: str) -> dict:
    return json.loads((public / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def canary_feeds(tmp_path_factory):
    """The canary program's public output, built once."""
    root = tmp_path_factory.mktemp("feeds")
    program = canary_program(root)
    out = io.StringIO()
    code = build.run(program.content, program.settings, AS_OF, root / "output", out)
    assert code == 0, out.getvalue()
    return program, root / "output" / "public"


def test_the_feeds_hold_no_internal_field_and_no_unpublished_reference(canary_feeds):
    program, public = canary_feeds
    assert all((public / name).is_file() for name in FEEDS)
    tokens = {**program.internal.fields, **program.excluded.fields, **program.anonymous.fields}
    leaked = {t: w for t, w in found(public, tokens).items() if set(w) & set(FEEDS)}
    assert leaked == {}
    assert program.anonymous_name.lower() not in (public / "catalog.json").read_text().lower()


def test_the_feeds_list_the_published_references_only(canary_feeds):
    program, public = canary_feeds
    items = _read(public, "feed.json")["items"]
    assert len(items) == len(program.published)
    assert {i["url"].removeprefix("references/") for i in items} >= {"northwind-core/"}
    assert not {"northwind-internal", "northwind-legacy"} & {i["url"] for i in items}


def test_a_json_feed_1_1_with_absolute_addresses_when_the_site_url_is_known(project):
    project.customer(logo="logos/acme.svg", consents=[*customer_record()["consents"], LOGO_CONSENT])
    project.logo()
    feed = json_feed(public_catalog(project.review()), "https://example.com/refs/", "Refs")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert (feed["title"], feed["home_page_url"]) == ("Refs", "https://example.com/refs/")
    assert feed["feed_url"] == "https://example.com/refs/feed.json"
    (item,) = feed["items"]
    assert item["url"] == item["id"] == "https://example.com/refs/references/acme-core/"
    assert item["image"] == "https://example.com/refs/logos/acme.svg"
    assert item["date_published"] == f"{day(-365).isoformat()}T00:00:00Z"
    assert item["tags"] == ["Banking", "Data Hub"]
    assert "<li>Batch window cut from 6 hours to 40 minutes</li>" in item["content_html"]
    assert "It just worked.</p><footer>Jane Roe, Acme Bank</footer>" in item["content_html"]


def test_without_a_site_url_addresses_are_relative_and_no_logo_without_consent(project):
    project.logo()
    project.customer(logo="logos/acme.svg")  # a logo file, no logo consent
    feed = json_feed(public_catalog(project.review()), "", "Refs")
    assert "home_page_url" not in feed and "feed_url" not in feed
    (item,) = feed["items"]
    assert item["url"] == "references/acme-core/" and "image" not in item


def test_record_text_is_escaped_in_the_feeds_html(project):
    project.reference(summary="Acme <script>alert(1)</script> & co", benefits=["a < b"])
    (item,) = json_feed(public_catalog(project.review()), "", "Refs")["items"]
    assert "<script>" not in item["content_html"]
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in item["content_html"]


def test_the_embed_catalog_has_quotes_and_logos_but_no_author_of_an_anonymized_one(project):
    project.customer("fundco", name="FundCo", sector="asset-management")
    project.reference("fundco-hub", customer="fundco", title="Fund data hub", completed=day(-9))
    project.reference("acme-cards", quote=DROP, title="Cards", products=["classic-portal"])
    embedded = embed_catalog(public_catalog(project.review()), "Refs")
    by_title = {r["title"]: r for r in embedded["references"]}
    assert set(by_title) == {"Fund data hub", "Core banking migration"}  # no quote, no logo
    assert by_title["Fund data hub"]["quote"]["author"] is None
    assert by_title["Fund data hub"]["customer"] == "Asset management in EMEA"
    assert "fundco" not in json.dumps(embedded).lower()
    core = by_title["Core banking migration"]
    assert core["quote"] == {"text": "It just worked.", "author": "Jane Roe", "role": None}
    assert (core["products"], embedded["products"]["data-hub"]) == (["data-hub"], "Data Hub")


def test_a_withdrawn_reference_leaves_both_feeds_with_the_same_build(project):
    project.reference("acme-cards", title="Card platform", completed=day(-20))
    public = _build(project)
    assert len(_read(public, "feed.json")["items"]) == 2
    project.reference("acme-cards", title="Card platform", publish="internal")
    public = _build(project)
    for name in FEEDS:
        assert "Card platform" not in (public / name).read_text(encoding="utf-8")
    assert [i["title"] for i in _read(public, "feed.json")["items"]] == ["Core banking migration"]


def test_the_iframe_page_is_built_but_left_out_of_the_sitemap(project):
    site = public_site(project.review(), {})
    assert "embed.html" in [p.path for p in site.pages]
    public = _build(project)
    assert "embed.js" in (public / "embed.html").read_text(encoding="utf-8")
    assert "embed.html" not in (public / "sitemap.xml").read_text(encoding="utf-8")
