"""The user documentation is complete and current, with the code as its source of truth."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from refcat.checks.rules import RULES
from refcat.generator.cli import build_parser
from refcat.generator.rule_docs import HEADINGS, main, rules_markdown

PROJECT = Path(__file__).resolve().parents[1]
DOCS = PROJECT / "docs"


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


def _section(text: str, heading: str) -> str:
    """The text under `## heading` up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no section '## {heading}'"
    return match.group(1)


def test_rules_page_is_what_the_generator_writes():
    """Regenerate with `python -m generator.rule_docs` when a rule's docstring changes."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown()


@pytest.mark.parametrize("rule", RULES, ids=[rule.NAME for rule in RULES])
def test_every_rule_has_a_section_with_the_four_headings(rule):
    section = _section((DOCS / "rules.md").read_text(encoding="utf-8"), f"`{rule.NAME}`")
    for heading in HEADINGS:
        body = section.split(f"### {heading}\n", 1)[1].split("###", 1)[0]
        assert body.strip(), f"{rule.NAME}: '{heading}' is empty"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_and_option_is_documented(name):
    section = _section((DOCS / "commands.md").read_text(encoding="utf-8"), f"`refcat {name}`")
    for action in _commands()[name]._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in section, f"refcat {name}: {option} is not documented"
        for choice in action.choices or ():
            assert str(choice) in section, f"refcat {name}: '{choice}' is not documented"


def test_links_between_docs_lead_to_files_that_exist():
    for page in sorted(DOCS.glob("*.md")):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_regenerating_rewrites_stale_files_and_check_reports_them(tmp_path, capsys):
    (tmp_path / "README.md").write_text(
        "# x\n<!-- rules:start -->\nstale table\n<!-- rules:end -->\n", encoding="utf-8"
    )
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert (tmp_path / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()
    assert "stale table" not in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 0


def test_regenerating_without_readme_markers_says_so(tmp_path, capsys):
    (tmp_path / "README.md").write_text("# x\n", encoding="utf-8")
    assert main(["--root", str(tmp_path)]) == 2
    assert "rules:start" in capsys.readouterr().err
