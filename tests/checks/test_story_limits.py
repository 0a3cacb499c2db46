"""What `check` passes, `build` renders: Markdown texts within the size and nesting limits.

A story, caveats or notes beyond 100 KB, 20 KB without a blank line, or 20 levels of
nesting is `invalid-record` at the text's first line, and its record is not published;
every text within the limits renders, whatever it holds (the bench's patterns).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.story_render import PATTERNS, story
from refcat.checks.markup import render
from refcat.checks.story_limits import MAX_BLOCK_BYTES, MAX_BYTES, MAX_DEPTH, beyond_limits
from tests.factories import STORY, line_of, only

PARAGRAPHS = ("A paragraph of the story, with some *emphasis*.\n\n" * 3000)[:MAX_BYTES]


def nested_list(levels: int, indent: str = "    ") -> str:
    return "\n".join(indent * level + "- item" for level in range(levels))


def nested_quote(levels: int) -> str:
    return "> " * levels + "quoted"


def inline_list(levels: int) -> str:
    return "- " * levels + "item"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_pathological_pattern_of_100_kb_is_accepted_and_renders(pattern):
    text = story(pattern, MAX_BYTES)
    assert len(text.encode()) > MAX_BYTES * 0.9
    assert beyond_limits(text, "The story") is None
    assert isinstance(render(text).html, str)  # no RecursionError, no endless wait


def test_a_story_of_exactly_100_kb_is_accepted_and_one_byte_more_is_not():
    text = PARAGRAPHS + "é" * ((MAX_BYTES - len(PARAGRAPHS)) // 2)
    text += "x" * (MAX_BYTES - len(text.encode()))
    assert len(text.encode()) == MAX_BYTES and beyond_limits(text, "The story") is None
    assert beyond_limits(text + "x", "The story") == (
        "The story is 101 KB; a text may be at most 100 KB"
    )


def test_a_block_of_exactly_20_kb_is_accepted_and_one_byte_more_is_not():
    block = "\n".join(["x" * 1023] * 20)  # 20 lines and their 19 newlines
    block += "x" * (MAX_BLOCK_BYTES - len(block))
    assert beyond_limits(f"Intro.\n\n{block}\n\nEnd.", "The story") is None
    message = beyond_limits(f"Intro.\n\n{block}x\n\nEnd.", "The story")
    assert message == (
        "The story has 21 KB without a blank line (from its line 3); "
        "a paragraph, list or table may be at most 20 KB"
    )


@pytest.mark.parametrize("nest", [nested_list, nested_quote, inline_list])
def test_nesting_of_20_levels_is_accepted_and_21_is_not(nest):
    assert beyond_limits(nest(MAX_DEPTH), "The story") is None
    message = beyond_limits(nest(MAX_DEPTH + 1), "The story")
    assert message is not None and "21 levels deep" in message


def test_tabs_indent_a_level_each():
    assert beyond_limits(nested_list(MAX_DEPTH + 1, "\t"), "The notes") == (
        "The notes nests lists or quotes 21 levels deep (its line 21); "
        "a text may nest at most 20 levels"
    )


def test_a_long_spaced_rule_is_not_nesting():
    assert beyond_limits("Before\n\n" + "- " * 40 + "\n\nAfter", "The story") is None


def test_a_story_nested_too_deeply_is_invalid_and_not_published(project):
    path = project.reference(body=STORY + "\n" + nested_list(300, "\t"))
    report = project.review()
    finding = only(report, "invalid-record")
    assert finding.line == line_of(path, STORY.strip())
    assert finding.references == ("acme-core",)
    assert "300 levels deep" in finding.message and finding.hint
    assert report.published == frozenset()


def test_caveats_too_long_are_invalid_at_their_line(project):
    path = project.reference(caveats="x" * (MAX_BYTES + 1))
    finding = only(project.review(), "invalid-record")
    assert finding.line == line_of(path, "caveats:")
    assert finding.message.startswith("The caveats is 101 KB")


def test_notes_nested_too_deeply_take_the_customers_references_down(project):
    path = project.customer(notes=nested_quote(MAX_DEPTH + 5))
    report = project.review()
    finding = only(report, "invalid-record")
    assert finding.line == line_of(path, "notes:")
    assert finding.references == ("acme-core",)
    assert report.published == frozenset()


def test_check_reports_and_build_leaves_out_a_story_beyond_the_limits(project, refcat):
    project.reference("acme-deep", title="Deeply nested", body=nested_list(300, "\t"))
    root = project.root
    checked = refcat("check", "--as-of", "2026-11-25", cwd=root)
    assert checked.returncode == 1, checked.stderr
    assert "invalid-record" in checked.stdout and "Traceback" not in checked.stderr
    built = refcat("build", "--as-of", "2026-11-25", "--audience", "public", cwd=root)
    assert built.returncode == 0, built.stderr
    public = "".join(p.read_text() for p in Path(root, "output/public").rglob("*.html"))
    assert "Core banking migration" in public and "Deeply nested" not in public
