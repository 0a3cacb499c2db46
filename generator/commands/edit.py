"""The edit commands: `request add|close`, `consent renew|withdraw`, `rate`, `evaluate`.

Each is one small, safe change of one record file (see `generator.edit`): plain
values in, an exit code out (0 done, 1 refused, 2 a bad argument; nothing is written
unless the exit is 0), the change and the record's new findings printed to `out`.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from refcat.generator.edit import consents, evaluation, rating, requests
from refcat.generator.edit.consents import Renewal
from refcat.generator.edit.evaluation import Verdict
from refcat.generator.edit.rating import Grading
from refcat.generator.edit.requests import Ask, Closing
from refcat.generator.edit.session import Project, edit_customer, edit_reference


def request_add(project: Project, customer: str, ask: Ask, out: TextIO) -> int:
    return edit_customer(project, customer, lambda t: requests.add(t, ask, project.today), out)


def request_close(project: Project, customer: str, closing: Closing, out: TextIO) -> int:
    return edit_customer(
        project, customer, lambda t: requests.close(t, closing, project.today), out
    )


def consent_renew(project: Project, customer: str, renewal: Renewal, out: TextIO) -> int:
    return edit_customer(
        project, customer, lambda t: consents.renew(t, renewal, project.today), out
    )


def consent_withdraw(
    project: Project, customer: str, scope: str, day: date | None, out: TextIO
) -> int:
    when = day or project.today
    return edit_customer(project, customer, lambda t: consents.withdraw(t, scope, when), out)


def rate(project: Project, customer: str, grading: Grading, out: TextIO) -> int:
    return edit_customer(project, customer, lambda t: rating.rate(t, grading, project.today), out)


def evaluate(project: Project, reference: str, verdict: Verdict, out: TextIO) -> int:
    return edit_reference(
        project, reference, lambda t: evaluation.evaluate(t, verdict, project.today), out
    )
