"""What a rule reports (a fact) and what the runner makes of it (a finding)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Fact:
    """One problem as a rule sees it: where it is written, what it affects, what to do."""

    path: str
    line: int
    record: str
    references: tuple[str, ...]
    message: str
    hint: str


@dataclass(frozen=True)
class Finding:
    """A fact with its rule name and the severity the runner decided."""

    rule: str
    severity: Severity
    path: str
    line: int
    record: str
    references: tuple[str, ...]
    message: str
    hint: str
    blocking: bool = True  # would keep the reference off the website if it were public

    @property
    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.path, self.line, self.rule, self.record, self.message)

    @classmethod
    def of(cls, rule: str, severity: Severity, fact: Fact, blocking: bool) -> Finding:
        return cls(
            rule=rule,
            severity=severity,
            path=fact.path,
            line=fact.line,
            record=fact.record,
            references=tuple(sorted(set(fact.references))),
            message=fact.message,
            hint=fact.hint,
            blocking=blocking,
        )
