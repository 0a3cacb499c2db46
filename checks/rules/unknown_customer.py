"""A reference to a customer that does not exist.

What it finds: a reference whose `customer` names no file in `content/customers/`.
(When the customer's file exists but does not load, that file's own finding lists
the reference instead.)

Why it matters: consent, rating and status live with the customer; without it,
nothing about the reference can be checked, so it is not published.

Example:
    customer: acme-bnak

Fix: correct the customer id, or add the customer's file.
"""

import difflib
from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "unknown-customer"
KIND = "structural"
LABEL = "Unknown customer"
ABOUT = "file"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record in catalog.references.values():
        name = record.reference.customer
        if name in catalog.customers or name in catalog.broken_customers:
            continue
        close = difflib.get_close_matches(name, list(catalog.customers), n=1)
        hint = f"Did you mean '{close[0]}'?" if close else f"Add content/customers/{name}.yaml"
        yield about_reference(record, ("customer",), f"No customer '{name}'", hint)
