"""A customer that has left.

What it finds: a customer with references whose `status.state` is `churned`, with a
`since` date on or before the as-of date (or none).

Why it matters: a prospect who calls a former customer hears why they left.

Example:
    status: {state: churned, since: 2026-03-31}

Fix: take the customer's references off the website; keep them internal as history.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, customers_with_references
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "customer-churned"
KIND = "blocking"
LABEL = "Customer churned"
ABOUT = "customer"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for customer, references in customers_with_references(catalog):
        status = customer.customer.status
        if status.churned_on(as_of):
            since = f" since {status.since}" if status.since else ""
            message = f"{customer.customer.name} is no longer a customer{since}"
            hint = "Set the references to `publish: internal`"
            yield about_customer(customer, references, ("status", "state"), message, hint)
