"""The worklist page: what the program owner does next, by when, for whom, and how.

The items are `refcat review`'s (`checks.worklist`) over HORIZON days, placed in
buckets by due date (overdue, then within 30, 60 and 90 days) and, within a bucket,
grouped by the customer's account owner ("No owner" last). Each item links to its
record's page, says how to do it (`worklist_commands`) and, when the policy names the
repository's `edit_url`, links to the file's edit page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from urllib.parse import quote

from refcat.checks.worklist import Item, worklist
from refcat.generator.internal.views import Link, Program, customer_url, reference_url
from refcat.generator.internal.worklist_commands import HowTo, how_to

WORKLIST_URL = "worklist.html"
CONSENTS_URL = "worklist/consents.html"  # the consent items alone
HORIZON = 90  # days
WINDOWS = (30, 60, 90)  # the buckets after "overdue": due within 30, 31-60, 61-90 days
NO_OWNER = "No owner"
CONSENT_KINDS = frozenset({"consent-expiring", "consent-expired"})
KIND_LABEL = {
    "consent-expiring": "Consent ending",
    "consent-expired": "Consent lapsed, still in use",
    "rating-review": "Yearly re-rating",
    "reference-review": "Re-check due",
    "reference-age": "Maximum age",
    "technology-eol": "Technology end of life",
    "referee-resting": "Referee resting",
    "evaluation-missing": "Post-evaluation",
}


@dataclass(frozen=True)
class WorkItem:
    id: str  # the item's anchor on the page
    kind: str
    kind_label: str
    record: Link
    customer: Link | None  # shown beside a reference's title
    action: str
    due: date
    days: int  # due - as_of: negative when overdue
    how: HowTo
    path: str
    line: int
    edit_url: str | None


@dataclass(frozen=True)
class OwnerGroup:
    owner: str
    items: tuple[WorkItem, ...]


@dataclass(frozen=True)
class Bucket:
    key: str  # the section's anchor: overdue, due-30, due-60, due-90
    title: str
    groups: tuple[OwnerGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.items) for group in self.groups)


@dataclass(frozen=True)
class Worklist:
    as_of: date
    title: str
    buckets: tuple[Bucket, ...]
    other: Link  # the other list: the consents alone, or everything

    @property
    def count(self) -> int:
        return sum(bucket.count for bucket in self.buckets)


def full_worklist(program: Program) -> Worklist:
    return _worklist(program, "Worklist", lambda item: True, Link("Consents only", CONSENTS_URL))


def consents_worklist(program: Program) -> Worklist:
    """The consent items alone: where the dashboard's consent tiles lead."""
    everything = Link("Everything due", WORKLIST_URL)
    return _worklist(
        program, "Consents to renew", lambda item: item.kind in CONSENT_KINDS, everything
    )


def _worklist(program: Program, title: str, keep: Callable[[Item], bool], other: Link) -> Worklist:
    """The items `keep` accepts, in their buckets and owner groups."""
    report = program.report
    items = [i for i in worklist(program.catalog, report.policy, program.as_of, HORIZON) if keep(i)]
    views = [_work_item(program, item, number) for number, item in enumerate(items, 1)]
    owners = {item.customer: _owner(program, item.customer) for item in items}
    buckets = []
    for key, bucket_title, accepts in _buckets(program.as_of):
        chosen = [(v, item) for v, item in zip(views, items, strict=True) if accepts(item)]
        buckets.append(Bucket(key, bucket_title, _groups(chosen, owners)))
    return Worklist(program.as_of, title, tuple(buckets), other)


def is_overdue(item: Item, as_of: date) -> bool:
    """Past its date, or already a problem today (a release whose end has come)."""
    return item.overdue or item.due < as_of


def _buckets(as_of: date) -> list[tuple[str, str, Callable[[Item], bool]]]:
    def overdue(item: Item) -> bool:
        return is_overdue(item, as_of)

    def within(low: int, high: int) -> Callable[[Item], bool]:
        return lambda item: not overdue(item) and low <= (item.due - as_of).days <= high

    found = [("overdue", "Overdue", overdue)]
    low = 0
    for days in WINDOWS:
        label = f"Due within {days} days" if low == 0 else f"Due in {low} to {days} days"
        found.append((f"due-{days}", label, within(low, days)))
        low = days + 1
    return found


def _groups(
    chosen: Iterable[tuple[WorkItem, Item]], owners: dict[str, str]
) -> tuple[OwnerGroup, ...]:
    by_owner: dict[str, list[WorkItem]] = {}
    for view, item in chosen:
        by_owner.setdefault(owners[item.customer], []).append(view)
    order = sorted(by_owner, key=lambda owner: (owner == NO_OWNER, owner.lower()))
    return tuple(OwnerGroup(owner, tuple(by_owner[owner])) for owner in order)


def _owner(program: Program, customer_id: str) -> str:
    record = program.catalog.customers.get(customer_id)
    owner = record.customer.owner if record else None
    return owner.strip() if owner and owner.strip() else NO_OWNER


def _work_item(program: Program, item: Item, number: int) -> WorkItem:
    record, customer = _links(program, item)
    edit = program.report.policy.edit_url
    return WorkItem(
        id=f"item-{number}",
        kind=item.kind,
        kind_label=KIND_LABEL.get(item.kind, item.kind),
        record=record,
        customer=customer,
        action=item.action,
        due=item.due,
        days=(item.due - program.as_of).days,
        how=how_to(item, program.catalog, program.as_of),
        path=item.path,
        line=item.line,
        edit_url=edit_link(edit, item.path) if edit else None,
    )


def _links(program: Program, item: Item) -> tuple[Link, Link | None]:
    """The record's page (a reference's, or the customer's), and its customer's page."""
    who = program.catalog.customers.get(item.customer)
    customer = Link(who.customer.name, customer_url(item.customer)) if who else None
    for reference_id in item.references[:1]:
        record = program.catalog.references.get(reference_id)
        if record is not None and record.source.path == item.path:
            return Link(record.reference.title, reference_url(reference_id)), customer
    return customer or Link(item.customer, customer_url(item.customer)), None


def edit_link(pattern: str, path: str) -> str | None:
    """The edit page of a file named relative to the project, as `refcat check` prints it;
    None for a file outside it (an absolute path or one above the working folder)."""
    relative = PurePath(path)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    return pattern.replace("{path}", quote(relative.as_posix(), safe="/"))
