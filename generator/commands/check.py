"""`refcat check`: review every record and report; exit 1 on errors (or warnings, strict).

The files are read once into a snapshot; while they, the evaluated policy, the as-of
date, the format and everything else the output depends on are unchanged, the stored
result is served instead of reviewing again (see `generator.result_cache`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TextIO

from refcat.checks.load import load
from refcat.checks.policy import ConfigError
from refcat.checks.rules import BY_NAME
from refcat.checks.run import Report, cache_folder, load_policy, review
from refcat.checks.snapshot import take
from refcat.generator import gc_policy
from refcat.generator.formats import FORMATS, REPOSITORY_FORMATS, step_summary
from refcat.generator.output import Output
from refcat.generator.paths import repository_root
from refcat.generator.result_cache import ResultCache, result_key
from refcat.generator.rule_docs import explain


@dataclass(frozen=True)
class Options:
    """How the report is written and judged; the records and the date say what it holds."""

    fmt: str = "text"
    strict: bool = False  # warnings fail too
    color: bool = False
    cache: bool = True  # serve an unchanged check's stored result
    cwd: Path | None = None  # where the user stands; None: the current working directory
    step_summary: Path | None = None  # with `github`: append a Markdown table of all findings


DEFAULT = Options()


def output_of(options: Options) -> Output:
    """Paths from the working directory for people, from the repository root for CI."""
    cwd = (options.cwd or Path.cwd()).resolve()
    base = repository_root(cwd) if options.fmt in REPOSITORY_FORMATS else cwd
    return Output(color=options.color, strict=options.strict, base=base)


def run(
    content: Path, settings: Path | None, as_of: date, out: TextIO, options: Options = DEFAULT
) -> int:
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    policy = load_policy(settings)
    folder = cache_folder(content) if options.cache else None
    snapshot = take(content, keyed=folder is not None)
    results = ResultCache(folder / "results" if folder is not None else None)
    output = output_of(options)

    @cache
    def report() -> Report:
        with gc_policy.for_review():
            catalog = load(content, folder, snapshot)
        return review(catalog, policy, as_of)

    def stored(name: str, render: Callable[[Report, Output], str]) -> tuple[bool, bool, str]:
        """The output `name`, served from the result cache or rendered and stored there."""
        inputs = (policy.model_dump_json(), as_of.isoformat(), name, output.key())
        key = result_key(content, snapshot, *inputs)
        result = results.get(key)
        if result is None:
            result = (report().errors > 0, report().warnings > 0, render(report(), output))
            results.put(key, *result)
        return result

    errors, warnings, text = stored(options.fmt, FORMATS[options.fmt])
    out.write(text)
    if options.step_summary is not None and options.fmt == "github":
        with options.step_summary.open("a", encoding="utf-8") as summary:
            summary.write(stored("github-summary", step_summary)[2])
    return 1 if errors or (options.strict and warnings) else 0


def run_explain(rule_name: str, out: TextIO) -> int:
    rule = BY_NAME.get(rule_name)
    if rule is None:
        raise ConfigError(f"unknown rule '{rule_name}'; rules: {', '.join(sorted(BY_NAME))}")
    out.write(explain(rule))
    return 0
