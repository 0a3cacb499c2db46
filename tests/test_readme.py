"""The README documents what the code does: its rule table is the registry's."""

import re
from pathlib import Path

from refcat.generator.rule_docs import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_rule_table_is_generated_from_the_registry():
    text = README.read_text(encoding="utf-8")
    table = re.search(r"<!-- rules:start.*?-->\n(.*?)<!-- rules:end -->", text, re.DOTALL)
    assert table is not None, "README lost its rules markers"
    assert table.group(1) == markdown_table()


def test_readme_quick_start_is_two_make_targets_that_exist():
    text = README.read_text(encoding="utf-8")
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in text
        assert re.search(rf"^{target}:", makefile, re.MULTILINE)
