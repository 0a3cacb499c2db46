"""`refcat import`: a CRM's account export becomes customer skeletons that load, never
over an existing record, with every skipped row and why; bad input writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from refcat.checks.rules import STRUCTURAL_RULES
from refcat.checks.source import parse_yaml
from refcat.generator.cli import main
from refcat.generator.exchange.accounts import scalar
from refcat.generator.exchange.crm_maps import BUILTIN, load_map

PROJECT = Path(__file__).resolve().parents[2]
HUBSPOT = "Record ID,Company name,Company Domain Name,Industry,Country/Region,Company owner\r\n"


def accounts(tmp_path: Path, *rows: str, header: str = HUBSPOT) -> Path:
    path = tmp_path / "accounts.csv"
    path.write_bytes((header + "".join(f"{row}\r\n" for row in rows)).encode("utf-8"))
    return path


def run_import(project, csv_file: Path, crm: str = "hubspot", *more: str) -> int:
    return main(["import", str(csv_file), "--map", crm, "--content", str(project.content), *more])


def customers(project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project.content / "customers").iterdir())}


def test_new_accounts_become_customers_that_load_without_structural_findings(
    project, tmp_path, capsys
):
    csv_file = accounts(
        tmp_path,
        "101,Globex Bank,globex.example,BANKING,United Kingdom,Daniel Okafor",
        '102,"Nord: Fonds # 1 ""Alpha""",,Investment Management,NO,',
    )
    assert run_import(project, csv_file) == 0
    report = project.review()
    globex = report.catalog.customers["globex-bank"].customer
    assert (globex.name, globex.sector, globex.country) == ("Globex Bank", "banking", "GB")
    assert (globex.website, globex.owner) == ("https://globex.example", "Daniel Okafor")
    fund = report.catalog.customers["nord-fonds-1-alpha"].customer
    assert (fund.name, fund.sector, fund.country) == (
        'Nord: Fonds # 1 "Alpha"',
        "asset-management",
        "NO",
    )
    assert not [f for f in report.findings if f.rule in STRUCTURAL_RULES]
    said = capsys.readouterr().out
    assert "2 written, 0 skipped" in said and "line 3: written" in said


def test_every_skipped_row_is_reported_with_its_line_and_why_and_nothing_overwritten(
    project, tmp_path, capsys
):
    before = customers(project)
    csv_file = accounts(
        tmp_path,
        "1,Acme Bank,,Banking,,",
        "2,Acme,,Banking,DE,",
        "3,Deep Mines,,Mining & Metals,,",
        '4,"=HYPERLINK(""http://evil.example"")",,Banking,,',
        "5,Acme Bank,,Banking,,",
        "6,,,Banking,,",
        "7,Wide,,Banking,,,extra",
    )
    assert run_import(project, csv_file) == 1
    said = capsys.readouterr().out
    assert "1 written, 6 skipped" in said
    assert "line 3: skipped 'Acme': " in said and "never overwritten" in said
    assert "line 4: skipped 'Deep Mines': the industry 'Mining & Metals'" in said
    assert "line 5: skipped" in said and "a spreadsheet formula" in said
    assert "line 6: skipped 'Acme Bank': the id 'acme-bank' is line 2's already" in said
    assert "line 7: skipped" in said and "no name in 'Company name'" in said
    assert "line 8: skipped 'Wide': 7 cells where the header has 6" in said
    after = customers(project)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == {"acme-bank.yaml"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'Company name,Industry\r\n"Acme,Banking\r\n', "accounts.csv:2: not a well-formed CSV"),
        (
            "Company name,Industry\r\nCaf\xe9,Retail\r\n".encode("cp1252"),
            "accounts.csv:2: not UTF-8",
        ),
        (b"Company name,Industry\r\nAcme\x00,Banking\r\n", "accounts.csv:2: a NUL byte"),
        (b"", "accounts.csv: empty, no header row"),
        (b"Company name,Sector\r\nAcme,Banking\r\n", "accounts.csv:1: no column 'Industry'"),
    ],
    ids=["broken-quote", "cp1252", "nul", "empty", "missing-column"],
)
def test_a_file_refcat_cannot_read_is_one_line_exit_2_and_nothing_written(
    project, tmp_path, capsys, raw, message
):
    before = customers(project)
    csv_file = tmp_path / "accounts.csv"
    csv_file.write_bytes(raw)
    assert run_import(project, csv_file) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert customers(project) == before


def test_a_bom_and_salesforce_columns_are_read(project, tmp_path):
    header = "\ufeffAccount ID,Account Name,Website,Industry,Billing Country,Account Owner\r\n"
    csv_file = accounts(
        tmp_path, "001,Zeta Finance,https://zeta.example,Finance,Germany,Ana", header=header
    )
    assert run_import(project, csv_file, "salesforce") == 0
    assert project.review().catalog.customers["zeta-finance"].customer.country == "DE"


def test_dry_run_reports_and_writes_nothing(project, tmp_path, capsys):
    before = customers(project)
    assert (
        run_import(project, accounts(tmp_path, "1,Globex,,Banking,,"), "hubspot", "--dry-run") == 0
    )
    assert "line 2: would write" in capsys.readouterr().out
    assert customers(project) == before


def test_a_map_file_names_its_own_columns_and_industries(project, tmp_path):
    crm_map = tmp_path / "crm.yaml"
    crm_map.write_text(
        "crm: Pipedrive\ncolumns:\n  name: Organization\n  industry: Branche\n"
        "industries:\n  Mining & Metals: banking\ncountries:\n  Ruritania: RU\n",
        encoding="utf-8",
    )
    header = "Organization,Branche,Land\r\n"
    assert (
        run_import(
            project, accounts(tmp_path, "Deep Mines,MINING_&_METALS,x", header=header), str(crm_map)
        )
        == 0
    )
    assert project.review().catalog.customers["deep-mines"].customer.sector == "banking"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("crm: X\ncolumns: {name: A}\nindustries: {}\n", "name the CRM's column for industry"),
        (
            "crm: X\ncolumns: {name: A, industry: B}\nindustries: {Oil: Oil & Gas}\n",
            "industries.Oil",
        ),
        ("crm: X\ncolumns: {name: A, industry: B, fax: C}\nindustries: {}\n", "columns.fax"),
        ("crm: [\n", "not a YAML map file"),
    ],
)
def test_a_bad_map_file_is_one_line_naming_the_file_exit_2(
    project, tmp_path, capsys, text, message
):
    crm_map = tmp_path / "crm.yaml"
    crm_map.write_text(text, encoding="utf-8")
    assert run_import(project, accounts(tmp_path, "1,Globex,,Banking,,"), str(crm_map)) == 2
    err = capsys.readouterr().err
    assert str(crm_map) in err and message in err


def test_an_unknown_map_name_is_refused(project, tmp_path, capsys):
    assert run_import(project, accounts(tmp_path), "pipedrive") == 2
    assert "neither a built-in map (hubspot, salesforce) nor a file" in capsys.readouterr().err


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_maps_translate_into_sectors_of_the_demo_taxonomy(name):
    taxonomy = yaml.safe_load((PROJECT / "content" / "taxonomy.yaml").read_text(encoding="utf-8"))
    crm_map = load_map(name)
    assert set(crm_map.industries.values()) <= set(taxonomy["sectors"])
    assert len(crm_map.industries) >= 20


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1))
def test_a_value_reads_back_as_written_whatever_its_characters(value):
    document = f"name: {scalar(value)}\n"
    assert parse_yaml(document).data == yaml.safe_load(document) == {"name": value}
