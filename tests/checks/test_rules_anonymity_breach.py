"""anonymity-breach: an anonymized reference's public text never names its customer."""

from __future__ import annotations

import pytest

from refcat.checks.rules.anonymity_breach import name_variants, registrable_domain
from tests.factories import day, findings, line_of, only

NAME = "Kestrel Savings Bank"
QUOTE = {"text": "It just worked.", "author": "Jane Roe", "role": "CIO", "approved": day(-300)}
STORY = "An asset manager moved its fund data to one hub.\n\nThe migration took a weekend.\n"


@pytest.fixture
def anonymized(project):
    """A customer in a restricted sector, and its reference that names it nowhere."""
    project.customer(name=NAME, sector="asset-management", website="https://www.kestrel.example/a")
    project.reference(summary="An asset manager consolidated its fund data.", quote=QUOTE)
    return project


def _reference(project, body: str = STORY, **changes):
    return project.reference(
        summary="An asset manager consolidated its fund data.", body=body, **changes
    )


def test_an_anonymized_reference_that_names_nobody_passes(anonymized):
    report = anonymized.review()
    assert report.findings == ()
    assert report.published == {"acme-core"}


@pytest.mark.parametrize(
    ("changes", "key", "where", "written"),
    [
        ({"title": "Kestrel Savings Bank: one hub"}, "title:", "the title", NAME),
        ({"region": "Kestrel Savings Bank, Nordics"}, "region:", "the region", NAME),
        ({"benefits": ["Faster", "Kestrel Savings Bank saves"]}, "Kestrel", "benefit 2", NAME),
        (
            {"quote": {**QUOTE, "text": "KESTREL savings bank!"}},
            "text:",
            "the quote",
            "KESTREL savings bank",
        ),
        (
            {"quote": {**QUOTE, "role": "CIO, Kestrel Savings Bank"}},
            "role:",
            "the quote's role",
            NAME,
        ),
    ],
)
def test_each_public_field_naming_the_customer_blocks_it(anonymized, changes, key, where, written):
    path = _reference(anonymized, **{"quote": QUOTE, **changes})
    report = anonymized.review()
    finding = only(report, "anonymity-breach")
    assert (finding.severity, finding.line) == ("error", line_of(path, key, after=2))
    assert finding.message == f"The anonymized reference names its customer '{written}' in {where}"
    assert where in finding.hint and "anonymize: false" in finding.hint
    assert report.published == frozenset()


def test_a_name_split_over_lines_of_the_story_is_found_on_its_first_line(anonymized):
    path = _reference(anonymized, body="Intro.\n\nWhat **Kestrel\nSavings** Bank gained.\n")
    finding = only(anonymized.review(), "anonymity-breach")
    assert finding.line == line_of(path, "**Kestrel")
    assert finding.message.endswith(f"'{NAME}' in the story")


def test_the_website_domain_is_found_with_or_without_subdomain(anonymized):
    body = "Intro.\n\nSee [portal](https://portal.kestrel.example/x) or www.kestrel.example.\n"
    path = _reference(anonymized, body=body)
    finding = only(anonymized.review(), "anonymity-breach")
    assert finding.line == line_of(path, "portal")
    assert "'kestrel.example' in the story (2 times)" in finding.message


def test_a_name_inside_longer_words_or_a_longer_domain_is_no_finding(anonymized):
    body = "Kestrel Savings Bankers met at notkestrel.example and kestrel.example.org.\n"
    _reference(anonymized, body=body, title="Kestrel Savings Banking day")
    assert findings(anonymized.review(), "anonymity-breach") == []


def test_a_named_reference_may_name_its_customer(anonymized):
    anonymized.customer(name=NAME, website="https://kestrel.example")  # open sector, named
    _reference(anonymized, title="Kestrel Savings Bank: one hub", anonymize=False)
    assert findings(anonymized.review(), "anonymity-breach") == []


def test_an_internal_anonymized_reference_gets_a_warning(anonymized):
    _reference(anonymized, title="Kestrel Savings Bank: one hub", publish="internal")
    assert only(anonymized.review(), "anonymity-breach").severity == "warning"


def test_the_customer_region_shown_for_the_reference_is_checked_on_the_customer(anonymized):
    path = anonymized.customer(name=NAME, sector="asset-management", region="Kestrel Savings Bank")
    finding = only(anonymized.review(), "anonymity-breach")
    assert (finding.line, finding.references) == (line_of(path, "region:"), ("acme-core",))


def test_names_without_legal_form_match_only_when_still_distinctive():
    assert name_variants("Hanse Kreditbank AG") == {"Hanse Kreditbank AG", "Hanse Kreditbank"}
    assert name_variants("Müller GmbH & Co. KG") == {"Müller GmbH & Co. KG", "Müller"}
    assert "Cobalt Mobile" in name_variants("Cobalt Mobile (Pty) Ltd")
    assert name_variants("Acme, Inc.") == {"Acme, Inc."}  # "Acme" alone: a common word
    assert name_variants("Acme Bank") == {"Acme Bank"}


def test_registrable_domain():
    assert registrable_domain("https://www.kestrel-bank.example/about") == "kestrel-bank.example"
    assert registrable_domain("https://shop.kestrel.co.uk") == "kestrel.co.uk"
    assert registrable_domain("http://10.0.0.1/") is None
