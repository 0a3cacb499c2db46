"""Public views: only what the consents allow, shaped for the public templates."""

from __future__ import annotations

import dataclasses
import io

import pytest

from refcat.generator.build.sites import public_site
from refcat.generator.commands import build
from refcat.generator.public.views import (
    LogoTile,
    PublicCatalog,
    PublicQuote,
    PublicReference,
    ReferenceLink,
    public_catalog,
)
from tests.factories import AS_OF, DROP, customer_record, day

INTERNAL_FIELDS = {
    "contacts",
    "notes",
    "caveats",
    "rating",
    "requests",
    "reputation",
    "evaluation",
    "findings",
    "owner",
    "nps",
    "consents",
    "technologies",
}
LOGO_CONSENT = {"scope": "logo", "granted": day(-400)}


def test_public_views_have_no_internal_field():
    for view in (PublicCatalog, PublicReference, PublicQuote, LogoTile, ReferenceLink):
        names = {f.name for f in dataclasses.fields(view)}
        assert not names & INTERNAL_FIELDS, view.__name__


def test_a_published_reference_as_the_public_sees_it(project):
    catalog = public_catalog(project.review())
    (reference,) = catalog.references
    assert reference.id == "acme-core"
    assert reference.url == "references/acme-core/"
    assert reference.customer_label == "Acme Bank"
    assert reference.named and reference.initials == "AB"
    assert reference.industry.label == "Banking"
    assert (reference.region.slug, reference.region.label) == ("emea", "EMEA")
    assert [t.label for t in reference.technical_strengths] == ["Zero-downtime migration"]
    assert [t.label for t in reference.commercial_strengths] == ["Cost reduction"]
    assert reference.quote == PublicQuote("It just worked.", "Jane Roe", None)
    assert "Acme moved its core banking" in reference.story_html
    assert reference.logo_url is None  # a logo file, but no logo consent
    assert catalog.logos == () and catalog.logo_files == {}


def test_filters_count_the_published_references(project):
    project.reference("acme-cards", products=["data-hub", "classic-portal"])
    project.reference("acme-draft", publish="internal")
    catalog = public_catalog(project.review())
    counts = {f.name: {x.term.slug: x.count for x in f.facets} for f in catalog.filters}
    assert counts == {
        "industry": {"banking": 2},
        "region": {"emea": 2},
        "product": {"classic-portal": 1, "data-hub": 2},
    }


def test_logo_wall_shows_only_logos_with_a_valid_consent(project):
    project.logo()
    consents = [*customer_record()["consents"], LOGO_CONSENT]
    project.customer(logo="logos/acme.svg", consents=consents)
    project.logo("logos/beta.svg")
    project.customer("beta", name="Beta Bank", logo="logos/beta.svg")  # no logo consent
    project.reference("beta-core", customer="beta")
    catalog = public_catalog(project.review())
    assert catalog.logos == (LogoTile("Acme Bank", "logos/acme.svg", "references/acme-core/"),)
    assert list(catalog.logo_files) == ["logos/acme.svg"]
    beta = next(r for r in catalog.references if r.id == "beta-core")
    assert beta.logo_url is None and beta.initials == "BB"


def test_an_anonymized_reference_shows_neither_name_nor_logo_nor_author(project):
    project.logo()
    consents = [*customer_record()["consents"], LOGO_CONSENT]
    project.customer(
        "fundco", name="FundCo", sector="asset-management", logo="logos/acme.svg", consents=consents
    )
    project.customer("acme", website="https://acme.example")
    project.reference("fundco-nav-hub", customer="fundco", title="Fund data: one hub")
    (reference,) = [r for r in public_catalog(project.review()).references if not r.named]
    assert reference.customer_label == "Asset management in EMEA"
    assert reference.logo_url is None and reference.website is None
    assert reference.quote is not None and reference.quote.author is None
    # the record id starts with the customer's: the page is named after the title instead
    assert reference.id == "fund-data-one-hub"
    assert reference.url == "references/fund-data-one-hub/"
    assert "fundco" not in repr(reference).lower()


def test_related_references_start_with_the_same_customer(project):
    project.customer("beta", name="Beta Bank")
    project.reference("beta-core", customer="beta", completed=day(-10))
    project.reference("acme-cards", completed=day(-200))
    catalog = public_catalog(project.review())
    core = next(r for r in catalog.references if r.id == "acme-core")
    assert [link.url for link in core.related] == [
        "references/acme-cards/",
        "references/beta-core/",
    ]


def test_featured_quote_is_the_newest_named_one(project):
    project.reference("acme-cards", completed=day(-10), quote=DROP)
    catalog = public_catalog(project.review())
    assert catalog.featured is not None and catalog.featured.id == "acme-core"


def test_product_labels_lose_the_brand_word_on_cards(project):
    project.taxonomy(
        products={"data-hub": {"label": "Acme Data Hub"}, "stream": {"label": "Acme Stream"}}
    )
    (reference,) = public_catalog(project.review()).references
    assert [(p.label, p.short_label) for p in reference.products] == [("Acme Data Hub", "Data Hub")]


def test_public_site_pages_and_canonical_addresses(project):
    site = public_site(project.review(), {"REFCAT_SITE_URL": "https://example.com/refs/"})
    paths = ["index.html", "references/acme-core/index.html", "embed.html", "sitemap.html"]
    paths += ["404.html", "references/acme-core.html"]  # the old address forwards
    assert [p.path for p in site.pages] == paths
    home, page, *_others = site.pages
    assert home.variables["canonical_url"] == "https://example.com/refs/"
    assert page.variables["canonical_url"] == "https://example.com/refs/references/acme-core/"
    assert page.variables["description"] == "Acme Bank moved its core banking without downtime."


@pytest.mark.parametrize("publish", ["public", "internal"])
def test_a_catalog_of_one_or_no_reference_renders(project, publish):
    project.reference(publish=publish)
    out = io.StringIO()
    output = project.root / "output"
    code = build.run(project.content, None, AS_OF, output, out, audience="public")
    assert code == 0, out.getvalue()
    home = (output / "public" / "index.html").read_text(encoding="utf-8")
    cards = home.count("data-card ")
    if publish == "public":
        assert cards == 1 and "1 reference<" in home and "1</strong> published project<" in home
        assert (output / "public" / "references" / "acme-core" / "index.html").is_file()
    else:
        assert cards == 0 and "0 references<" in home and "on their way" in home
