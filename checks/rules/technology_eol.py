"""A third-party release at or past its end of life.

What it finds: a reference whose `technologies` include a release (`product@cycle`)
whose end of life (the `eol` of its lifecycle file, or `eoes` when the policy sets
`lifecycle_field: eoes`) is on or before the as-of date, or is `true`.

Why it matters: a case study praising a platform that its vendor no longer supports
tells prospects that our solution runs on outdated technology.

Example:
    technologies: [windows-server@2012-r2]   # end of life 2023-10-10

Fix: if the customer has upgraded, update the release; otherwise keep the reference
internal or retire it.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.lifecycle import ended, releases_in_use
from refcat.checks.policy import Policy

NAME = "technology-eol"
KIND = "blocking"
LABEL = "Technology at end of life"
ABOUT = "reference"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record, index, technology, end in releases_in_use(catalog, policy.lifecycle_field):
        if ended(end, as_of):
            when = "" if end is True else f" on {end}"
            message = f"{technology} reached its end of life{when}"
            hint = "Update the release if the customer upgraded, or keep the reference internal"
            yield about_reference(record, ("technologies", index), message, hint)
