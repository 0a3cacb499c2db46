"""The brief a rep copies before a reference call: whom to call, about what, what to avoid.

Plain text, to paste into a CRM note, an email or a calendar entry: the customer, each
referee with phone and email, the reference and its page, what to ask them about (the
reference's strengths and measurable benefits) and what to steer clear of (its
caveats, as written). The page line holds the page's path in the catalog; the browser
makes it absolute when it copies the brief, as only it knows where the catalog is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from refcat.checks.models import Reference

if TYPE_CHECKING:
    from refcat.generator.internal.views import ReferenceCard

PAGE_PREFIX = "Page: "  # internal.js finds this line to make the path absolute


class Referee(Protocol):
    """Whom to call, as generator.internal.referees describes a contact."""

    @property
    def line(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...


def brief(card: ReferenceCard, reference: Reference, referees: Sequence[Referee]) -> str:
    customer = card.customer.label if card.customer else reference.customer
    lines = [
        f"Reference call: {customer} ({card.meta})",
        f"Reference: {card.title}",
        f"{PAGE_PREFIX}{card.url}",
        *_referee_lines(referees),
        "What to ask them about:",
        *(f"- {s.label}" for s in card.strengths),
        *(f"- {benefit}" for benefit in reference.benefits),
        "What to avoid:",
        *_caveat_lines(reference.caveats),
    ]
    return "\n".join(lines) + "\n"


def _referee_lines(referees: Sequence[Referee]) -> list[str]:
    if not referees:
        return ["Referee: no contact marked as referee: ask the account owner"]
    lines = []
    for referee in referees:
        lines.append(f"Referee: {referee.line}")
        lines += [f"  Phone: {referee.phone}"] if referee.phone else []
        lines += [f"  Email: {referee.email}"] if referee.email else []
    return lines


def _caveat_lines(caveats: str | None) -> list[str]:
    """The caveats as written (Markdown reads as text), without blank lines."""
    lines = [line.rstrip() for line in (caveats or "").splitlines() if line.strip()]
    return lines or ["- no caveats recorded"]
