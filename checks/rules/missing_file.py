"""A logo or story image path that does not exist or leaves the content folder.

What it finds: a customer whose `logo`, or a reference whose `image: path:`, names a
file that is not there, or a path that points outside `content/` (`../secrets.png`,
an absolute path).

Why it matters: the website would show a broken image; a path out of `content/`
could publish a file that was never meant to be.

Example:
    logo: logos/acme-bank.svg   # but the file is logos/acme.svg

Fix: correct the path (relative to `content/`) or add the file.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "missing-file"
KIND = "structural"
LABEL = "Missing file"
ABOUT = "file"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for customer in catalog.customers.values():
        logo = customer.customer.logo
        if logo is not None and customer.logo_file is None:
            message = f"Logo file '{logo}' does not exist inside content/"
            hint = "Correct the path (relative to content/) or add the logo file"
            refs = catalog.references_of(customer.customer.id)
            yield about_customer(customer, refs, ("logo",), message, hint)
    for record in catalog.references.values():
        image = record.reference.image
        if image is not None and record.image_file is None:
            message = f"Story image '{image.path}' does not exist inside content/"
            hint = "Correct `image: path:` (relative to content/) or add the image file"
            yield about_reference(record, ("image",), message, hint)
