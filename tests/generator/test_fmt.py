"""refcat fmt: one canonical form for records, whoever wrote them, and nothing lost."""

from __future__ import annotations

import difflib
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcat.checks.source import parse_front_matter, parse_yaml
from refcat.generator.cli import main
from refcat.generator.commands import fmt

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "content"
KESTREL = "customers/kestrel-savings-bank.yaml"
CUSTOMER = """\
id: acme
name: Acme
sector: banking
rating:
  grade: "A"
  reviewed: 2026-01-02
"""


def _run(content: Path, *paths: Path, check: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    return fmt.run(content, list(paths), check, out), out.getvalue()


def _read(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    document = parse_front_matter(text) if path.suffix == ".md" else parse_yaml(text)
    return document.data, document.body


def _demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "content"))


def _customer(tmp_path: Path, text: str, name: str = "acme.yaml") -> Path:
    path = tmp_path / "content" / "customers" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_demo_content_is_canonical() -> None:
    assert _run(DEMO, check=True) == (0, "")


def _decap_save(path: Path) -> None:
    """What an editor like Decap writes: keys moved, block lists, quotes and comments gone."""

    def literal(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
        style = "|" if "\n" in text else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    class Decap(yaml.SafeDumper):
        pass

    Decap.add_representer(str, literal)
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["rating"]["grade"] = record["rating"]["grade"]  # "A" is written without quotes
    text = yaml.dump(record, Dumper=Decap, sort_keys=True, allow_unicode=True, width=4096)
    path.write_text(text, encoding="utf-8")


def test_an_editors_save_and_a_hand_edit_give_the_same_file(tmp_path: Path) -> None:
    content = _demo(tmp_path)
    hand, decap = content / KESTREL, content / "customers" / "decap.yaml"
    hand.write_text(
        hand.read_text().replace("owner:", "# asked again in 2027\nowner:"), encoding="utf-8"
    )
    shutil.copy(DEMO / KESTREL, decap)
    _decap_save(decap)
    assert "forms:\n- passive" in decap.read_text() and 'grade: "A"' not in decap.read_text()

    assert _run(content, hand, decap)[0] == 0
    changes = difflib.unified_diff(decap.read_text().splitlines(), hand.read_text().splitlines())
    assert [line for line in changes if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "+# asked again in 2027"
    ]
    assert hand.read_text().replace("# asked again in 2027\n", "") == (DEMO / KESTREL).read_text()


def test_every_demo_record_survives_an_editors_save_unchanged_in_substance(tmp_path) -> None:
    content = _demo(tmp_path)
    customers = sorted((content / "customers").glob("*.yaml"))
    for path in customers:
        _decap_save(path)
    assert _run(content, check=True)[0] == 1
    assert _run(content)[0] == 0
    for path in customers:
        original = DEMO / path.relative_to(content)
        assert _read(path) == _read(original), path
        assert path.read_bytes() == original.read_bytes(), path
    assert _run(content, check=True) == (0, "")


def test_check_names_each_file_and_writes_nothing(tmp_path: Path) -> None:
    path = _customer(tmp_path, "name: Acme\n" + CUSTOMER.replace("name: Acme\n", ""))
    before = path.read_bytes()
    code, said = _run(tmp_path / "content", check=True)
    assert (code, said) == (1, f"{path}: would reformat\n")
    assert path.read_bytes() == before
    assert _run(tmp_path / "content") == (0, f"{path}: reformatted\n")
    assert path.read_text() == CUSTOMER
    assert _run(tmp_path / "content") == (0, "")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("country: NO", 'country: "NO"'),  # Norway, not false for YAML 1.1 readers
        ("notes: 'yes'", 'notes: "yes"'),
        ("notes: '010'", 'notes: "010"'),
        ("notes: '3.10'", 'notes: "3.10"'),
        ("notes: 'Data Hub: live'", 'notes: "Data Hub: live"'),
        ("notes: 'plain text'", "notes: plain text"),
        ('notes: "2026-01-02"', "notes: 2026-01-02"),
        ("notes: x  # why", "notes: x  # why"),
    ],
)
def test_text_keeps_the_quotes_it_needs_and_only_those(tmp_path, written, canonical) -> None:
    path = _customer(tmp_path, CUSTOMER + written + "\n")
    before = _read(path)
    assert _run(tmp_path / "content")[0] == 0
    assert canonical in path.read_text().splitlines()
    assert _read(path) == before


def test_a_grade_of_2_stays_text(tmp_path: Path) -> None:
    path = _customer(tmp_path, CUSTOMER.replace('grade: "A"', "grade: '2'"))
    assert _run(tmp_path / "content")[0] == 0
    assert 'grade: "2"' in path.read_text()
    assert _read(path)[0]["rating"]["grade"] == "2"


def test_comments_move_with_their_key(tmp_path: Path) -> None:
    text = "# Acme\nname: Acme  # legal name\n" + CUSTOMER.replace("name: Acme\n", "")
    text = text.replace("  reviewed:", "  # after the workshop\n  reviewed:")
    path = _customer(tmp_path, text)
    assert _run(tmp_path / "content")[0] == 0
    assert path.read_text() == (
        "# Acme\nid: acme\nname: Acme  # legal name\nsector: banking\nrating:\n"
        '  grade: "A"\n  # after the workshop\n  reviewed: 2026-01-02\n'
    )


def test_a_references_story_stays_byte_for_byte(tmp_path: Path) -> None:
    content = _demo(tmp_path)
    path = content / "references" / "kestrel-fraud-alerts-pilot.md"
    original = path.read_text()
    story = original[original.index("\n---\n", 4) :] + "\n---\ntrailing  \n\n\n"
    front = original[: original.index("\n---\n", 4)].replace("publish: internal\n", "")
    path.write_text(front.replace("summary:", "publish: internal\nsummary:") + story)
    assert _run(content, path)[0] == 0
    assert path.read_text() == original + "\n---\ntrailing  \n\n\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: acme\nname: [\n", "acme.yaml:3: YAML syntax error"),
        (CUSTOMER.replace('"A"', "Q"), "acme.yaml:5: rating.grade"),
        (CUSTOMER + "colour: red\n", "acme.yaml:7: colour: Extra inputs"),
        (CUSTOMER + "name: Other\n", "acme.yaml:7: Duplicate key 'name'"),
        ("a: &x 1\nb: *x\n", "acme.yaml:1: Anchors"),
    ],
)
def test_bad_input_is_named_with_its_line_and_left_as_it_was(tmp_path, capsys, text, where) -> None:
    bad = _customer(tmp_path, text)
    good = _customer(tmp_path, "name: Acme\n" + CUSTOMER.replace("name: Acme\n", ""), "b.yaml")
    code, said = _run(tmp_path / "content")
    assert code == 2
    assert where in capsys.readouterr().err
    assert bad.read_text() == text
    assert said == f"{good}: reformatted\n"  # the other files are still formatted


def test_a_file_that_is_no_record_is_refused(tmp_path: Path, capsys) -> None:
    content = _demo(tmp_path)
    before = (content / "taxonomy.yaml").read_bytes()
    assert main(["fmt", str(content / "taxonomy.yaml"), str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "taxonomy.yaml: not a record file" in err and "missing: no such file" in err
    assert (content / "taxonomy.yaml").read_bytes() == before


def test_the_command_line_checks_the_demo_content(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["fmt", "--check"]) == 0
    assert main(["fmt", "--check", "--content", "content", "content/references"]) == 0


_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_TEXT, notes=_TEXT | st.lists(_TEXT, max_size=3).map("\n".join), day=st.dates())
def test_formatting_twice_is_formatting_once_and_keeps_the_record(
    tmp_path: Path, name: str, notes: str, day: date
) -> None:
    record = {"notes": notes, "name": name, "id": "acme", "sector": "banking"}
    record["rating"] = {"reviewed": day.isoformat(), "grade": "2"}
    text = yaml.safe_dump(record, allow_unicode=True, width=4096, sort_keys=True)
    path = _customer(tmp_path, text)
    before = _read(path)
    if _run(tmp_path / "content")[0] == 2:
        return  # not a valid record (an empty name, a date YAML cannot write): refused
    once = path.read_bytes()
    assert _read(path) == before
    assert _run(tmp_path / "content") == (0, "")
    assert path.read_bytes() == once


def test_a_new_customer_skeleton_with_its_commented_lists_formats_and_reads_back(tmp_path):
    """`consents: []` followed by commented example entries stays an empty flow list."""
    content = tmp_path / "content"
    (content / "customers").mkdir(parents=True)
    assert main(["new", "customer", "acme-bank", "--content", str(content)]) == 0
    record = content / "customers" / "acme-bank.yaml"
    assert main(["fmt", "--content", str(content), str(record)]) in (0, 1)
    text = record.read_text(encoding="utf-8")
    assert "consents: []" in text and "contacts: []" in text
    assert main(["fmt", "--check", "--content", str(content), str(record)]) == 0
