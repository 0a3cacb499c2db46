"""What an update changes in one product: ends of life moved, releases added or removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from refcat.generator.lifecycle.releases import equal, render
from refcat.generator.lifecycle.source import Release


@dataclass(frozen=True)
class ProductChange:
    product: str
    # (cycle, old end, new end) of each release whose end of life moved
    moved: list[tuple[str, date | bool, date | bool]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rewritten: bool = False  # the file's bytes change (other fields may have moved too)

    @property
    def cycles(self) -> set[str]:
        """The cycles whose end of life a reference on them now sees differently."""
        return {cycle for cycle, _, _ in self.moved} | set(self.removed)

    def lines(self) -> list[str]:
        """The change as the report prints it, one release a line."""
        said = [
            f"  {self.product}@{c}: eol {_end(old)} -> {_end(new)}" for c, old, new in self.moved
        ]
        said += [f"  {self.product}@{cycle}: added" for cycle in self.added]
        return said + [f"  {self.product}@{cycle}: removed" for cycle in self.removed]


def compare(product: str, old: list[Release], new: list[Release], rewritten: bool) -> ProductChange:
    before = {release.cycle: release.eol for release in old}
    after = {release.cycle: release.eol for release in new}
    moved = [
        (cycle, before[cycle], end)
        for cycle, end in after.items()
        if cycle in before and not equal(before[cycle], end)
    ]
    added = [cycle for cycle in after if cycle not in before]
    removed = [cycle for cycle in before if cycle not in after]
    return ProductChange(product, moved, added, removed, rewritten)


def _end(value: date | bool) -> str:
    if isinstance(value, bool):
        return "true (ended)" if value else "false (none announced)"
    return render(value)
