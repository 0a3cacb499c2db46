"""`rate`: a customer's yearly re-rating, edited in place in `rating:`.

The rating holds the current grade only (git keeps the earlier ones). A note explains
a grade, so the old note goes unless a new one is given: a stale "why" would mislead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from refcat.checks.availability import GRADE_MEANING, GRADES
from refcat.checks.catalog import CustomerRecord
from refcat.checks.models import Rating
from refcat.generator.edit.fields import order_of, put
from refcat.generator.edit.roundtrip import EditError
from refcat.generator.edit.session import Target


@dataclass(frozen=True)
class Grading:
    grade: str
    by: str
    day: date | None = None  # the day of the review; default today
    note: str | None = None


def rate(target: Target, grading: Grading, today: date) -> str:
    if grading.grade not in GRADES:
        raise EditError(f"unknown grade '{grading.grade}'; grades: {', '.join(GRADES)}")
    if not isinstance(target.record, CustomerRecord):
        raise EditError("ratings belong to customers")
    before = target.record.customer.rating
    rating = target.editable.data.get("rating")
    if not isinstance(rating, CommentedMap):
        raise EditError(f"{target.editable.path}: `rating:` is not a mapping; fix it first")
    day = grading.day or today
    order = order_of(Rating)
    put(rating, "grade", _quoted_like(rating.get("grade"), grading.grade), order)
    put(rating, "reviewed", day, order)
    put(rating, "by", grading.by, order)
    if grading.note is not None:
        put(rating, "note", grading.note, order)
    elif "note" in rating:
        del rating["note"]
    customer_id = target.record.customer.id
    return (
        f"Rated {customer_id} {grading.grade} ({GRADE_MEANING[grading.grade]}) on {day}, "
        f"was {before.grade} reviewed {before.reviewed}."
    )


def _quoted_like(old: object, grade: str) -> str:
    """The new grade in the quotes the old one was written with (`grade: "A"` stays quoted)."""
    for style in (DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(old, style):
            return style(grade)
    return grade
