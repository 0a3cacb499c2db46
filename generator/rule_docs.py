"""Rule documentation from the rule modules' docstrings: `--explain` and the README table."""

from __future__ import annotations

from types import ModuleType

from checks.rules import RULES

_BLOCKS = {"structural": "structural", "blocking": "yes", "warning": "no, warning"}


def summary_of(rule: ModuleType) -> str:
    return (rule.__doc__ or "").strip().splitlines()[0]


def explain(rule: ModuleType) -> str:
    doc = (rule.__doc__ or "").strip()
    return f"{rule.NAME} ({_BLOCKS[rule.KIND]})\n\n{doc}\n"


def markdown_table() -> str:
    """The README's rule table, generated so it cannot drift from the registry."""
    rows = ["| rule | blocks publication | finds |", "|---|---|---|"]
    rows += [f"| `{rule.NAME}` | {_BLOCKS[rule.KIND]} | {summary_of(rule)} |" for rule in RULES]
    return "\n".join(rows) + "\n"
