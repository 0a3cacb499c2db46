"""Structural rules: always errors, whoever the reference is for; the record is left out."""

from __future__ import annotations

import pytest

from refcat.checks.source import MAX_BYTES
from tests.factories import DROP, customer_record, dump, line_of, only, reference_record, rules


def test_structural_findings_are_errors_even_for_internal_references(project):
    path = project.reference(publish="internal", strengths={"technical": ["zero-downtime"]})
    finding = only(project.review(), "unknown-taxonomy")
    assert (finding.severity, finding.line) == ("error", line_of(path, "- zero-downtime"))


# -- invalid-yaml ---------------------------------------------------------------------


def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_not(project):
    path = project.reference(body="")
    head = path.read_text()

    def padded(size: int) -> str:  # in a comment: a story this long is itself invalid
        return head.replace("---\n", "---\n#" + "x" * size + "\n", 1)

    padding = MAX_BYTES - len(padded(0).encode())
    path.write_text(padded(padding))
    assert project.review().findings == ()
    path.write_text(padded(padding + 1))
    finding = only(project.review(), "invalid-yaml")
    assert (finding.line, finding.record) == (1, "acme-core")
    assert "1024 KiB" in finding.message


def test_yaml_1_1_surprises_stay_text(project):
    """`NO` is Norway, `on`/`yes` are words: only true/false are booleans."""
    project.customer(country="NO", region="yes")
    assert project.review().findings == ()


def test_explicit_tags_that_build_objects_are_rejected(project):
    path = project.write("customers/acme.yaml", "id: acme\nname: !!python/name:os.system ''\n")
    finding = only(project.review(), "invalid-yaml")
    assert finding.line == line_of(path, "name:")


def test_nesting_deeper_than_the_limit_is_rejected(project):
    path = project.write("customers/acme.yaml", "id: acme\nnotes: " + "[" * 40 + "]" * 40 + "\n")
    finding = only(project.review(), "invalid-yaml")
    assert (finding.path, finding.references) == (project.path(path), ("acme-core",))


def test_merge_keys_are_rejected_like_anchors(project):
    project.write("customers/acme.yaml", "id: acme\n<<: {name: Acme}\n")
    assert "Merge keys" in only(project.review(), "invalid-yaml").message


def test_an_ampersand_in_a_value_is_not_an_anchor(project):
    project.customer(name="Smith & Wesson *Bank*")
    assert project.review().findings == ()


# -- invalid-record -------------------------------------------------------------------


def test_an_empty_file_is_an_invalid_record(project):
    project.write("customers/acme.yaml", "")
    finding = only(project.review(), "invalid-record")
    assert (finding.line, finding.references) == (1, ("acme-core",))


def test_every_invalid_field_is_reported_on_its_own_line(project):
    path = project.customer(
        kind="supplier", rating={"grade": "E", "reviewed": "2026-13-01"}, website="ftp://x"
    )
    report = project.review()
    assert rules(report) == ["invalid-record"] * 4
    assert [f.line for f in report.findings] == sorted(
        line_of(path, key) for key in ("kind:", "website:", "grade:", "reviewed:")
    )


@pytest.mark.parametrize(
    ("slug", "valid"), [("a" * 64, True), ("a" * 65, False), ("Acme", False), ("-acme", False)]
)
def test_ids_are_slugs_of_at_most_64_characters(empty, slug, valid):
    empty.taxonomy()
    empty.customer(slug)
    report = empty.review()
    assert (report.findings == ()) is valid
    if not valid:
        assert only(report, "invalid-record").record == slug


def test_a_date_is_written_as_yyyy_mm_dd(project):
    path = project.customer(rating={"grade": "A", "reviewed": "25.11.2026"})
    finding = only(project.review(), "invalid-record")
    assert finding.line == line_of(path, "reviewed:")
    assert "YYYY-MM-DD" in finding.message


def test_unknown_key_in_the_taxonomy_is_an_error_affecting_every_reference(project):
    path = project.taxonomy(sectros={})
    project.reference("acme-two", publish="internal")
    finding = only(project.review(), "invalid-record")
    assert (finding.path, finding.line) == (project.path(path), line_of(path, "sectros:"))
    assert finding.references == ("acme-core", "acme-two")


# -- duplicate-id, id-mismatch --------------------------------------------------------


def test_duplicate_reference_ids_across_subfolders_are_both_reported(project):
    first = project.reference(folder="2024/")
    second = project.reference(folder="2025/")
    (project.content / "references/acme-core.md").unlink()
    report = project.review()
    assert [(f.rule, f.path, f.line) for f in report.findings] == [
        ("duplicate-id", project.path(first), 2),
        ("duplicate-id", project.path(second), 2),
    ]
    assert report.findings[0].references == ("acme-core",)
    assert report.published == frozenset()


def test_duplicate_customer_ids_take_down_its_references_without_unknown_customer(project):
    project.customer(folder="old/")
    report = project.review()
    assert rules(report) == ["duplicate-id", "duplicate-id"]
    assert {f.references for f in report.findings} == {("acme-core",)}
    assert report.published == frozenset()


def test_id_unequal_to_the_file_name_is_a_mismatch(project):
    path = project.write("customers/acme.yaml", dump(customer_record("acme-bank")))
    report = project.review()
    finding = only(report, "id-mismatch")
    assert (finding.path, finding.line, finding.record) == (project.path(path), 1, "acme")
    assert finding.references == ("acme-core",)
    assert rules(report) == ["id-mismatch"]  # no unknown-customer for its references
    assert report.published == frozenset()


def test_reference_id_mismatch_is_reported_by_the_file_name(project):
    path = project.write("references/acme-core.md", f"---\n{dump(reference_record('core'))}---\n")
    finding = only(project.review(), "id-mismatch")
    assert (finding.line, finding.record, finding.references) == (2, "acme-core", ("acme-core",))
    assert finding.message == "Id 'core' differs from the file name 'acme-core'"
    assert finding.hint == f"Set `id: acme-core` or rename the file to core{path.suffix}"


# -- unknown-customer ------------------------------------------------------------------


def test_reference_to_a_customer_that_does_not_exist(project):
    path = project.reference(customer="acme-bnak", publish="internal")
    report = project.review()
    finding = only(report, "unknown-customer")
    assert (finding.severity, finding.line) == ("error", line_of(path, "customer:"))
    assert finding.hint == "Did you mean 'acme'?"


def test_broken_customer_lists_the_references_naming_it_instead(project):
    project.reference("acme-two", publish="internal")
    project.reference("other-one", customer="other")
    project.write("customers/acme.yaml", "id: acme\nname: [Acme\n")
    report = project.review()
    assert [(f.rule, f.references) for f in report.findings] == [
        ("invalid-yaml", ("acme-core", "acme-two")),
        ("unknown-customer", ("other-one",)),
    ]
    assert report.published == frozenset()


def test_customer_with_an_invalid_field_lists_references_naming_it_by_file_or_id(project):
    project.write("customers/acme-old.yaml", dump(customer_record("acme", rating=DROP)))
    project.reference("acme-two", customer="acme-old")
    (project.content / "customers/acme.yaml").unlink()
    report = project.review()
    finding = only(report, "invalid-record")
    assert finding.record == "acme-old"
    assert finding.references == ("acme-core", "acme-two")
    assert "unknown-customer" not in rules(report)


# -- unknown-taxonomy -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "written"),
    [
        ({"industry": "banknig"}, "industry: banknig"),
        ({"products": ["data-hub", "datahub"]}, "- datahub"),
        ({"strengths": {"commercial": ["cost-reduction", "fast"]}}, "- fast"),
    ],
)
def test_unknown_slugs_in_a_reference_are_reported_on_their_line(project, change, written):
    path = project.reference(**change)
    finding = only(project.review(), "unknown-taxonomy")
    assert (finding.path, finding.line) == (project.path(path), line_of(path, written))
    assert finding.references == ("acme-core",)


def test_unknown_sector_is_reported_on_the_customer(project):
    path = project.customer(sector="bank")
    finding = only(project.review(), "unknown-taxonomy")
    assert (finding.path, finding.line) == (project.path(path), line_of(path, "sector:"))
    assert finding.references == ("acme-core",)
    assert finding.hint == "Did you mean 'banking'?"


def test_unknown_successor_is_reported_on_the_taxonomy(project):
    path = project.taxonomy(products={"data-hub": {"label": "Data Hub", "successor": "hub-2"}})
    finding = only(project.review(), "unknown-taxonomy")
    assert (finding.path, finding.line) == (project.path(path), line_of(path, "successor:"))


def test_without_a_taxonomy_every_slug_is_unknown(project):
    (project.content / "taxonomy.yaml").unlink()
    assert rules(project.review()) == ["unknown-taxonomy"] * 4


# -- missing-file ---------------------------------------------------------------------


def test_logo_that_exists_inside_content_is_fine(project):
    project.logo("logos/brand/acme.svg")
    project.customer(logo="logos/brand/acme.svg")
    assert project.review().findings == ()


@pytest.mark.parametrize("logo", ["logos/acme.png", "../secret.svg", "/etc/hostname", "logos"])
def test_logo_missing_or_outside_content_is_a_missing_file(project, logo):
    (project.root / "secret.svg").write_text("<svg/>")
    project.logo()
    path = project.customer(logo=logo)
    report = project.review()
    finding = only(report, "missing-file")
    assert (finding.severity, finding.path) == ("error", project.path(path))
    assert finding.line == line_of(path, "logo:")
    assert finding.references == ("acme-core",)
    assert report.published == frozenset()


def test_logo_symlink_leaving_content_is_a_missing_file(project):
    (project.root / "secret.svg").write_text("<svg/>")
    (project.content / "logos").mkdir()
    (project.content / "logos/acme.svg").symlink_to(project.root / "secret.svg")
    project.customer(logo="logos/acme.svg")
    assert rules(project.review()) == ["missing-file"]


@pytest.mark.parametrize("logo", ["logos/\0.svg", "logos/" + "a/" * 3000 + "x.svg", ""])
def test_logo_path_the_file_system_refuses_is_a_missing_file(project, logo):
    project.customer(logo=logo)
    assert rules(project.review()) == ["missing-file"]


def test_a_record_linked_from_outside_the_project_is_read_without_a_crash(
    project, tmp_path_factory
):
    outside = tmp_path_factory.mktemp("elsewhere") / "acme.yaml"
    outside.write_text(dump(customer_record(status={"state": "churned"})))
    (project.content / "customers/acme.yaml").unlink()
    (project.content / "customers/acme.yaml").symlink_to(outside)
    finding = only(project.review(), "customer-churned")
    assert finding.path == "content/customers/acme.yaml"
