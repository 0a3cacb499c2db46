"""Raw HTML, scripts or dangerous links in Markdown.

What it finds: a reference story, caveat or customer note whose Markdown contains
raw HTML (a `<script>` element, any tag, an `on...=` event-handler attribute, an
HTML comment) or a link with a `javascript:` or `data:` URL.

Why it matters: records are edited by many people and pasted from many places; HTML
in them could run scripts on the company website. refcat removes it from every
page either way; this warning says what was removed, so the story reads as meant.

Example:
    Read the <a href="javascript:alert(1)">press release</a>.

Fix: write the text in plain Markdown (`[press release](https://...)`) without HTML.
"""

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from refcat.checks.catalog import Catalog, Source
from refcat.checks.finding import Fact
from refcat.checks.markup import first_unsafe_line, unsafe_parts
from refcat.checks.policy import Policy

NAME = "unsafe-content"
KIND = "warning"
LABEL = "Unsafe content"
ABOUT = "publication"
HINT = "Write it in plain Markdown without HTML; the unsafe part is removed from all pages"


class _Owner(NamedTuple):
    """The record a text belongs to, and the references it affects."""

    source: Source
    record: str
    references: tuple[str, ...]


def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
    for record in catalog.references.values():
        owner = _Owner(record.source, record.id, (record.id,))
        yield from _text(owner, record.body, record.body_line, "The story")
        if record.reference.caveats:
            yield from _text(owner, record.reference.caveats, ("caveats", 0), "The caveats")
    for customer in catalog.customers.values():
        notes = customer.customer.notes
        if notes:
            refs = tuple(r.id for r in catalog.references_of(customer.customer.id))
            owner = _Owner(customer.source, customer.customer.id, refs)
            yield from _text(owner, notes, ("notes", 0), "The notes")


def _text(
    owner: _Owner,
    text: str,
    where: int | tuple[str | int, ...],  # the text's first line, or the key it is written at
    what: str,
) -> Iterator[Fact]:
    removed = unsafe_parts(text)
    if removed:
        # looked up only now: the lines of a record are unpacked on first use
        source = owner.source
        first_line = where if isinstance(where, int) else source.line(*where)
        line = first_line + first_unsafe_line(text)
        message = f"{what} contains {', '.join(removed)}, removed from all pages"
        yield Fact(source.path, line, owner.record, owner.references, message, HINT)
