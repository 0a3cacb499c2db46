"""A third-party release that reaches its end of life soon.

What it finds: a release in a reference's `technologies` whose end of life is at
most `eol_warn_days` (default 180) days after the as-of date.

Why it matters: the reference will have to come off the website on that day; now is
the time to ask the customer about their upgrade and plan a successor reference.

Example:
    technologies: [windows-server@2016]   # end of life 2027-01-12

Fix: ask the customer whether the upgrade is planned and update the release when
it is done.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.lifecycle import days_left, releases_in_use
from refcat.checks.policy import Policy

NAME = "technology-eol-soon"
KIND = "warning"
LABEL = "Technology eol soon"
ABOUT = "reference"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record, index, technology, end in releases_in_use(catalog, policy.lifecycle_field):
        left = days_left(end, as_of)
        if left is not None and left <= policy.eol_warn_days:
            message = f"{technology} reaches its end of life on {end}, in {left} days"
            hint = "Ask the customer about their upgrade plan and update the release"
            yield about_reference(record, ("technologies", index), message, hint)
