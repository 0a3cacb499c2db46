"""A customer whose rating does not allow using it as a referee.

What it finds: a customer with references whose `rating.grade` is not `A` (win
actively as referrer) or `2` (observed, conditions met, has agreed). Grades `1`, `B`,
`C` and `D` are candidates, observed, not considered, or not eligible.

Why it matters: the grade is the program owner's judgement of whether this customer
will speak well of us today; publishing a reference the owner has not cleared
risks a bad call with a prospect.

Example:
    rating: {grade: B, reviewed: 2026-09-01}

Fix: if the conditions are now met and the customer agreed, re-rate to `2` (or `A`);
otherwise keep its references internal.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, customers_with_references
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "rating-unusable"
KIND = "blocking"
LABEL = "Grade not usable"
ABOUT = "customer"

MEANING = {
    "1": "a candidate, not yet won as referrer",
    "B": "under observation",
    "C": "not considered as referrer",
    "D": "not eligible as referrer",
}


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for customer, references in customers_with_references(catalog):
        rating = customer.customer.rating
        if not rating.usable:
            message = f"Rated {rating.grade}: {MEANING[rating.grade]}"
            hint = "Re-rate the customer to A or 2 once it agreed to be a referee"
            yield about_customer(customer, references, ("rating", "grade"), message, hint)
