"""A customer rating not re-reviewed within the review period.

What it finds: a customer with references whose `rating.reviewed` date is more than
`rating_review_days` (default 365) days before the as-of date.

Why it matters: every customer is re-rated at least yearly; a grade from long ago
may hide a relationship that has since gone sour.

Example:
    rating: {grade: A, reviewed: 2025-06-30}

Fix: review the customer with its account owner and set `reviewed` to that day.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, customers_with_references
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "rating-review-overdue"
KIND = "blocking"
LABEL = "Rating review overdue"
ABOUT = "customer"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for customer, references in customers_with_references(catalog):
        rating = customer.customer.rating
        if rating.overdue_on(as_of, policy.rating_review_days):
            due = rating.review_due(policy.rating_review_days)
            message = f"Rating last reviewed on {rating.reviewed}; the review was due on {due}"
            hint = "Re-rate the customer with its account owner and update `reviewed`"
            yield about_customer(customer, references, ("rating", "reviewed"), message, hint)
