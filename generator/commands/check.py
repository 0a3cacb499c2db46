"""`refcat check`: review every record and report; exit 1 on errors (or warnings, strict).

The files are read once into a snapshot; while they, the evaluated policy, the as-of
date, the format and everything else the output depends on are unchanged, the stored
result is served instead of reviewing again (see `generator.result_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from checks.load import load
from checks.policy import ConfigError
from checks.rules import BY_NAME
from checks.run import cache_folder, load_policy, review
from checks.snapshot import take
from generator import gc_policy
from generator.formats import FORMATS
from generator.result_cache import ResultCache, result_key
from generator.rule_docs import explain


@dataclass(frozen=True)
class Options:
    """How the report is written and judged; the records and the date say what it holds."""

    fmt: str = "text"
    strict: bool = False  # warnings fail too
    color: bool = False
    cache: bool = True  # serve an unchanged check's stored result


DEFAULT = Options()


def run(
    content: Path, settings: Path | None, as_of: date, out: TextIO, options: Options = DEFAULT
) -> int:
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    policy = load_policy(settings)
    folder = cache_folder(content) if options.cache else None
    snapshot = take(content, keyed=folder is not None)
    results = ResultCache(folder / "results" if folder is not None else None)
    inputs = (policy.model_dump_json(), as_of.isoformat(), options.fmt, str(options.color))
    key = result_key(content, snapshot, *inputs)
    stored = results.get(key)
    if stored is None:
        with gc_policy.for_review():
            catalog = load(content, folder, snapshot)
        report = review(catalog, policy, as_of)
        output = FORMATS[options.fmt](report, options.color)
        stored = (report.errors > 0, report.warnings > 0, output)
        results.put(key, *stored)
    errors, warnings, output = stored
    out.write(output)
    return 1 if errors or (options.strict and warnings) else 0


def run_explain(rule_name: str, out: TextIO) -> int:
    rule = BY_NAME.get(rule_name)
    if rule is None:
        raise ConfigError(f"unknown rule '{rule_name}'; rules: {', '.join(sorted(BY_NAME))}")
    out.write(explain(rule))
    return 0
