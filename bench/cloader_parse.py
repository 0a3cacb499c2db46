"""The yardstick: parse every record file under a content folder with PyYAML's C loader.

    python bench/cloader_parse.py CONTENT

One process, no validation, no rules: `yaml.load(..., Loader=yaml.CSafeLoader)` on each
YAML file and on the front matter of each Markdown file. `refcat check` should cost no
more than this.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def front_matter(text: str) -> str:
    """The block between the first two `---` lines."""
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return "\n".join(lines[1:number])
    return ""


def parse_all(content: Path) -> tuple[int, int]:
    parsed = failed = 0
    for path in sorted(content.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        document = front_matter(text) if path.suffix == ".md" else text
        try:
            yaml.load(document, Loader=yaml.CSafeLoader)
            parsed += 1
        except (yaml.YAMLError, ValueError):  # e.g. 2026-02-30: the timestamp resolver fails
            failed += 1
    return parsed, failed


if __name__ == "__main__":
    parsed, failed = parse_all(Path(sys.argv[1]))
    print(f"{parsed} files parsed, {failed} failed")
