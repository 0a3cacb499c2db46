"""A consent in use that expires soon.

What it finds: a consent a reference relies on (see `consent-missing` for the uses)
whose end is at most `consent_warn_days` (default 60) days after the as-of date and
that no other consent of the same scope outlasts.

Why it matters: renewing a consent takes the customer's legal or communications
team weeks; asking early keeps the reference online without a gap.

Example:
    consents:
      - {scope: case-study, granted: 2024-01-15, expires: 2026-12-31}

Fix: ask the customer to renew, then add the renewed consent as a new entry.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.consent import label, scopes_in_use
from refcat.checks.facts import about_customer
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "consent-expiring"
KIND = "warning"
LABEL = "Consent expiring"
ABOUT = "publication"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for use in scopes_in_use(catalog, as_of):
        status, scope = use.status, use.scope
        ends = status.consent.ends if status.consent else None
        if status.state != "valid" or ends is None:
            continue
        days_left = (ends - as_of).days
        if 0 < days_left <= policy.consent_warn_days:
            key = "expires" if status.consent.expires == ends else "withdrawn"
            message = f"{label(scope)} consent expires on {ends}, in {days_left} days"
            hint = f"Ask the customer to renew the {scope} consent before {ends}"
            loc = ("consents", status.index, key)
            yield about_customer(use.customer, use.users, loc, message, hint)
