"""End of life of a third-party release, as the policy counts it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from refcat.checks.catalog import Catalog, ReferenceRecord
from refcat.checks.models import LifecycleRelease


def end_of_life(release: LifecycleRelease, field: str) -> date | bool:
    """`eol`, or `eoes` (paid extended support) when the policy says so and the file has it."""
    if field == "eoes" and release.eoes is not None:
        return release.eoes
    return release.eol


def ended(end: date | bool, day: date) -> bool:
    # bool before date: `True < date` would raise, and `eol: true` means already ended
    return end is True or (not isinstance(end, bool) and end <= day)


def days_left(end: date | bool, day: date) -> int | None:
    """Days until a known, future end of life; None when there is none."""
    if isinstance(end, bool):
        return None
    return (end - day).days if end > day else None


def releases_in_use(
    catalog: Catalog, field: str
) -> Iterator[tuple[ReferenceRecord, int, str, date | bool]]:
    """Each known release a reference runs on: (reference, index, `product@cycle`, its end)."""
    for record in catalog.references.values():
        for index, technology in enumerate(record.reference.technologies):
            release = catalog.release(technology)
            if release is not None:
                yield record, index, technology, end_of_life(release, field)
