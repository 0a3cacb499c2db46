"""A technology release that no lifecycle file knows.

What it finds: an entry of a reference's `technologies` (`product@cycle`) whose
product has no file in `content/lifecycle/`, or whose cycle is not a `releaseCycle`
of that file, compared exactly as written (`3.10` is not `3.1`).

Why it matters: without the release's lifecycle, refcat cannot warn before the
technology reaches its end of life.

Example:
    technologies: [windows-server@2012r2]   # the file says "2012-r2"

Fix: use the cycle exactly as in the lifecycle file, or add the product's file
(endoflife.date format) to `content/lifecycle/`.
"""

import difflib
from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "unknown-technology"
KIND = "structural"
LABEL = "Unknown technology"
ABOUT = "file"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record in catalog.references.values():
        for index, technology in enumerate(record.reference.technologies):
            name, _, cycle = technology.partition("@")
            if name in catalog.broken_products:
                continue
            product = catalog.lifecycle.get(name)
            if product is None:
                message = f"No lifecycle file for '{name}'"
                hint = f"Add content/lifecycle/{name}.md (endoflife.date format) or fix the name"
            elif cycle not in product.releases:
                message = f"{product.title} has no release '{cycle}'"
                close = difflib.get_close_matches(cycle, list(product.releases), n=3)
                hint = f"Known releases like it: {', '.join(close)}" if close else "Check the cycle"
            else:
                continue
            yield about_reference(record, ("technologies", index), message, hint)
