"""What a rule reports (a fact) and what the runner makes of it (a finding)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Messages quote record text (a reputation summary, an author, a mistyped date); a
# YAML escape such as "\e" or "\a" in it must not reach a terminal or a JUnit file.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


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
class Finding(Fact):
    """A fact with its rule name and the severity the runner decided."""

    rule: str
    severity: Severity
    blocking: bool = True  # would keep the reference off the website if it were public

    @property
    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.path, self.line, self.rule, self.record, self.message)

    @classmethod
    def of(cls, rule: str, severity: Severity, fact: Fact, blocking: bool) -> Finding:
        """The fact as reported: affected references once each, in order, and the
        message and hint on one line each."""
        references = tuple(sorted(set(fact.references)))
        message, hint = _one_line(fact.message), _one_line(fact.hint)
        return cls(
            fact.path, fact.line, fact.record, references, message, hint, rule, severity, blocking
        )


def _one_line(text: str) -> str:
    return _CONTROL.sub(" ", text)
