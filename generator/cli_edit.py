"""The edit commands' part of the command line: their options, and plain values out.

`generator.cli` lists these as rows of its command table; the edits themselves are
plain functions in `generator.commands.edit`. `today` is the date `cli` read from the
clock: the default of every `--date`, and the day the record is reviewed again.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, get_args

from refcat.checks.availability import GRADES
from refcat.checks.models import Scope
from refcat.generator.arguments import day, settings_file

if TYPE_CHECKING:
    from refcat.generator.edit.session import Project

SCOPES: tuple[str, ...] = get_args(Scope)
OUTCOMES = ("done", "declined", "won", "lost")
VERDICTS = ("reference", "no-reference")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--settings", type=Path, default=None)


def _subcommands(parser: argparse.ArgumentParser, *names: str) -> list[argparse.ArgumentParser]:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    return [actions.add_parser(name) for name in names]


def request_options(parser: argparse.ArgumentParser) -> None:
    add, close = _subcommands(parser, "add", "close")
    for sub in (add, close):
        sub.add_argument("customer", metavar="CUSTOMER")
        sub.add_argument("--prospect", required=True, metavar="NAME")
        _common(sub)
    add.add_argument("--kind", required=True, choices=SCOPES)
    add.add_argument("--by", metavar="NAME")
    add.add_argument("--date", type=day, metavar="DATE", help="the day of the ask")
    add.add_argument("--reference", metavar="ID", help="the reference the prospect was shown")
    add.add_argument("--force", action="store_true", help="ask although it may not be asked")
    add.add_argument("--reason", metavar="TEXT", help="why it is asked anyway (with --force)")
    close.add_argument("--outcome", required=True, choices=OUTCOMES)
    close.add_argument("--value", type=float, metavar="N")
    close.add_argument("--closed", type=day, metavar="DATE")


def consent_options(parser: argparse.ArgumentParser) -> None:
    renew, withdraw = _subcommands(parser, "renew", "withdraw")
    for sub in (renew, withdraw):
        sub.add_argument("customer", metavar="CUSTOMER")
        sub.add_argument("scope", choices=SCOPES, metavar="SCOPE")
        _common(sub)
    renew.add_argument("--until", required=True, type=day, metavar="DATE")
    renew.add_argument("--by", required=True, metavar="NAME")
    renew.add_argument("--granted", type=day, metavar="DATE")
    renew.add_argument("--evidence", metavar="TEXT")
    withdraw.add_argument("--date", type=day, metavar="DATE")


def rate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("customer", metavar="CUSTOMER")
    parser.add_argument("grade", choices=GRADES, metavar="GRADE")
    parser.add_argument("--by", required=True, metavar="NAME")
    parser.add_argument("--date", type=day, metavar="DATE")
    parser.add_argument("--note", metavar="TEXT")
    _common(parser)


def evaluate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("reference", metavar="REFERENCE")
    parser.add_argument("--verdict", required=True, choices=VERDICTS)
    parser.add_argument("--by", required=True, metavar="NAME")
    parser.add_argument("--date", type=day, metavar="DATE")
    parser.add_argument("--note", metavar="TEXT")
    _common(parser)


def _project(args: argparse.Namespace, today: date) -> Project:
    from refcat.generator.edit.session import Project

    return Project(args.content, settings_file(args), today)


def request(args: argparse.Namespace, today: date, out: TextIO) -> int:
    from refcat.generator.commands import edit
    from refcat.generator.edit.requests import Ask, Closing

    project = _project(args, today)
    if args.action == "add":
        ask = Ask(
            kind=args.kind,
            prospect=args.prospect,
            by=args.by,
            day=args.date,
            reference=args.reference,
            force=args.force,
            reason=args.reason,
        )
        return edit.request_add(project, args.customer, ask, out)
    closing = Closing(args.prospect, args.outcome, args.value, args.closed)
    return edit.request_close(project, args.customer, closing, out)


def consent(args: argparse.Namespace, today: date, out: TextIO) -> int:
    from refcat.generator.commands import edit
    from refcat.generator.edit.consents import Renewal

    project = _project(args, today)
    if args.action == "withdraw":
        return edit.consent_withdraw(project, args.customer, args.scope, args.date, out)
    renewal = Renewal(args.scope, args.until, args.by, args.granted, args.evidence)
    return edit.consent_renew(project, args.customer, renewal, out)


def rate(args: argparse.Namespace, today: date, out: TextIO) -> int:
    from refcat.generator.commands import edit
    from refcat.generator.edit.rating import Grading

    grading = Grading(args.grade, args.by, args.date, args.note)
    return edit.rate(_project(args, today), args.customer, grading, out)


def evaluate(args: argparse.Namespace, today: date, out: TextIO) -> int:
    from refcat.generator.commands import edit
    from refcat.generator.edit.evaluation import Verdict

    verdict = Verdict(args.verdict, args.by, args.date, args.note)
    return edit.evaluate(_project(args, today), args.reference, verdict, out)
