"""Shared by the rules whose problems the loader finds while reading files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from refcat.checks.catalog import Catalog
from refcat.checks.finding import Fact
from refcat.checks.policy import Policy

Check = Callable[[Catalog, Policy, date], Iterator[Fact]]


def problems_of(rule: str) -> Check:
    """A check that yields the loader's problems of this rule."""

    def check(catalog: Catalog, policy: Policy, as_of: date) -> Iterator[Fact]:
        return (fact for name, fact in catalog.problems if name == rule)

    return check
