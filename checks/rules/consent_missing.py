"""A use of a reference without any consent of its scope.

What it finds: a reference that names its customer without a valid `name` consent,
tells its story without `case-study` consent (an anonymized reference always needs
it), or shows a quote without `quote` consent, where no consent of that scope was
ever valid before the as-of date (one granted later counts as missing). A quote
without an `approved` date is also reported here, on the reference. A logo without
any logo consent is simply not shown, and is not a finding.

Why it matters: publishing a customer's name, story or words without their
permission breaches trust and usually a contract.

Example:
    consents:
      - {scope: name, granted: 2025-03-01}
    # ...and the reference has a story and a quote: no case-study, no quote consent

Fix: record the consent the customer gave (scope, granted, evidence), approve the
quote, or remove the story or quote from the reference.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.consent import label, scopes_in_use
from refcat.checks.facts import about_customer, about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "consent-missing"
KIND = "blocking"
LABEL = "Consent missing"
ABOUT = "publication"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for use in scopes_in_use(catalog, as_of):
        customer, scope = use.customer.customer, use.scope
        if scope == "logo" or use.status.state != "missing":
            continue
        later = [(c.granted, i) for i, c in customer.consents_of(scope) if c.granted > as_of]
        message = f"No {scope} consent for {_count(use.users)}"
        loc: tuple[str | int, ...] = ("consents",) if customer.consents else ()
        if later:  # written, but not valid yet: point at the earliest such consent
            granted, index = min(later)
            message = f"{label(scope)} consent is granted only from {granted}"
            loc = ("consents", index, "granted")
        hint = f"Record the customer's {scope} consent, or remove that use from the reference"
        yield about_customer(use.customer, use.users, loc, message, hint)
    for record in catalog.references.values():
        quote = record.reference.quote
        if quote is not None and quote.approved is None:
            message = f"The quote by {quote.author} has no approval date"
            hint = "Add `approved: YYYY-MM-DD` once the customer approved the quote"
            yield about_reference(record, ("quote",), message, hint)


def _count(references: tuple) -> str:
    return "1 reference" if len(references) == 1 else f"{len(references)} references"
