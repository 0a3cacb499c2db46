"""Rule documentation from the rule modules' docstrings: `--explain`, the README table
and `docs/rules.md`.

The docstrings are the one source: everything here only rearranges them, so the
documentation cannot drift from the registry. `python -m generator.rule_docs` rewrites
`docs/rules.md` and the README's table; `--check` only says whether they are current.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from types import ModuleType

from refcat.checks.rules import RULES

_BLOCKS = {"structural": "structural", "blocking": "yes", "warning": "no, warning"}
_KIND_WORD = {"structural": "structural", "blocking": "blocks publication", "warning": "warning"}
_KIND_LINE = {
    "structural": "**Structural**: always an error, whatever the policy says.",
    "blocking": "**Blocks publication**: an error when an affected reference is "
    "`publish: public`, a warning otherwise.",
    "warning": "**Warning**: never blocks publication unless the policy raises it to `error`.",
}
HEADINGS = ("What it finds", "Why it matters", "Example", "Fix")
_HEADING = re.compile(rf"^({'|'.join(HEADINGS)}):\s*(.*)$")
README_TABLE = re.compile(r"(<!-- rules:start.*?-->\n)(.*?)(<!-- rules:end -->)", re.DOTALL)

RULES_INTRO = """\
<!-- Generated from checks/rules by `python -m generator.rule_docs`: do not edit. -->
# Rules

`refcat check` reviews every record against the rules below, as of a day (`--as-of`,
today by default). Each finding names the rule, the file and line, the record and the
references it affects, says what is wrong and hints at the fix.

- **Structural** findings (a file that does not parse, a missing key, an unknown id)
  are always errors: the record is left out until it is fixed.
- A rule that **blocks publication** gives an error when an affected reference is
  `publish: public`, and a warning otherwise: the reference stays out of the public
  catalog and shows as "not usable" in the internal one.
- A **warning** never blocks publication.

The review policy can lower a blocking rule to a warning or raise a warning to an
error (see [policy.md](policy.md)); structural rules cannot change.
`refcat check --explain RULE` prints a rule's section below in the terminal.
"""


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


def sections_of(rule: ModuleType) -> dict[str, list[str]]:
    """The docstring's lines under each of its headings, dedented, blank ends trimmed."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (rule.__doc__ or "").strip().splitlines()[1:]:
        match = _HEADING.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
            line = match.group(2)
        if current is not None:
            current.append(line)
    for lines in sections.values():
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines:  # "What it finds: a record ..." reads as a sentence under a heading
            lines[0] = lines[0][:1].upper() + lines[0][1:]
    return sections


def _escape_html(line: str) -> str:
    """`<region>` outside code spans would be read as an HTML tag and vanish."""
    spans = line.split("`")
    spans[::2] = [span.replace("<", "&lt;") for span in spans[::2]]
    return "`".join(spans)


def _example_block(lines: list[str]) -> str:
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "```\n" + "\n".join(line[indent:] for line in lines) + "\n```"


def rule_section(rule: ModuleType) -> str:
    """One rule's section of docs/rules.md: summary, kind, then the docstring's headings."""
    sections = sections_of(rule)
    parts = [f"## `{rule.NAME}`", summary_of(rule), _KIND_LINE[rule.KIND]]
    for heading in HEADINGS:
        lines = sections.get(heading, [])
        if heading == "Example":
            text = _example_block(lines)
        else:
            text = "\n".join(_escape_html(line) for line in lines)
        parts += [f"### {heading}", text]
    return "\n\n".join(parts) + "\n"


def rules_markdown() -> str:
    """docs/rules.md: an overview table linking to one section per rule, in registry order."""
    rows = ["| rule | kind | finds |", "|---|---|---|"]
    rows += [
        f"| [`{rule.NAME}`](#{rule.NAME}) | {_KIND_WORD[rule.KIND]} | {summary_of(rule)} |"
        for rule in RULES
    ]
    body = "\n".join(rule_section(rule) for rule in RULES)
    return f"{RULES_INTRO}\n" + "\n".join(rows) + "\n\n" + body


def readme_with_table(readme: str) -> str:
    """The README's text with its generated rule table replaced by the current one."""
    if not README_TABLE.search(readme):
        raise ValueError("README.md has no <!-- rules:start --> ... <!-- rules:end --> markers")
    return README_TABLE.sub(lambda m: m.group(1) + markdown_table() + m.group(3), readme)


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/rules.md and the README table under ROOT; with --check, report only."""
    parser = argparse.ArgumentParser(prog="python -m generator.rule_docs")
    parser.add_argument("--root", type=Path, default=Path(), help="project folder")
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    readme = args.root / "README.md"
    try:
        wanted = {
            args.root / "docs" / "rules.md": rules_markdown(),
            readme: readme_with_table(readme.read_text(encoding="utf-8")),
        }
    except (OSError, ValueError) as error:
        print(f"rule_docs: {error}", file=sys.stderr)
        return 2
    stale = [path for path, text in wanted.items() if _read(path) != text]
    for path in stale:
        print(f"{path}: {'out of date' if args.check else 'rewritten'}")
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted[path], encoding="utf-8")
    return 1 if stale and args.check else 0


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
