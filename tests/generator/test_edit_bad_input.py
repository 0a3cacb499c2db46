"""Bad input to the edit commands: a clear one-line error, exit 2 (or 1 when refused),
never a traceback, and nothing under content/ changed."""

from __future__ import annotations

import io
from datetime import date

import pytest

from refcat.generator.cli import main
from refcat.generator.commands import edit
from refcat.generator.edit import roundtrip
from refcat.generator.edit.requests import Ask, Closing
from refcat.generator.edit.session import edit_customer
from tests.generator.edit_helpers import TODAY, demo_copy, snapshot


@pytest.fixture
def demo(tmp_path):
    project = demo_copy(tmp_path)
    return project, snapshot(project.content)


def refcat(project, *args: str) -> int:
    return main([*args, "--content", str(project.content)])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rate", "kestrel-savings-bnk", "A", "--by", "Me"],
            "refcat: unknown customer 'kestrel-savings-bnk'; did you mean kestrel-savings-bank?",
        ),
        (
            ["evaluate", "kronberg-spare-parts", "--verdict", "reference", "--by", "Me"],
            "refcat: unknown reference 'kronberg-spare-parts'; "
            "did you mean kronberg-spare-parts-catalog?",
        ),
        (
            [
                "request",
                "close",
                "kestrel-savings-bank",
                "--prospect",
                "Nobody",
                "--outcome",
                "won",
            ],
            "refcat: kestrel-savings-bank has no pending request for 'Nobody'; "
            "pending: Severn Mutual Bank",
        ),
        (
            [
                "consent",
                "renew",
                "kestrel-savings-bank",
                "logo",
                "--until",
                "2020-01-01",
                "--by",
                "Me",
                "--granted",
                "2026-01-01",
            ],
            "refcat: --until 2020-01-01 is not after the grant on 2026-01-01",
        ),
        (
            ["consent", "withdraw", "kronberg-maschinenbau", "reference-call"],
            "refcat: kronberg-maschinenbau has no reference-call consent holding on 2026-11-25 "
            "to withdraw",
        ),
        (
            [
                "request",
                "add",
                "kestrel-savings-bank",
                "--kind",
                "reference-call",
                "--prospect",
                "Globex",
                "--force",
            ],
            "refcat: --force and --reason TEXT go together: say why the customer is asked",
        ),
        (
            [
                "request",
                "add",
                "kestrel-savings-bank",
                "--kind",
                "reference-call",
                "--prospect",
                "Globex",
                "--reference",
                "alpine-policy-archive",
            ],
            "refcat: the reference 'alpine-policy-archive' is not one of kestrel-savings-bank's",
        ),
        (
            [
                "request",
                "close",
                "kestrel-savings-bank",
                "--prospect",
                "Severn Mutual Bank",
                "--outcome",
                "won",
                "--closed",
                "2026-10-01",
            ],
            "refcat: --closed 2026-10-01 is before the ask on 2026-10-20",
        ),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_2(demo, capsys, monkeypatch, args, message):
    project, before = demo
    monkeypatch.setattr("refcat.generator.cli.date", _Today)
    assert refcat(project, *args) == 2
    assert capsys.readouterr().err == message + "\n"
    assert snapshot(project.content) == before


class _Today(date):
    """The CLI's clock, pinned to the demo's as-of date."""

    @classmethod
    def today(cls) -> date:
        return TODAY


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["rate", "kestrel-savings-bank", "E", "--by", "Me"], "invalid choice: 'E'"),
        (["consent", "renew", "kestrel-savings-bank", "fax"], "invalid choice: 'fax'"),
        (
            [
                "consent",
                "renew",
                "kestrel-savings-bank",
                "logo",
                "--until",
                "2027-02-30",
                "--by",
                "Me",
            ],
            "'2027-02-30' is not a date (YYYY-MM-DD)",
        ),
        (["request", "close", "kestrel-savings-bank", "--prospect", "X"], "--outcome"),
        (["rate", "kestrel-savings-bank", "A"], "--by"),
    ],
)
def test_an_argument_argparse_rejects_exits_2(demo, capsys, args, problem):
    project, before = demo
    with pytest.raises(SystemExit) as exit_:
        refcat(project, *args)
    assert exit_.value.code == 2
    assert problem in capsys.readouterr().err
    assert snapshot(project.content) == before


def test_a_non_finite_value_is_refused(demo, capsys):
    project, before = demo
    closing = Closing(prospect="Severn Mutual Bank", outcome="won", value=float("inf"))
    assert edit.request_close(project, "kestrel-savings-bank", closing, io.StringIO()) == 2
    assert "give an amount of 0 or more" in capsys.readouterr().err
    assert snapshot(project.content) == before


def test_a_file_changed_underneath_is_not_overwritten(demo, capsys, monkeypatch):
    project, before = demo
    path = project.content / "customers/kestrel-savings-bank.yaml"
    theirs = path.read_text() + "owner: Someone Else\n"
    monkeypatch.setattr(roundtrip, "before_replace", lambda p: p.write_text(theirs))
    ask = Ask(kind="reference-call", prospect="Globex")
    assert edit.request_add(project, "kestrel-savings-bank", ask, io.StringIO()) == 1
    assert capsys.readouterr().err == (
        f"refcat: {path} changed on disk since it was read; nothing written\n"
    )
    assert path.read_text() == theirs
    before["customers/kestrel-savings-bank.yaml"] = theirs.encode()
    assert snapshot(project.content) == before, "no temporary file left behind"


def test_an_edit_that_breaks_the_record_is_not_written(demo, capsys):
    project, before = demo

    def break_grade(target) -> str:
        target.editable.data["rating"]["grade"] = "Z"
        return "done"

    assert edit_customer(project, "kestrel-savings-bank", break_grade, io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"refcat: {project.content}/customers/kestrel-savings-bank.yaml:13: ")
    assert err.endswith("; nothing written\n") and "rating.grade" in err
    assert snapshot(project.content) == before


def test_a_customer_whose_file_does_not_load_is_named_as_such(demo, capsys):
    project, _ = demo
    path = project.content / "customers/vega-freight.yaml"
    path.write_text(path.read_text().replace("sector:", "sectr:"))
    broken = path.read_bytes()
    assert edit.rate(project, "vega-freight", _grading(), io.StringIO()) == 2
    assert capsys.readouterr().err == (
        "refcat: the customer 'vega-freight' does not load; `refcat check` says why, "
        "fix that first\n"
    )
    assert path.read_bytes() == broken


def _grading():
    from refcat.generator.edit.rating import Grading

    return Grading(grade="A", by="Me")
