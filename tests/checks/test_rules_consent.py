"""consent-missing, consent-expired, consent-expiring; logo and anonymized references."""

from __future__ import annotations

from tests.factories import AS_OF, DROP, day, findings, line_of, only, rules

NAME, STORY, QUOTE = (
    {"scope": "name", "granted": day(-400)},
    {"scope": "case-study", "granted": day(-400)},
    {"scope": "quote", "granted": day(-400)},
)


def test_baseline_has_every_consent_it_uses(project):
    report = project.review()
    assert report.findings == ()
    assert report.published == {"acme-core"}


# -- consent-missing ----------------------------------------------------------------


def test_name_without_consent_is_missing_on_the_customer_file(project):
    path = project.customer(consents=[STORY, QUOTE])
    report = project.review()
    finding = only(report, "consent-missing")
    assert (finding.severity, finding.path, finding.record) == ("error", project.path(path), "acme")
    assert finding.line == line_of(path, "consents:")
    assert finding.references == ("acme-core",)
    assert "name" in finding.message
    assert report.published == frozenset()


def test_customer_without_any_consent_reports_on_its_first_line(project):
    project.customer(consents=DROP)
    report = project.review()
    assert {f.line for f in findings(report, "consent-missing")} == {1}
    assert {f.message.split()[1] for f in findings(report, "consent-missing")} == {
        "name",
        "case-study",
        "quote",
    }


def test_consent_granted_on_the_day_is_valid_and_one_day_later_is_missing(project):
    project.customer(consents=[{"scope": "name", "granted": AS_OF}, STORY, QUOTE])
    assert project.review().findings == ()
    path = project.customer(consents=[STORY, QUOTE, {"scope": "name", "granted": day(1)}])
    finding = only(project.review(), "consent-missing")
    assert finding.message == f"Name consent is granted only from {day(1)}"
    assert finding.line == line_of(path, f"granted: {day(1)}")


def test_internal_reference_without_consent_is_a_warning(project):
    project.customer(consents=[STORY, QUOTE])
    project.reference(publish="internal")
    report = project.review()
    assert only(report, "consent-missing").severity == "warning"
    assert report.errors == 0


def test_an_empty_story_needs_no_case_study_consent(project):
    project.customer(consents=[NAME, QUOTE])
    project.reference(body="  \n\n")
    assert project.review().findings == ()
    project.reference()
    assert "case-study" in only(project.review(), "consent-missing").message


def test_no_quote_needs_no_quote_consent(project):
    project.customer(consents=[NAME, STORY])
    project.reference(quote=DROP)
    assert project.review().findings == ()


def test_a_quote_without_approval_is_missing_consent_on_the_reference(project):
    path = project.reference(quote={"text": "Great.", "author": "Jane Roe"})
    report = project.review()
    finding = only(report, "consent-missing")
    assert (finding.path, finding.line) == (project.path(path), line_of(path, "quote:"))
    assert finding.references == ("acme-core",)
    assert "Jane Roe" in finding.message
    assert report.published == frozenset()


# -- consent-expired ----------------------------------------------------------------


def test_consent_expiring_on_the_day_is_expired_and_replaces_missing(project):
    expired = {"scope": "name", "granted": day(-400), "expires": AS_OF}
    path = project.customer(consents=[expired, STORY, QUOTE])
    report = project.review()
    assert rules(report) == ["consent-expired"]
    finding = report.findings[0]
    assert (finding.severity, finding.path, finding.record) == ("error", project.path(path), "acme")
    assert finding.line == line_of(path, "expires:")
    assert finding.references == ("acme-core",)
    assert finding.message == f"Name consent expired on {AS_OF}"
    assert report.published == frozenset()


def test_consent_expiring_the_day_after_is_still_valid(project):
    project.customer(consents=[{**NAME, "expires": day(1)}, STORY, QUOTE])
    report = project.review()
    assert rules(report) == ["consent-expiring"]
    assert report.published == {"acme-core"}


def test_withdrawn_consent_is_expired_on_the_withdrawal_day(project):
    path = project.customer(consents=[{**NAME, "withdrawn": AS_OF}, STORY, QUOTE])
    finding = only(project.review(), "consent-expired")
    assert finding.line == line_of(path, "withdrawn:")
    assert "withdrawn" in finding.message
    project.customer(consents=[{**NAME, "withdrawn": day(1)}, STORY, QUOTE])
    assert "consent-expired" not in rules(project.review())


def test_renewed_consent_covers_an_expired_one(project):
    old = {"scope": "name", "granted": day(-800), "expires": day(-400)}
    project.customer(consents=[old, NAME, STORY, QUOTE])
    assert project.review().findings == ()


# -- consent-expiring ---------------------------------------------------------------


def test_consent_expiring_warns_exactly_consent_warn_days_ahead(project):
    path = project.customer(consents=[NAME, {**STORY, "expires": day(60)}, QUOTE])
    report = project.review()
    finding = only(report, "consent-expiring")
    assert (finding.severity, finding.line) == ("warning", line_of(path, "expires:"))
    assert finding.message == f"Case study consent expires on {day(60)}, in 60 days"
    assert report.published == {"acme-core"}
    project.customer(consents=[NAME, {**STORY, "expires": day(61)}, QUOTE])
    assert project.review().findings == ()


def test_consent_warn_days_comes_from_the_policy(project):
    project.policy(consent_warn_days=10)
    project.customer(consents=[NAME, {**STORY, "expires": day(10)}, QUOTE])
    assert rules(project.review()) == ["consent-expiring"]
    project.customer(consents=[NAME, {**STORY, "expires": day(11)}, QUOTE])
    assert project.review().findings == ()


def test_no_warning_while_another_consent_of_the_scope_lasts(project):
    project.customer(consents=[NAME, {**NAME, "expires": day(5)}, STORY, QUOTE])
    assert project.review().findings == ()


def test_unused_scope_expiring_is_not_reported(project):
    call = {"scope": "reference-call", "granted": day(-10), "expires": day(5)}
    project.customer(consents=[NAME, STORY, QUOTE, call])
    assert project.review().findings == ()


# -- the logo -------------------------------------------------------------------------


def test_logo_without_any_logo_consent_is_no_finding(project):
    project.logo()
    project.customer(logo="logos/acme.svg")
    report = project.review()
    assert report.findings == ()
    assert report.published == {"acme-core"}


def test_logo_consent_lapsed_with_logo_and_named_public_reference_is_expired(project):
    project.logo()
    project.reference("acme-inside", publish="internal")
    logo = {"scope": "logo", "granted": day(-400), "expires": AS_OF}
    path = project.customer(logo="logos/acme.svg", consents=[NAME, STORY, QUOTE, logo])
    report = project.review()
    finding = only(report, "consent-expired")
    assert (finding.severity, finding.path) == ("error", project.path(path))
    assert finding.line == line_of(path, "expires:")
    assert finding.references == ("acme-core",)  # the internal one shows no logo
    assert finding.message == f"Logo consent expired on {AS_OF}"
    assert "logo" in finding.hint
    assert report.published == frozenset()


def test_lapsed_logo_consent_without_a_logo_is_no_finding(project):
    logo = {"scope": "logo", "granted": day(-400), "expires": day(-1)}
    project.customer(consents=[NAME, STORY, QUOTE, logo])
    assert project.review().findings == ()


def test_lapsed_logo_consent_without_a_public_named_reference_is_no_finding(project):
    project.logo()
    logo = {"scope": "logo", "granted": day(-400), "expires": day(-1)}
    project.customer(logo="logos/acme.svg", consents=[NAME, STORY, QUOTE, logo])
    project.reference(publish="internal")
    assert project.review().findings == ()
    project.reference(anonymize=True, summary="A bank moved its core banking.")
    assert project.review().findings == ()


def test_logo_consent_expiring_soon_warns_when_the_logo_is_shown(project):
    project.logo()
    logo = {"scope": "logo", "granted": day(-400), "expires": day(30)}
    project.customer(logo="logos/acme.svg", consents=[NAME, STORY, QUOTE, logo])
    assert only(project.review(), "consent-expiring").message.startswith("Logo consent")


# -- anonymized references ------------------------------------------------------------


def test_restricted_sector_is_anonymized_and_needs_no_name_consent(project):
    project.customer(sector="asset-management", consents=[STORY, QUOTE])
    project.reference(summary="An asset manager moved its fund data.")  # names nobody
    report = project.review()
    assert report.findings == ()
    assert report.published == {"acme-core"}


def test_anonymized_reference_always_needs_case_study_consent(project):
    project.customer(sector="asset-management", consents=[QUOTE])
    project.reference(body="")
    finding = only(project.review(), "consent-missing")
    assert "case-study" in finding.message
    project.customer(consents=[NAME, QUOTE])
    project.reference(anonymize=True, body="")
    assert "case-study" in only(project.review(), "consent-missing").message


def test_anonymize_false_in_a_restricted_sector_needs_name_consent(project):
    project.customer(sector="asset-management", consents=[STORY, QUOTE])
    project.reference(anonymize=False)
    finding = only(project.review(), "consent-missing")
    assert finding.message.startswith("No name consent")


# -- customer-level findings ------------------------------------------------------------


def test_customer_finding_is_reported_once_listing_every_reference_sorted(project):
    project.reference("acme-zeta")
    project.reference("acme-alpha", publish="internal")
    project.customer(consents=[STORY, QUOTE])
    report = project.review()
    finding = only(report, "consent-missing")
    assert finding.references == ("acme-alpha", "acme-core", "acme-zeta")
    assert finding.severity == "error"  # at least one of them is public
    assert report.published == frozenset()
