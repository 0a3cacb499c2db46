"""`refcat check`: review every record and report; exit 1 on errors (or warnings, strict).

The files are read once into a snapshot; while they, the settings, the as-of date and
the format are unchanged, the stored result is served instead of reviewing again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TextIO

from checks.policy import ConfigError
from checks.rules import BY_NAME
from checks.run import cache_folder, review_project
from checks.snapshot import take
from generator.formats import FORMATS
from generator.result_cache import ResultCache, result_key
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
    cache: bool = True,
) -> int:
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    snapshot = take(content)
    results = ResultCache(cache_folder(content) / "results" if cache else None)
    key = result_key(snapshot, settings, as_of, fmt, color)
    stored = results.get(key)
    if stored is None:
        report = review_project(content, settings, as_of, cache=cache, snapshot=snapshot)
        stored = (report.errors > 0, report.warnings > 0, FORMATS[fmt](report, color))
        results.put(key, *stored)
    errors, warnings, output = stored
    out.write(output)
    return 1 if errors or (strict and warnings) else 0


def run_explain(rule_name: str, out: TextIO) -> int:
    rule = BY_NAME.get(rule_name)
    if rule is None:
        raise ConfigError(f"unknown rule '{rule_name}'; rules: {', '.join(sorted(BY_NAME))}")
    out.write(explain(rule))
    return 0
