"""The rule registry equals SPEC's rule table; every rule is documented and tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.policy import STRUCTURAL_RULES
from checks.rules import BY_NAME, RULES
from generator.rule_docs import markdown_table

PROJECT = Path(__file__).resolve().parents[2]
KIND_OF = {"structural": "structural", "yes": "blocking", "no, warning": "warning"}
HEADINGS = ("What it finds:", "Why it matters:", "Example:", "Fix:")


def spec_rules() -> list[tuple[str, str]]:
    """(name, kind) for each row of the table under '## Rules' in docs/SPEC.md, in order."""
    spec = (PROJECT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    section = spec.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            rows += [(name, KIND_OF[cells[1]]) for name in re.findall(r"`([a-z-]+)`", cells[0])]
    return rows


def test_spec_table_is_read():
    assert len(spec_rules()) == 23


def test_registry_equals_the_spec_table_names_kinds_and_order():
    assert [(rule.NAME, rule.KIND) for rule in RULES] == spec_rules()
    assert set(BY_NAME) == {name for name, _ in spec_rules()}


def test_structural_rules_of_the_policy_are_the_structural_rules():
    assert {rule.NAME for rule in RULES if rule.KIND == "structural"} == STRUCTURAL_RULES


@pytest.mark.parametrize("rule", RULES, ids=[rule.NAME for rule in RULES])
def test_every_rule_is_documented_under_the_four_headings(rule):
    doc = rule.__doc__ or ""
    starts = [line.split(":")[0] + ":" for line in doc.splitlines() if ":" in line]
    for heading in HEADINGS:
        assert heading in starts, f"{rule.NAME} lacks '{heading}'"
    assert doc.strip().splitlines()[0].endswith(".")
    assert callable(rule.check)


def test_the_readme_table_lists_every_rule_in_order():
    names = re.findall(r"^\| `([a-z-]+)` \|", markdown_table(), flags=re.MULTILINE)
    assert names == [rule.NAME for rule in RULES]


def test_every_rule_has_tests():
    """Each rule is named in the rule tests; structural ones also in the bad-input cases."""
    here = Path(__file__).parent
    tests = "".join(path.read_text() for path in sorted(here.glob("test_rules_*.py")))
    bad_input = (here / "test_bad_input.py").read_text()
    for rule in RULES:
        assert f'"{rule.NAME}"' in tests, f"no rule test names {rule.NAME}"
        if rule.KIND == "structural":
            assert f'"{rule.NAME}"' in bad_input, f"no bad-input case for {rule.NAME}"
