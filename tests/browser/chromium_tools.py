"""Helpers for browser tests: accessibility checks and screenshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
AXE = PROJECT / ".cache/node/node_modules/axe-core/axe.min.js"
SCREENSHOTS = PROJECT / "output" / "screenshots"


def axe_violations(tab: object, serious_only: bool = True) -> list[dict]:
    """Run axe-core on the open page; the serious and critical violations."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make browser` installs it with npm")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => JSON.stringify((await axe.run()).violations)")
    violations = json.loads(result)
    if serious_only:
        violations = [v for v in violations if v["impact"] in ("serious", "critical")]
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations]


def screenshot(tab: object, name: str, **options: object) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), **options)
    return path
