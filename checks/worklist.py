"""The program owner's worklist: what falls due, by when, for whom, where it is written.

Consents to renew (and lapsed ones still in use), ratings due for their yearly
review, references due for a re-check or reaching their maximum age, technologies
reaching their end of life, referees resting after many requests (thank them), and
post-evaluations not yet held. Each item has the date it falls due, as written in or
derived from the record (a consent's `expires`, `reviewed` plus the review period,
`review_by`, `completed` plus the maximum age, a release's end of life, the day a
resting referee may be asked again, `completed` for a missing post-evaluation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from refcat.checks.catalog import Catalog, CustomerRecord, ReferenceRecord
from refcat.checks.consent import label, scope_status, uses_by_scope
from refcat.checks.days import shift
from refcat.checks.facts import about_customer, about_reference
from refcat.checks.finding import Fact
from refcat.checks.lifecycle import releases_in_use
from refcat.checks.policy import Policy


@dataclass(frozen=True)
class Item:
    """One thing to do: by when, what kind, for whom, and where it is written."""

    due: date
    kind: str
    customer: str
    references: tuple[str, ...]
    action: str
    path: str
    line: int
    overdue: bool  # the problem already applies on the as-of date
    subject: str = ""  # what the item is about within its record (a scope, a release)

    @property
    def sort_key(self) -> tuple:
        return (self.due, self.kind, self.customer, self.references, self.subject)


@dataclass(frozen=True)
class Task:
    """What falls due, before it is placed in its record."""

    due: date
    kind: str
    action: str
    overdue: bool
    subject: str = ""


def worklist(catalog: Catalog, policy: Policy, as_of: date, within: int) -> list[Item]:
    """Every item due on or before `as_of + within` days, overdue ones included, by date."""
    horizon = shift(as_of, within)
    items = [
        item
        for collect in COLLECTORS
        for item in collect(catalog, policy, as_of)
        if item.due <= horizon
    ]
    return sorted(items, key=lambda item: item.sort_key)


# -- what falls due ------------------------------------------------------------------


def _consents(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Item]:
    """Consents ending soon (any scope), and lapsed ones a reference still relies on."""
    for customer in catalog.customers.values():
        who = customer.customer
        uses = uses_by_scope(catalog, customer, catalog.references_of(who.id))
        for scope in sorted({c.scope for c in who.consents}):
            status = scope_status(who, scope, as_of)
            ends = status.consent.ends if status.consent else None
            if ends is None or (status.state == "lapsed" and scope not in uses):
                continue
            withdrawn = status.consent.withdrawn == ends
            key = "withdrawn" if withdrawn else "expires"
            if status.state == "lapsed":
                verb = "was withdrawn" if withdrawn else "expired"
                action = f"{label(scope)} consent {verb} on {ends} but is still in use: "
                action += "take the use down" if withdrawn else "renew it"
            else:
                verb = "is withdrawn from" if withdrawn else "expires on"
                action = f"{label(scope)} consent {verb} {ends}: "
                action += "plan to take the use down" if withdrawn else "ask the customer to renew"
            kind = "consent-expired" if status.state == "lapsed" else "consent-expiring"
            task = Task(ends, kind, action, ends <= as_of, scope)
            loc = ("consents", status.index, key)
            yield _customer_item(customer, uses.get(scope, []), loc, task)


def _ratings(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Item]:
    for customer in catalog.customers.values():
        rating = customer.customer.rating
        due = rating.review_due(policy.rating_review_days)
        action = f"Re-rate the customer (grade {rating.grade}, last reviewed {rating.reviewed})"
        refs = catalog.references_of(customer.customer.id)
        overdue = rating.overdue_on(as_of, policy.rating_review_days)
        task = Task(due, "rating-review", action, overdue)
        yield _customer_item(customer, refs, ("rating", "reviewed"), task)


def _reference_reviews(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Item]:
    for record in catalog.references.values():
        reference = record.reference
        if reference.review_by is not None:
            action = "Re-check the reference with the customer and set a new `review_by`"
            overdue = reference.review_by < as_of
            task = Task(reference.review_by, "reference-review", action, overdue, "review_by")
            yield _reference_item(record, ("review_by",), task)
        aged = shift(reference.completed, policy.max_reference_age_days)
        if aged < as_of and reference.publish != "public":
            continue  # an old internal reference is a state, not a task
        action = (
            f"Reaches the maximum age ({policy.max_reference_age_days} days after completion): "
            "confirm the story with the customer, or keep it internal"
        )
        task = Task(aged, "reference-age", action, aged < as_of, "age")
        yield _reference_item(record, ("completed",), task)


def _technologies(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Item]:
    for record, index, technology, end in releases_in_use(catalog, policy.lifecycle_field):
        if end is False:
            continue
        due = as_of if end is True else end
        overdue = end is True or end <= as_of
        if end is True:
            when = "has reached its end of life"
        else:
            when = f"{'reached' if overdue else 'reaches'} its end of life on {end}"
        action = f"{technology} {when}: ask the customer about the upgrade"
        task = Task(due, "technology-eol", action, overdue, technology)
        yield _reference_item(record, ("technologies", index), task)


def _resting_referees(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Item]:
    limit = policy.request_limit
    for customer in catalog.customers.values():
        who = customer.customer
        until = who.resting_until(as_of, limit.count, limit.days)
        if until is None:
            continue
        recent = who.requests_within(as_of, limit.days)
        latest = max(i for i, r in enumerate(who.requests) if r in recent)
        action = (
            f"Asked {len(recent)} times in {limit.days} days: thank them, "
            f"and ask other referees until {until}"
        )
        task = Task(until, "referee-resting", action, False)
        yield _customer_item(customer, catalog.references_of(who.id), ("requests", latest), task)


def _evaluations(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Item]:
    for record in catalog.references.values():
        if record.reference.evaluation is not None:
            continue
        completed = record.reference.completed
        action = f"Hold the post-evaluation of the project completed on {completed}"
        task = Task(completed, "evaluation-missing", action, completed <= as_of)
        yield _reference_item(record, (), task)


COLLECTORS: tuple[Callable[[Catalog, Policy, date], Iterator[Item]], ...] = (
    _consents,
    _ratings,
    _reference_reviews,
    _technologies,
    _resting_referees,
    _evaluations,
)


def _customer_item(
    customer: CustomerRecord,
    references: Iterable[ReferenceRecord],
    loc: tuple[str | int, ...],
    task: Task,
) -> Item:
    fact = about_customer(customer, references, loc, task.action, "")
    return _item(fact, fact.record, task)


def _reference_item(record: ReferenceRecord, loc: tuple[str | int, ...], task: Task) -> Item:
    fact = about_reference(record, loc, task.action, "")
    return _item(fact, record.reference.customer, task)


def _item(fact: Fact, customer: str, task: Task) -> Item:
    """The task where the fact is written: the same file and line a rule would name."""
    where = (fact.references, task.action, fact.path, fact.line)
    return Item(task.due, task.kind, customer, *where, task.overdue, task.subject)
