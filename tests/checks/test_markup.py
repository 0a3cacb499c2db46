"""Stories become safe HTML: Markdown as written, raw HTML and unsafe links removed and named."""

from __future__ import annotations

import random

import markdown
import pytest

from refcat.checks.markdown_speedups import BLOCK_TRIGGERS, INLINE_TRIGGERS
from refcat.checks.markup import _converter, render

TABLES = [
    "| Before | After |\n|---|---|\n| 3 days | 2 hours |",
    "Before | After\n--- | ---\n3 days | 2 hours",
    "| Only |\n| --- |\n| one column |",
    "|x|\n|-|",
    "| `a|b` | c |\n|---|---|\n| 1 | 2 |",
    "Text before\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText after",
    "Not a table: a | b\nstill a paragraph",
]


@pytest.mark.parametrize("text", TABLES)
def test_tables_render_as_python_markdown_renders_them(text):
    """refcat's quicker table test must not change what is a table."""
    stock = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
    ours = _converter()
    ours.reset()
    assert ours.convert(text) == stock.convert(text)


INLINE = [
    "Plain words only, nothing to mark up.",
    "Code: `a * b` and ``x ` y`` and \\`not code\\`.",
    "Escapes: \\*not em\\* and \\[not a link\\] and a \\\\ backslash.",
    "A [link](https://example.com 'title') and [a reference][ref].\n\n[ref]: https://example.org",
    "A short [ref] and an image ![alt](https://example.com/a.png).\n\n[ref]: https://example.org",
    "![image ref][img] and ![img]\n\n[img]: https://example.com/i.png",
    "Auto <https://example.com/path?a=1> and mail <someone@example.com>.",
    "Line one  \nline two, with a hard break.",
    "Entities: &amp; &#169; &#x00A9; and a bare & sign.",
    "Named only: Tom &amp; Jerry &copy; 2026.",
    "*em* **strong** ***both*** _em_ __strong__ snake_case_word 2 * 3",
    "Nested: **bold with `code` and [link](https://x.example)** then _end_.",
    "- item with *em*\n- item with `code`\n\n1. one\n2. two &amp; three",
]


BLOCKS = [
    "# Title\n\n## Sub ##\n\nText with a # sign and C# code.",
    "Setext\n======\n\nSecond\n------",
    "Rules:\n\n---\n\n* * *\n\n___\n\nafter - dashes - and _under_ *stars*.",
    "> A quote\n> on two lines\n\nplain > not a quote",
    "> Nested\n>\n> > deeper",
    "Text with [a ref][r] and [b][].\n\n[r]: https://example.com 'T'\n[b]: <https://b.example>",
    "Item list:\n\n- one\n- two\n\n    indented code\n\n```\nfenced # not a header\n```",
]


@pytest.mark.parametrize("text", BLOCKS + INLINE)
def test_markup_renders_as_python_markdown_renders_it(text):
    """Patterns skip texts without their triggers; the HTML must not change."""
    stock = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
    ours = _converter()
    ours.reset()
    assert ours.convert(text) == stock.convert(text)


def test_the_triggers_name_python_markdowns_own_patterns():
    """A renamed pattern would silently lose its shortcut."""
    stock = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
    assert set(INLINE_TRIGGERS) <= {item.name for item in stock.inlinePatterns._priority}
    blocks = stock.parser.blockprocessors
    assert set(BLOCK_TRIGGERS) <= {item.name for item in blocks._priority}
    for name, (attribute, _) in BLOCK_TRIGGERS.items():
        assert hasattr(blocks[name], attribute)


def test_a_table_keeps_its_cells():
    html = render("| Before | After |\n|---|---|\n| 3 days | 2 hours |").html
    assert "<table>" in html and "<td>3 days</td>" in html and "<th>After</th>" in html


def test_a_story_without_pipes_is_paragraphs():
    html = render(
        "First paragraph.\n\nSecond, with **bold** and a [link](https://example.com)."
    ).html
    assert html.count("<p>") == 2
    assert "<table" not in html
    assert '<a href="https://example.com" rel="noopener noreferrer">link</a>' in html


def test_raw_html_and_script_links_are_removed_and_named():
    result = render(
        'Hi <script>alert(1)</script> there [x](javascript:alert(1)) <b onclick="y">b</b>'
    )
    assert "script" not in result.html and "onclick" not in result.html
    assert "javascript" not in result.html
    assert "a <script> element" in result.removed
    assert "a javascript: link" in result.removed


def test_fenced_code_is_kept_as_escaped_code_and_not_reported():
    result = render("Setup:\n\n```\n<b>bold</b> & a < b\n```\n\nDone.")
    assert "<pre><code>&lt;b&gt;bold&lt;/b&gt; &amp; a &lt; b\n</code></pre>" in result.html
    assert result.removed == ()


def test_raw_html_next_to_fenced_code_is_still_removed():
    result = render('<div onclick="x">raw</div>\n\n```\ncode\n```\n\n<script>alert(1)</script>')
    assert "<pre><code>code\n</code></pre>" in result.html
    assert "onclick" not in result.html and "alert" not in result.html
    assert "a <script> element" in result.removed and "raw HTML (<div>)" in result.removed


LINKS = [
    "[a [nested] text](https://example.com) and [b](https://example.com/x_(y))",
    '[t](https://example.com "A title") [u](<https://example.com/a b> "T")',
    "[open [bracket](https://example.com) and ![img [alt]](https://example.com/i.png)",
    '[t](https://example.com/(a)(b) "title (with) parens") after',
    "[unclosed](https://example.com and [x][y] [z][]\n\n[y]: https://y.example",
    "[a](b)[c](d)](e) [[f]](g) [h]]] ((i)) [j](k'l) [m](n\"o)",
]

# A small alphabet of link marks, to compare many texts with few characters each.
MARKS = ["[", "]", "(", ")", "!", '"', "'", "a", " ", "\n", "[a]", "](", ": ", "\\", "`"]


def _without_speedups(monkeypatch) -> markdown.Markdown:
    """refcat's converter without checks.markdown_speedups: the reference."""
    from refcat.checks import markdown_speedups, markup

    monkeypatch.setattr(markdown_speedups, "speed_up", lambda converter: None)
    return markup._converter.__wrapped__()


@pytest.mark.parametrize("text", LINKS)
def test_links_render_as_python_markdown_renders_them(text):
    stock = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
    ours = _converter()
    ours.reset()
    assert ours.convert(text) == stock.convert(text)


def test_the_speedups_change_no_rendering(monkeypatch):
    """Thousands of short texts of link, table and inline marks and HTML: the same HTML
    with the speed-ups as without them.

    (A malformed start tag such as `<b c="` may be read as Python 3.13.4 reads it.)
    """
    ours = _converter()
    reference = _without_speedups(monkeypatch)
    rng = random.Random(2026)
    alphabet = [*MARKS, "<a>", "<div>", "</div>", '<p class="x">', "<!-- c -->", "<br/>"]
    alphabet += ["|", "---", "# ", "> ", "*", "_", "&amp;", "  \n", "\n\n"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        ours.reset()
        reference.reset()
        assert ours.convert(text) == reference.convert(text), text


def test_a_long_link_without_title_is_still_a_link():
    url = "https://example.com/" + "a" * 5000
    html = render(f"[far]({url}) and [open [nested [deep]]]({url}/(x))").html
    assert html.count("<a href=") == 2
