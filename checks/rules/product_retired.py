"""An own product that has been retired.

What it finds: a reference whose `products` include one of our products with a
`retired` date on or before the as-of date in `taxonomy.yaml`.

Why it matters: a prospect reading about a product we no longer sell is either
confused or asks for it; sales cannot use the story.

Example:
    products: [classic-portal]   # retired: 2025-06-30, successor: data-hub

Fix: if the customer moved to the successor, update the product; otherwise keep the
reference internal.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "product-retired"
KIND = "blocking"
LABEL = "Product retired"
ABOUT = "reference"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    products = catalog.taxonomy.products if catalog.taxonomy else {}
    for record in catalog.references.values():
        for index, slug in enumerate(record.reference.products):
            product = products.get(slug)
            if product is None or product.retired is None or product.retired > as_of:
                continue
            message = f"{product.label} was retired on {product.retired}"
            successor = products.get(product.successor or "")
            hint = "Keep the reference internal"
            if successor:
                hint = f"Move it to {successor.label} if the customer migrated, else keep internal"
            yield about_reference(record, ("products", index), message, hint)
