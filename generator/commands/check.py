"""`refcat check`: review every record and report; exit 1 on errors (or warnings, strict)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TextIO

from checks.policy import ConfigError
from checks.rules import BY_NAME
from checks.run import review_project
from generator.formats import FORMATS
from generator.rule_docs import explain


def run(
    content: Path,
    settings: Path | None,
    as_of: date,
    out: TextIO,
    *,
    fmt: str = "text",
    strict: bool = False,
    color: bool = False,
) -> int:
    report = review_project(content, settings, as_of)
    out.write(FORMATS[fmt](report, color))
    if report.errors or (strict and report.warnings):
        return 1
    return 0


def run_explain(rule_name: str, out: TextIO) -> int:
    rule = BY_NAME.get(rule_name)
    if rule is None:
        raise ConfigError(f"unknown rule '{rule_name}'; rules: {', '.join(sorted(BY_NAME))}")
    out.write(explain(rule))
    return 0
