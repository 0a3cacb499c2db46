"""A customer under an unresolved reputation cloud.

What it finds: a customer with references that has a `reputation` entry of severity
`blocking`, dated on or before the as-of date, and not resolved on it.

Why it matters: showing a customer's logo next to ours while they are in the news
for a data breach, a fraud case or mass layoffs ties our brand to their trouble.

Example:
    reputation:
      - {date: 2026-09-12, summary: Regulator fine over data breach, severity: blocking}

Fix: keep the references off the website until the matter is resolved, then set
`resolved` on the entry.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, customers_with_references
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "reputation-risk"
KIND = "blocking"
LABEL = "Reputation risk"
ABOUT = "customer"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for customer, references in customers_with_references(catalog):
        for index, entry in enumerate(customer.customer.reputation):
            if entry.blocks_on(as_of):
                message = f"Unresolved reputation issue since {entry.date}: {entry.summary}"
                hint = "Keep the references internal until resolved, then set `resolved`"
                yield about_customer(customer, references, ("reputation", index), message, hint)
