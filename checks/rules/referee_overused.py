"""A referee asked too often: resting.

What it finds: a customer with more than `request_limit.count` (default 3) reference
requests dated within the last `request_limit.days` (default 90) days, whatever
their outcome: a declined request was still an ask.

Why it matters: the happiest customers are asked again and again until they refuse;
resting them keeps them willing.

Example:
    requests:   # four asks within 90 days
      - {date: 2026-09-02, kind: reference-call}
      - {date: 2026-09-30, kind: reference-call}
      - {date: 2026-10-08, kind: site-visit}
      - {date: 2026-10-14, kind: reference-call}

Fix: ask another referee until the customer has rested; thank this one.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, customers_with_references
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "referee-overused"
KIND = "warning"
LABEL = "Referee overused"
ABOUT = "customer"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    limit = policy.request_limit
    for customer, references in customers_with_references(catalog):
        until = customer.customer.resting_until(as_of, limit.count, limit.days)
        if until is None:
            continue
        recent = customer.customer.requests_within(as_of, limit.days)
        requests = customer.customer.requests
        # the latest ask that counts, not one planned after the as-of date
        latest = max(
            (index for index, request in enumerate(requests) if request in recent),
            key=lambda index: requests[index].date,
        )
        message = f"Asked {len(recent)} times in the last {limit.days} days; resting until {until}"
        hint = f"Ask another referee until {until}"
        yield about_customer(customer, references, ("requests", latest), message, hint)
