"""A consent in use that was valid before but has expired or been withdrawn.

What it finds: a reference that needs a consent scope (`name`, `case-study`,
`quote`, or the `logo` of a customer with a named public reference) whose consents
of that scope were valid before the as-of date but none is valid on it: the last one
expired or was withdrawn.

Why it matters: a logo or a story that stays online after its consent ended is the
most common way a reference program embarrasses a customer, and it happens by
itself, without any commit: the nightly run finds it.

Example:
    consents:
      - {scope: logo, granted: 2023-11-01, expires: 2026-10-31}

Fix: renew the consent with the customer (a new entry with its own `granted`), or
remove the use (the logo, the story, the quote) from what is published.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.consent import label, scopes_in_use
from refcat.checks.facts import about_customer
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "consent-expired"
KIND = "blocking"
LABEL = "Consent expired or withdrawn"
ABOUT = "publication"

_ACTION = {"logo": "remove the logo", "name": "publish it anonymized"}


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for use in scopes_in_use(catalog, as_of):
        status, scope = use.status, use.scope
        if status.state != "lapsed" or status.consent is None:
            continue
        consent = status.consent
        withdrawn = consent.withdrawn is not None and consent.withdrawn == consent.ends
        key, verb = ("withdrawn", "was withdrawn") if withdrawn else ("expires", "expired")
        message = f"{label(scope)} consent {verb} on {consent.ends}"
        action = _ACTION.get(scope, f"remove the {scope.replace('-', ' ')}")
        hint = f"Renew the {scope} consent or {action}"
        loc = ("consents", status.index, key)
        yield about_customer(use.customer, use.users, loc, message, hint)
