"""How a report is written: where its paths start, colour, whether warnings fail.

Every output format takes the report and these options; both together decide the
bytes, so the stored result of a check is keyed by them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from refcat.checks.run import Report
from refcat.generator.paths import prefix


@dataclass(frozen=True)
class Output:
    color: bool = False
    strict: bool = False  # warnings fail the run, so JUnit counts them as failures
    base: Path | None = None  # paths are relative to it; None: the catalog project's folder

    def root(self, report: Report) -> Path:
        """The absolute folder that output paths are relative to."""
        return (self.base or report.catalog.content.parent).resolve()

    def placer(self, report: Report) -> Callable[[str], str]:
        """Turns a finding's path (relative to the project) into one relative to the base."""
        if self.base is None:
            return str
        start = prefix(report.catalog.content.parent, self.base)
        return (lambda path: start + path) if start else str

    def key(self) -> str:
        """The options as text, for the result cache's key."""
        return f"{self.color}|{self.strict}|{self.base}"


PLAIN = Output()


_DAY_COUNT = re.compile(r"\d+ days?\b")  # "in 12 days" changes every day; the problem does not


def stable_message(message: str) -> str:
    """A finding's message without the day counts that change from one day to the next:
    what CI tools may key a finding's history on (SARIF fingerprints, JUnit names)."""
    return _DAY_COUNT.sub("N days", message)
