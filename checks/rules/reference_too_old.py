"""A reference that is too old, or past its re-check date.

What it finds: a reference completed more than `max_reference_age_days` (default
1825, five years) days before the as-of date, or whose `review_by` date has passed.

Why it matters: an old project says little about what we deliver today, and the
people who could vouch for it may have moved on.

Example:
    completed: 2019-04-30

Fix: check with the customer that the story still holds, then set a new
`review_by`; or keep the reference internal.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "reference-too-old"
KIND = "blocking"
LABEL = "Too old or due for a re-check"
ABOUT = "reference"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record in catalog.references.values():
        reference = record.reference
        age = (as_of - reference.completed).days
        if age > policy.max_reference_age_days:
            message = f"Completed on {reference.completed}, {age // 365} years ago"
            hint = "Confirm the story with the customer and set `review_by`, or keep it internal"
            yield about_reference(record, ("completed",), message, hint)
        if reference.review_by is not None and reference.review_by < as_of:
            message = f"Due for a re-check since {reference.review_by}"
            hint = "Re-check the reference with the customer and set a new `review_by`"
            yield about_reference(record, ("review_by",), message, hint)
