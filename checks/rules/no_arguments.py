"""A reference with nothing a prospect could be told.

What it finds: a reference with no `strengths` and no `benefits`.

Why it matters: sales pick references by what they prove (a zero-downtime
migration, a cost reduction); a reference without arguments cannot be found by
them and convinces nobody on the website.

Example:
    strengths: {}
    benefits: []

Fix: add the measurable outcomes as `benefits` and tag the `strengths` it proves.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "no-arguments"
KIND = "blocking"
LABEL = "Nothing to tell a prospect"
ABOUT = "reference"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record in catalog.references.values():
        reference = record.reference
        if not reference.strengths.all() and not reference.benefits:
            message = "No strengths and no benefits: nothing a prospect could be told"
            hint = "Add measurable `benefits` and the `strengths` the project proves"
            yield about_reference(record, (), message, hint)
