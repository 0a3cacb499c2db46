"""Long lists split into numbered pages, so no page carries thousands of rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pagination:
    number: int  # 1-based
    count: int  # pages
    total: int  # items on all pages
    size: int  # items per page
    first_page: str  # the path of page 1
    pattern: str  # the path of page n, with `{n}`

    @property
    def first(self) -> int:
        """1-based position of the first item on this page (0 when there is none)."""
        return min((self.number - 1) * self.size + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.number * self.size, self.total)

    @property
    def path(self) -> str:
        return self.url(self.number)

    def url(self, number: int) -> str:
        return self.first_page if number == 1 else self.pattern.format(n=number)

    def nearby(self) -> list[int | None]:
        """Page numbers to offer: first, last and two either side; None marks a gap."""
        shown: list[int | None] = []
        for n in range(1, self.count + 1):
            if n in (1, self.count) or abs(n - self.number) <= 2:
                shown.append(n)
            elif abs(n - self.number) == 3:
                shown.append(None)
        return shown


def paginate(
    items: Sequence[T], size: int, first_page: str, pattern: str
) -> list[tuple[Pagination, Sequence[T]]]:
    """Each page with its items; an empty list still has its first page."""
    count = max(1, -(-len(items) // size))
    return [
        (
            Pagination(n, count, len(items), size, first_page, pattern),
            items[(n - 1) * size : n * size],
        )
        for n in range(1, count + 1)
    ]
