"""How to do a worklist item: the exact `refcat` command, or what to edit where none exists.

Commands carry the record's real ids and scope; only the values that are the program
owner's choice (the new end date, who decides) are placeholders. Every argument is
quoted for a POSIX shell, so a command copied from the page runs as shown.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.consent import scope_status
from refcat.checks.worklist import Item

UNTIL = "YYYY-MM-DD"
BY = "YOUR NAME"
OUTCOME = "OUTCOME"  # done, declined, won or lost: refcat refuses the placeholder itself


@dataclass(frozen=True)
class HowTo:
    """Commands to run (possibly none), and a sentence saying what they do or what to edit."""

    commands: tuple[str, ...]
    note: str


def how_to(item: Item, catalog: Catalog, as_of: date) -> HowTo:
    """The commands or edit for one item, by its kind."""
    make = HOW_TO.get(item.kind)
    if make is None:
        return HowTo((), f"Edit the record at line {item.line}.")
    return make(item, catalog, as_of)


def command(*words: str) -> str:
    return " ".join(_quoted(word) for word in ("refcat", *words))


def _quoted(word: str) -> str:
    """As README writes it ("YOUR NAME"), where double quotes are safe; else shlex's."""
    plain = shlex.quote(word)
    if plain == word or any(ch in word for ch in '"$`\\!'):
        return plain
    return f'"{word}"'


def _consent(item: Item, catalog: Catalog, as_of: date) -> HowTo:
    record = catalog.customers.get(item.customer)
    status = scope_status(record.customer, item.subject, as_of) if record else None
    consent = status.consent if status else None
    if consent is not None and consent.withdrawn is not None and consent.withdrawn == consent.ends:
        uses = ", ".join(item.references) or "the references"
        return HowTo(
            (),
            f"Withdrawn: no command renews it. Edit {uses} to stop using the "
            f"{item.subject} consent, or set `publish: internal`.",
        )
    renew = command("consent", "renew", item.customer, item.subject, "--until", UNTIL, "--by", BY)
    return HowTo((renew,), "Once the customer agrees: the new end date and your name.")


def _rating(item: Item, catalog: Catalog, as_of: date) -> HowTo:
    record = catalog.customers.get(item.customer)
    grade = record.customer.rating.grade if record else "GRADE"
    rate = command("rate", item.customer, grade, "--by", BY)
    return HowTo((rate,), f"Grade {grade} confirms the current one; give another if it changed.")


def _evaluation(item: Item, catalog: Catalog, as_of: date) -> HowTo:
    reference = item.references[0]
    evaluate = command("evaluate", reference, "--verdict", "reference", "--by", BY)
    return HowTo((evaluate,), "Use `--verdict no-reference` if the customer should not be one.")


def _resting(item: Item, catalog: Catalog, as_of: date) -> HowTo:
    """Nothing to run for the rest itself; pending requests can be closed with their outcome."""
    record = catalog.customers.get(item.customer)
    requests = record.customer.requests if record else []
    pending = [r for r in requests if r.outcome == "pending" and r.prospect]
    closes = tuple(
        command("request", "close", item.customer, "--prospect", r.prospect, "--outcome", OUTCOME)
        for r in pending
    )
    note = "Thank them; no command is needed."
    if closes:
        note += " Close each pending request with its outcome: done, declined, won or lost."
    return HowTo(closes, note)


def _edit(text: str) -> HowTo:
    return HowTo((), text)


HOW_TO: dict[str, Callable[[Item, Catalog, date], HowTo]] = {
    "consent-expiring": _consent,
    "consent-expired": _consent,
    "rating-review": _rating,
    "evaluation-missing": _evaluation,
    "referee-resting": _resting,
    "reference-review": lambda item, catalog, as_of: _edit(
        "No command: re-check the story with the customer, then edit `review_by`."
    ),
    "reference-age": lambda item, catalog, as_of: _edit(
        "No command: confirm the story with the customer and set `review_by`, "
        "or set `publish: internal`."
    ),
    "technology-eol": lambda item, catalog, as_of: _edit(
        f"No command: once the customer upgraded, edit {item.subject} in `technologies`; "
        "otherwise set `publish: internal`."
    ),
}
