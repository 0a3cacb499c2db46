"""`refcat new customer|reference ID`: a commented skeleton that loads without a
structural finding, never over an existing record."""

from __future__ import annotations

import io

import pytest

from refcat.checks.rules import STRUCTURAL_RULES
from refcat.generator.commands import new
from tests.factories import AS_OF


def create(project, kind: str, record_id: str) -> str:
    out = io.StringIO()
    assert new.run(kind, record_id, project.content, AS_OF, out) == 0
    return out.getvalue()


def findings_about(project, record_id: str) -> list[tuple[str, str]]:
    report = project.review()
    return sorted(
        (f.rule, f.severity)
        for f in report.findings
        if f.record == record_id or record_id in f.references
    )


def test_new_customer_loads_without_any_finding(project):
    log = create(project, "customer", "globex-bank")
    path = project.content / "customers" / "globex-bank.yaml"
    assert log == f"Created {path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") > 5, "the skeleton explains the optional keys in comments"
    assert "sector: banking  # one of taxonomy.yaml's sectors: banking, asset-management" in text
    report = project.review()
    assert "globex-bank" in report.catalog.customers
    assert report.catalog.customers["globex-bank"].customer.name == "Globex Bank"
    assert findings_about(project, "globex-bank") == []


def test_new_reference_has_only_the_warnings_of_a_fresh_record(project):
    create(project, "reference", "acme-payments-hub")
    report = project.review()
    record = report.catalog.references["acme-payments-hub"]
    assert record.reference.customer == "acme"  # the customer whose id starts it
    assert record.reference.publish == "internal"
    assert record.reference.completed == AS_OF
    assert record.body.strip().startswith("## The situation")
    assert findings_about(project, "acme-payments-hub") == [
        ("evaluation-missing", "warning"),
        ("no-arguments", "warning"),
    ]


def test_the_longest_customer_id_that_starts_the_reference_id_wins(project):
    project.customer("acme-leasing", name="Acme Leasing")
    create(project, "reference", "acme-leasing-portal")
    record = project.review().catalog.references["acme-leasing-portal"]
    assert record.reference.customer == "acme-leasing"


def test_a_reference_without_a_matching_customer_says_which_to_set(project):
    create(project, "reference", "initech-crm")
    rules = {rule for rule, _ in findings_about(project, "initech-crm")}
    assert rules & STRUCTURAL_RULES == {"unknown-customer"}


@pytest.mark.parametrize("bad", ["Acme", "-acme", "acme_bank", "a" * 65, "acme/../x", "", "acme\n"])
def test_invalid_id_is_refused_with_exit_2(project, refcat, bad):
    result = refcat("new", "customer", "--content", "content", "--", bad, cwd=project.root)
    assert result.returncode == 2
    assert "not a valid id" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project.content / "customers").iterdir()) == ["acme.yaml"]


@pytest.mark.parametrize(
    ("kind", "existing"),
    [("customer", "customers/acme.yaml"), ("reference", "references/acme-core.md")],
)
def test_existing_record_is_never_overwritten(project, refcat, kind, existing):
    before = (project.content / existing).read_bytes()
    record_id = existing.rsplit("/", 1)[1].split(".")[0]
    result = refcat("new", kind, record_id, "--content", "content", cwd=project.root)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert (project.content / existing).read_bytes() == before


def test_a_record_in_a_subfolder_counts_as_existing(project, refcat):
    project.reference("acme-archive", folder="2024/")
    result = refcat("new", "reference", "acme-archive", "--content", "content", cwd=project.root)
    assert result.returncode == 2
    assert "references/2024/acme-archive.md" in result.stderr
    assert not (project.content / "references" / "acme-archive.md").exists()


def test_missing_content_folder_is_exit_2(tmp_path, refcat):
    result = refcat("new", "customer", "globex", "--content", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "content folder not found" in result.stderr


def test_cli_creates_the_file_and_check_accepts_it(project, refcat):
    result = refcat("new", "customer", "globex", "--content", "content", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert (project.content / "customers" / "globex.yaml").is_file()
    check = refcat("check", "--content", "content", "--as-of", "2026-11-25", cwd=project.root)
    assert check.returncode == 0, check.stdout
