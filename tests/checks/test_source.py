"""Reading one file: data and the line of every key, front matter, and what is refused."""

from __future__ import annotations

import pytest

from refcat.checks.source import SourceError, decode, parse_front_matter, parse_yaml


def test_every_key_and_list_item_has_its_line():
    document = parse_yaml("id: acme\nconsents:\n  - scope: name\n    granted: 2026-01-01\n")
    assert document.data == {"id": "acme", "consents": [{"scope": "name", "granted": "2026-01-01"}]}
    assert document.line_of(("consents", 0, "granted")) == 4
    assert document.line_of(("consents", 0)) == 3
    assert document.line_of(("consents", 0, "expires")) == 3  # absent: its closest parent
    assert document.line_of(("nothing",)) == 1


def test_block_scalar_text_starts_on_the_line_after_its_indicator():
    document = parse_yaml("id: x\nnotes: |\n  one\n  two\nsummary: plain\n")
    assert document.line_of(("notes",)) == 2
    assert document.line_of(("notes", 0)) == 3
    assert document.line_of(("summary", 0)) == 5


def test_dates_stay_text_and_only_true_false_are_booleans():
    data = parse_yaml("a: 2026-02-30\nb: no\nc: yes\nd: true\ne: False\nf: ~\n").data
    assert data == {"a": "2026-02-30", "b": "no", "c": "yes", "d": True, "e": False, "f": None}


def test_release_cycles_keep_their_text():
    text = 'releases:\n  - releaseCycle: 3.10\n  - releaseCycle: "3.10"\n  - releaseCycle: 8\n'
    data = parse_yaml(text, raw_keys=frozenset({"releaseCycle"})).data
    assert [r["releaseCycle"] for r in data["releases"]] == ["3.10", "3.10", "8"]


def test_front_matter_lines_count_from_the_top_of_the_file():
    text = "---\nid: x\ntitle: T\n---\n\nStory.\n\n---\n\nMore: after a rule.\n---\n"
    document = parse_front_matter(text)
    assert document.data == {"id": "x", "title": "T"}
    assert document.line_of(("title",)) == 3
    assert document.body == "\nStory.\n\n---\n\nMore: after a rule.\n---\n"
    assert document.body_line == 5


def test_front_matter_with_windows_line_ends_and_a_byte_order_mark():
    text = decode("\ufeff---\r\nid: x\r\ntitle: T\r\n---\r\nStory.\r\n".encode())
    document = parse_front_matter(text)
    assert document.data == {"id": "x", "title": "T"}
    assert document.line_of(("title",)) == 3
    assert document.body_line == 5


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("title: x\n---\n", 1, "Front matter missing"),
        ("\n---\nid: x\n---\n", 1, "Front matter missing"),
        ("---\nid: x\n", 1, "not closed"),
        ("---\nid: x\nid: y\n---\n", 3, "Duplicate key 'id'"),
        ("---\nid: x\nlist: [*a]\n---\n", 3, "Anchors"),
        ("---\nid: x\ntitle: Core banking: moved\n---\n", 3, "YAML syntax error"),
    ],
)
def test_what_front_matter_refuses_and_where(text, line, says):
    with pytest.raises(SourceError, match=says) as raised:
        parse_front_matter(text)
    assert raised.value.line == line


def test_an_anchor_that_is_never_used_is_refused_too():
    with pytest.raises(SourceError, match="Anchors") as raised:
        parse_yaml("a: 1\nb: &x 2\n")
    assert raised.value.line == 2


def test_non_utf8_is_reported_on_its_line():
    with pytest.raises(SourceError, match="not UTF-8") as raised:
        decode(b"a: 1\nb: 2\nc: \xff\n")
    assert raised.value.line == 3
