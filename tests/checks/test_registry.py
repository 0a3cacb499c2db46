"""The rule registry is the documented list of rules; every rule is documented and tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refcat.checks.availability import REFERENCE_RULES
from refcat.checks.rules import ABOUTS, BY_NAME, KINDS, RULES, STRUCTURAL_RULES
from refcat.generator.rule_docs import markdown_table

HEADINGS = ("What it finds:", "Why it matters:", "Example:", "Fix:")

# The rules users rely on, by name and kind, in the order refcat documents them.
RULE_TABLE = [
    ("invalid-yaml", "structural"),
    ("invalid-record", "structural"),
    ("duplicate-id", "structural"),
    ("id-mismatch", "structural"),
    ("unknown-customer", "structural"),
    ("unknown-taxonomy", "structural"),
    ("unknown-technology", "structural"),
    ("missing-file", "structural"),
    ("anonymity-breach", "blocking"),
    ("consent-missing", "blocking"),
    ("consent-expired", "blocking"),
    ("consent-expiring", "warning"),
    ("technology-eol", "blocking"),
    ("technology-eol-soon", "warning"),
    ("product-retired", "blocking"),
    ("reference-too-old", "blocking"),
    ("rating-unusable", "blocking"),
    ("rating-review-overdue", "blocking"),
    ("customer-churned", "blocking"),
    ("reputation-risk", "blocking"),
    ("evaluation-missing", "blocking"),
    ("no-arguments", "blocking"),
    ("referee-overused", "warning"),
    ("unsafe-content", "warning"),
    ("unsafe-logo", "warning"),
]


def test_registry_equals_the_rule_table_names_kinds_and_order():
    assert [(rule.NAME, rule.KIND) for rule in RULES] == RULE_TABLE
    assert set(BY_NAME) == {name for name, _ in RULE_TABLE}


def test_structural_rules_are_the_structural_rules():
    assert {rule.NAME for rule in RULES if rule.KIND == "structural"} == STRUCTURAL_RULES


@pytest.mark.parametrize("rule", RULES, ids=[rule.NAME for rule in RULES])
def test_every_rule_declares_its_kind_label_and_subject(rule):
    assert rule.__name__.rsplit(".", 1)[-1].replace("_", "-") == rule.NAME
    assert rule.KIND in KINDS
    assert rule.ABOUT in ABOUTS
    assert (rule.ABOUT == "file") == (rule.KIND == "structural"), "file rules are structural"
    assert isinstance(rule.LABEL, str)
    assert rule.LABEL[:1].isupper() and len(rule.LABEL) <= 40


def test_labels_tell_rules_apart():
    assert len({rule.LABEL for rule in RULES}) == len(RULES)


def test_a_call_is_argued_against_by_the_reference_rules_and_the_structural_ones():
    about_the_story = {"reference-too-old", "technology-eol", "product-retired"}
    about_the_story |= {"evaluation-missing", "no-arguments"}
    assert about_the_story | STRUCTURAL_RULES == REFERENCE_RULES


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
