"""Each edit command on a copy of the demo content: exactly the edited block changes,
and the record's findings after the edit are printed."""

from __future__ import annotations

import io
from datetime import date

from refcat.generator.commands import edit
from refcat.generator.edit.consents import Renewal
from refcat.generator.edit.evaluation import Verdict
from refcat.generator.edit.rating import Grading
from refcat.generator.edit.requests import Ask, Closing
from tests.generator.edit_helpers import changed_lines, demo_copy

KESTREL = "customers/kestrel-savings-bank.yaml"


def run_edit(project, relative: str, command, *args) -> tuple[list[str], list[str], str]:
    path = project.content / relative
    before = path.read_text(encoding="utf-8")
    out = io.StringIO()
    assert command(project, *args, out) == 0
    removed, added = changed_lines(before, path.read_text(encoding="utf-8"))
    return removed, added, out.getvalue()


def test_request_add_appends_one_entry_and_prints_the_findings(tmp_path):
    project = demo_copy(tmp_path)
    ask = Ask(kind="reference-call", prospect="Globex Bank", by="Daniel Okafor")
    removed, added, log = run_edit(project, KESTREL, edit.request_add, "kestrel-savings-bank", ask)
    assert removed == []
    assert added == [
        "  - date: 2026-11-25",
        "    kind: reference-call",
        "    by: Daniel Okafor",
        "    prospect: Globex Bank",
    ]
    assert log.splitlines() == [
        "Recorded a reference-call request of kestrel-savings-bank for Globex Bank on 2026-11-25.",
        "No findings for content/customers/kestrel-savings-bank.yaml.",
    ]


def test_request_add_is_refused_when_the_customer_may_not_be_asked(tmp_path, capsys):
    project = demo_copy(tmp_path)
    path = project.content / "customers/kronberg-maschinenbau.yaml"
    before = path.read_bytes()
    ask = Ask(kind="reference-call", prospect="Globex")
    assert edit.request_add(project, "kronberg-maschinenbau", ask, io.StringIO()) == 1
    assert capsys.readouterr().err == (
        "refcat: kronberg-maschinenbau may not be asked on 2026-11-25: rated D (not eligible); "
        "reference-call consent withdrawn 2026-07-20; nothing written "
        "(--force --reason TEXT asks anyway)\n"
    )
    assert path.read_bytes() == before


def test_request_add_forced_records_the_reason(tmp_path):
    project = demo_copy(tmp_path)
    ask = Ask(
        kind="reference-call",
        prospect="Globex",
        day=date(2026, 11, 20),
        force=True,
        reason="The prospect's CEO asked for them by name",
    )
    path = "customers/kronberg-maschinenbau.yaml"
    removed, added, log = run_edit(project, path, edit.request_add, "kronberg-maschinenbau", ask)
    assert removed == []
    assert added == [
        "  - date: 2026-11-20",
        "    kind: reference-call",
        "    prospect: Globex",
        "    reason: The prospect's CEO asked for them by name",
    ]
    assert "although: rated D (not eligible)" in log


def test_request_add_counts_the_shown_references_own_blockers(tmp_path, capsys):
    project = demo_copy(tmp_path)
    ask = Ask(kind="reference-call", prospect="Globex", reference="alpine-policy-archive")
    assert edit.request_add(project, "alpine-mutual-insurance", ask, io.StringIO()) == 1
    assert capsys.readouterr().err.startswith(
        "refcat: alpine-mutual-insurance may not be asked on 2026-11-25: "
        "alpine-policy-archive: Completed on 2019-05-14, 7 years ago; nothing written"
    )


def test_request_close_records_outcome_and_closed_and_keeps_the_day_of_the_ask(tmp_path):
    project = demo_copy(tmp_path)
    closing = Closing(prospect="severn mutual bank", outcome="won", value=420000)
    removed, added, log = run_edit(
        project, KESTREL, edit.request_close, "kestrel-savings-bank", closing
    )
    assert removed == []
    assert added == ["    outcome: won", "    value: 420000", "    closed: 2026-11-25"]
    text = (project.content / KESTREL).read_text()
    assert "    date: 2026-10-20\n    kind: reference-call\n" in text.replace(
        "  - date", "    date"
    )
    assert log.startswith(
        "Closed the reference-call request of kestrel-savings-bank for Severn Mutual Bank "
        "(asked 2026-10-20): won on 2026-11-25."
    )


def test_consent_renew_adds_an_entry_and_keeps_the_old_one(tmp_path):
    project = demo_copy(tmp_path)
    renewal = Renewal(
        scope="logo", until=date(2029, 12, 31), by="Clare Dunmore", evidence="Renewal REF-2026-7"
    )
    removed, added, log = run_edit(
        project, KESTREL, edit.consent_renew, "kestrel-savings-bank", renewal
    )
    assert removed == []
    assert added == [
        "  - scope: logo",
        "    granted: 2026-11-25",
        "    expires: 2029-12-31",
        "    by: Clare Dunmore",
        "    evidence: Renewal REF-2026-7",
    ]
    text = (project.content / KESTREL).read_text()
    assert text.index("clause 3\n  - scope: logo\n    granted: 2026-11-25") > 0, "after its scope"
    assert "the earlier one stays" in log


def test_consent_withdraw_sets_withdrawn_on_the_holding_consent(tmp_path):
    project = demo_copy(tmp_path)
    removed, added, log = run_edit(
        project, KESTREL, edit.consent_withdraw, "kestrel-savings-bank", "press", date(2026, 12, 1)
    )
    assert (removed, added) == ([], ["    withdrawn: 2026-12-01"])
    assert log.startswith("Withdrew the press consent of kestrel-savings-bank on 2026-12-01.")


def test_rate_replaces_the_rating_in_its_quotes(tmp_path):
    project = demo_copy(tmp_path)
    grading = Grading(grade="2", by="Priya Raman", note="Agreed to calls again")
    removed, added, log = run_edit(project, KESTREL, edit.rate, "kestrel-savings-bank", grading)
    assert removed == [
        '  grade: "A"',
        "  reviewed: 2026-10-08",
        "  note: Our strongest banking referee in the UK; the CIO speaks at events on her own "
        "initiative.",
    ]
    assert added == ['  grade: "2"', "  reviewed: 2026-11-25", "  note: Agreed to calls again"]
    assert log.startswith("Rated kestrel-savings-bank 2 (observed, has agreed) on 2026-11-25")


def test_evaluate_edits_only_the_front_matter_and_prints_the_new_finding(tmp_path):
    project = demo_copy(tmp_path)
    path = project.content / "references/kronberg-spare-parts-catalog.md"
    story = path.read_text().split("\n---\n", 1)[1]
    verdict = Verdict(verdict="no-reference", by="Markus Feld", note="Licence dispute")
    removed, added, log = run_edit(
        project,
        path.relative_to(project.content).as_posix(),
        edit.evaluate,
        "kronberg-spare-parts-catalog",
        verdict,
    )
    assert removed == ["  date: 2023-05-09", "  verdict: reference"]
    assert added == ["  date: 2026-11-25", "  verdict: no-reference", "  note: Licence dispute"]
    assert path.read_text().split("\n---\n", 1)[1] == story
    assert "[evaluation-missing] The post-evaluation of 2026-11-25 advised against using it" in log
