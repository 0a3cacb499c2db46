"""`evaluate`: a reference's post-evaluation, in its front matter; the story is untouched.

A reference has one evaluation, the latest (git keeps the earlier ones): an existing
`evaluation:` is updated in place, so what surrounds it keeps its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ruamel.yaml.comments import CommentedMap

from refcat.checks.catalog import ReferenceRecord
from refcat.checks.models import Evaluation, Reference
from refcat.generator.edit.fields import entry, order_of, put
from refcat.generator.edit.roundtrip import EditError
from refcat.generator.edit.session import Target

VERDICTS = ("reference", "no-reference")


@dataclass(frozen=True)
class Verdict:
    verdict: str
    by: str
    day: date | None = None  # default today
    note: str | None = None


def evaluate(target: Target, verdict: Verdict, today: date) -> str:
    if verdict.verdict not in VERDICTS:
        raise EditError(f"verdict '{verdict.verdict}': give one of {', '.join(VERDICTS)}")
    if not isinstance(target.record, ReferenceRecord):
        raise EditError("evaluations belong to references")
    day = verdict.day or today
    values = {"date": day, "verdict": verdict.verdict, "by": verdict.by, "note": verdict.note}
    front = target.editable.data
    current = front.get("evaluation")
    if isinstance(current, CommentedMap):
        for key in order_of(Evaluation):
            if values[key] is not None:
                put(current, key, values[key], order_of(Evaluation))
            elif key in current:
                del current[key]
    else:
        put(front, "evaluation", entry(values, order_of(Evaluation)), order_of(Reference))
    return f"Evaluated {target.record.id}: {verdict.verdict} on {day} by {verdict.by}."
