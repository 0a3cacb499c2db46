"""A reference without a positive post-evaluation.

What it finds: a reference with no `evaluation`, or one whose verdict is
`no-reference`.

Why it matters: only a project that was evaluated after go-live, with the customer,
and judged a good reference should be shown to prospects.

Example:
    evaluation: {date: 2026-05-20, verdict: no-reference, note: Budget overrun}

Fix: hold the post-evaluation with the customer and record it with verdict
`reference`; otherwise keep the reference internal.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "evaluation-missing"
KIND = "blocking"
LABEL = "No positive evaluation"
ABOUT = "reference"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record in catalog.references.values():
        evaluation = record.reference.evaluation
        if evaluation is None:
            message = "No post-evaluation recorded"
            hint = "Hold the post-evaluation and add `evaluation` with verdict `reference`"
            yield about_reference(record, (), message, hint)
        elif evaluation.verdict != "reference":
            message = f"The post-evaluation of {evaluation.date} advised against using it"
            hint = "Keep the reference internal, or evaluate again after the issues are fixed"
            yield about_reference(record, ("evaluation", "verdict"), message, hint)
