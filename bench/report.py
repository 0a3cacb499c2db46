"""Where benchmark reports go: printed, and kept in bench/results/ (not in git)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save(report: str, prefix: str, latest: str) -> None:
    """Print the report and write it twice: stamped, and as the latest of its kind."""
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{prefix}-{datetime.now():%Y%m%d-%H%M%S}.md").write_text(report, encoding="utf-8")
    (RESULTS / latest).write_text(report, encoding="utf-8")
