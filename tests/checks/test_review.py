"""The runner: severity (public, internal, policy overrides), publication, the parse cache."""

from __future__ import annotations

import pytest

from refcat.checks.policy import ConfigError
from refcat.checks.run import review_project
from tests.factories import AS_OF, day, only, rules


def test_blocking_rule_is_an_error_for_public_and_a_warning_for_internal(project):
    project.reference("acme-core", evaluation=None)
    project.reference("acme-inside", publish="internal", evaluation=None)
    report = project.review()
    assert [(f.record, f.severity) for f in report.findings] == [
        ("acme-core", "error"),
        ("acme-inside", "warning"),
    ]
    assert (report.errors, report.warnings) == (1, 1)
    assert report.published == frozenset()


def test_warnings_do_not_keep_a_reference_off_the_website(project):
    project.reference(body="Story with <b>bold</b> HTML.\n")
    report = project.review()
    assert rules(report) == ["unsafe-content"]
    assert report.published == {"acme-core"}


def test_an_error_about_the_customer_blocks_all_its_references(project):
    project.reference("acme-second")
    project.reference("acme-inside", publish="internal")
    project.customer(status={"state": "churned", "since": day(-1)})
    report = project.review()
    finding = only(report, "customer-churned")
    assert finding.severity == "error"
    assert finding.references == ("acme-core", "acme-inside", "acme-second")
    assert report.published == frozenset()


def test_an_error_on_one_reference_leaves_the_others_published(project):
    project.reference("acme-second", completed=day(-3000))
    report = project.review()
    assert only(report, "reference-too-old").references == ("acme-second",)
    assert report.published == {"acme-core"}


def test_internal_references_are_never_published(project):
    project.reference(publish="internal")
    report = project.review()
    assert report.findings == ()
    assert report.published == frozenset()


# -- the policy -----------------------------------------------------------------------


def test_policy_can_lower_a_blocking_rule_to_a_warning(project):
    project.policy(severity={"reference-too-old": "warning"})
    project.reference(completed=day(-3000))
    report = project.review()
    assert only(report, "reference-too-old").severity == "warning"
    assert report.published == {"acme-core"}


def test_policy_can_raise_a_warning_rule_to_block_public_references(project):
    project.policy(severity={"consent-expiring": "error"})
    project.customer(
        consents=[
            {"scope": "name", "granted": day(-9), "expires": day(9)},
            {"scope": "case-study", "granted": day(-9)},
            {"scope": "quote", "granted": day(-9)},
        ]
    )
    project.reference("acme-inside", publish="internal")
    report = project.review()
    assert only(report, "consent-expiring").severity == "error"
    assert report.published == frozenset()
    project.reference(publish="internal")
    assert only(project.review(), "consent-expiring").severity == "warning"


def test_settings_without_refcat_take_the_defaults(project):
    settings = project.root / "pelicanconf.py"
    settings.write_text("SITENAME = 'x'\n")
    report = review_project(project.content, settings, AS_OF, cache=False)
    assert report.policy.request_limit.count == 3
    assert report.findings == ()


@pytest.mark.parametrize(
    ("refcat", "says"),
    [
        ({"severity": {"invalid-yaml": "warning"}}, "structural rule 'invalid-yaml'"),
        ({"severity": {"missing-file": "error"}}, "structural rule 'missing-file'"),
        ({"severity": {"too-old": "warning"}}, "unknown rule 'too-old'"),
        ({"severity": {"reference-too-old": "info"}}, "severity"),
        ({"consent_warn_day": 30}, "consent_warn_day"),
        ({"request_limit": {"count": -1}}, "request_limit"),
        ({"lifecycle_field": "eoas"}, "lifecycle_field"),
    ],
)
def test_a_policy_that_cannot_be_used_is_a_configuration_error(project, refcat, says):
    project.policy(**refcat)
    with pytest.raises(ConfigError, match=says.replace("(", r"\(")):
        project.review()


def test_refcat_must_be_a_dict(project):
    settings = project.root / "pelicanconf.py"
    settings.write_text("REFCAT = ['eol']\n")
    with pytest.raises(ConfigError, match="REFCAT must be a dict"):
        review_project(project.content, settings, AS_OF)


# -- the parse cache ------------------------------------------------------------------


def test_the_parse_cache_gives_the_same_report_and_notices_changes(project):
    project.customer(notes="Likes <b>bold</b> claims.\n")
    cold = review_project(project.content, None, AS_OF)
    assert (project.root / ".refcat-cache").is_dir()
    warm = review_project(project.content, None, AS_OF)
    assert warm.findings == cold.findings and len(warm.findings) == 1
    project.customer()
    assert review_project(project.content, None, AS_OF).findings == ()


def test_a_corrupt_cache_is_ignored(project):
    review_project(project.content, None, AS_OF)
    for cached in (project.root / ".refcat-cache").iterdir():
        cached.write_bytes(b"\x00garbage")
    assert review_project(project.content, None, AS_OF).published == {"acme-core"}
