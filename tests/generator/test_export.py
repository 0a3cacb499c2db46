"""`refcat export`: one CSV row per reference that Excel opens as written and cannot run,
the public one holding only what the public catalog shows."""

from __future__ import annotations

import csv
import io

import pytest

from refcat.generator.cli import main
from refcat.generator.commands import export
from refcat.generator.exchange.csv_cells import FORMULA_STARTS, neutralise, to_csv
from refcat.generator.exchange.export import INTERNAL_COLUMNS, PUBLIC_COLUMNS, guard
from tests.factories import AS_OF

HOSTILE = ["=1+1", "+44 20 7946 0184", "-2", "@SUM(A1:A9)", "\t=cmd", "\r=cmd"]


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def run_export(project, audience: str, **options) -> tuple[int, str]:
    out = io.StringIO()
    chosen = export.Options(audience=audience, **options)
    code = export.run(project.content, project.settings, AS_OF, out, chosen)
    return code, out.getvalue()


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_cell_a_spreadsheet_would_evaluate_is_written_as_text(cell):
    text = to_csv(["value"], [[cell]])
    (written,) = (row["value"] for row in rows_of(text))
    assert written == "'" + cell, "prefixed with a quote, as OWASP recommends"
    assert written[1:] == cell, "and nothing else of it changed"


def test_harmless_cells_are_written_as_they_are_with_crlf_and_an_optional_bom():
    text = to_csv(["a", "b"], [["Acme, Inc.", 'say "hi"'], ["x=1", "a-b"]])
    assert text == 'a,b\r\n"Acme, Inc.","say ""hi"""\r\nx=1,a-b\r\n'
    assert to_csv(["a"], [], bom=True).encode("utf-8") == b"\xef\xbb\xbfa\r\n"
    assert all(neutralise(c).startswith("'") for c in FORMULA_STARTS)


def test_demo_public_export_is_the_published_references_and_nothing_internal(refcat):
    done = refcat("export", "--audience", "public", "--as-of", "2026-11-25")
    assert done.returncode == 0, done.stderr
    rows = rows_of(done.stdout)
    assert tuple(rows[0]) == PUBLIC_COLUMNS
    assert len(rows) == 26  # the demo's published references on that day
    assert "kestrel-fraud-alerts-pilot" not in done.stdout  # an internal-only reference
    assert "@" not in done.stdout and "caveats" not in done.stdout.lower()


def test_demo_internal_export_has_every_reference_its_status_and_no_contact(refcat, tmp_path):
    target = tmp_path / "internal.csv"
    done = refcat(
        "export", "--audience", "internal", "--as-of", "2026-11-25", "--bom",
        "--output", str(target),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")
    rows = rows_of(raw.decode("utf-8"))
    assert tuple(rows[0]) == INTERNAL_COLUMNS and len(rows) == 48
    status = {row["id"]: row["status"] for row in rows}
    assert status["kestrel-fraud-alerts-pilot"] == "Internal only"
    assert {"Published", "Internal only", "Not usable"} == set(status.values())
    assert "beat.imhof@alpine-mutual.example" not in raw.decode("utf-8")
    assert "555 04 12" not in raw.decode("utf-8")


def test_a_hostile_customer_name_is_neutralised_in_both_exports(project):
    project.customer(name='=HYPERLINK("http://evil.example","Acme")')
    for audience in ("public", "internal"):
        code, text = run_export(project, audience)
        assert code == 0
        (row,) = rows_of(text)
        assert row["customer"] == "'" + '=HYPERLINK("http://evil.example","Acme")'


def test_the_guard_finds_internal_data_in_a_csv_even_inside_a_quoted_cell(project):
    project.reference(
        "acme-phoenix", title='The "Phoenix" programme', publish="internal", summary="Secret."
    )
    report = project.review()
    leaking = to_csv(["title"], [['The "Phoenix" programme'], ["jane.roe@acme.example"]])
    project.customer(contacts=[{"name": "Jane Roe", "email": "jane.roe@acme.example"}])
    leaks = guard(leaking, project.review(), [])
    assert "references.txt: unpublished reference acme-phoenix" in leaks  # the cells read
    assert "references.csv: a contact of customer acme" in leaks  # the file as written
    assert guard(to_csv(["title"], [["Core banking migration"]]), report, []) == []


def test_a_leak_refuses_the_export_and_writes_nothing(project, monkeypatch, tmp_path):
    monkeypatch.setattr(export, "public_csv", _leaking)
    target = tmp_path / "out.csv"
    code, said = run_export(project, "public", output=target)
    assert code == 1 and "nothing written" in said and "Leak guard" in said
    assert not target.exists()


def _leaking(report, settings, bom=False):
    from refcat.generator.build.guard import LeakError

    raise LeakError(["references.csv: the e-mail address of a contact"])


def test_export_options_are_checked_before_anything_runs(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--audience", "everyone"])
    assert exit_.value.code == 2
    missing = tmp_path / "nowhere"
    assert main(["export", "--audience", "public", "--content", str(missing)]) == 2
    assert "content folder not found" in capsys.readouterr().err
