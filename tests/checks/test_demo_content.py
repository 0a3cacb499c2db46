"""The demo catalog in content/: clean of errors, and showing every non-structural rule."""

from __future__ import annotations

import json

from refcat.checks.rules import RULES
from tests.conftest import PROJECT_ROOT

AS_OF = "2026-11-25"


def demo_report(refcat) -> tuple[int, dict]:
    result = refcat("check", "--as-of", AS_OF, "--format", "json", cwd=PROJECT_ROOT)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_demo_content_has_no_error(refcat):
    returncode, report = demo_report(refcat)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors == []
    assert returncode == 0
    assert report["summary"]["published"] > 0


def test_demo_content_shows_every_non_structural_rule_as_a_warning(refcat):
    _, report = demo_report(refcat)
    warned = {f["rule"] for f in report["findings"] if f["severity"] == "warning"}
    expected = {rule.NAME for rule in RULES if rule.KIND != "structural"}
    assert sorted(expected - warned) == []
