"""The round trip: a record loaded and dumped unchanged is the same bytes, and a write
is atomic and never overwrites a file that changed since it was read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from refcat.generator.edit import roundtrip
from refcat.generator.edit.fields import append_entry, entry, list_of, put
from refcat.generator.edit.roundtrip import EditError, Refused, read, write
from tests.generator.edit_helpers import ROOT

CUSTOMERS = sorted((ROOT / "content" / "customers").glob("*.yaml"))
REFERENCES = sorted((ROOT / "content" / "references").rglob("*.md"))


@pytest.mark.parametrize("path", CUSTOMERS + REFERENCES, ids=lambda p: p.stem)
def test_every_demo_record_round_trips_byte_for_byte(path: Path):
    record = read(path)
    assert record.text().encode("utf-8") == path.read_bytes()


def test_demo_has_the_records_the_round_trip_covers():
    assert len(CUSTOMERS) >= 27 and len(REFERENCES) >= 48


COMMENTED = """\
# Kept by the program office.
id: acme
consents:
  - scope: name  # signed at the kick-off
    granted: 2022-01-01

  # the call consent, renewed yearly
  - scope: reference-call
    granted: 2022-01-01

# contacts are internal
contacts: []
rating: {grade: 'A', reviewed: 2026-01-01}
"""


def test_comments_and_blank_lines_outside_the_edit_stay(tmp_path: Path):
    path = tmp_path / "acme.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    record = read(path)
    order = ("scope", "granted", "expires", "by")
    new = entry({"scope": "logo", "granted": date(2026, 11, 25), "by": "CIO"}, order)
    append_entry(record.data["consents"], new)
    put(record.data["rating"], "by", "Me", ("grade", "reviewed", "by"))
    requests = list_of(record.data, "requests", ("id", "consents", "contacts", "rating"))
    requests.append(entry({"date": date(2026, 11, 25), "kind": "press"}, ("date", "kind")))
    added = "  - scope: logo\n    granted: 2026-11-25\n    by: CIO\n"
    expected = COMMENTED.replace("\n\n# contacts", f"\n{added}\n# contacts")
    expected = expected.replace("2026-01-01}", "2026-01-01, by: Me}")
    assert record.text() == expected + "requests:\n  - date: 2026-11-25\n    kind: press\n"


def test_a_reference_keeps_its_story_byte_for_byte(tmp_path: Path):
    story = "\nThe story.\n\n---\n\nA rule in the story is not front matter.\n"
    path = tmp_path / "acme-x.md"
    path.write_text(f"---\nid: acme-x\ntitle: X\n---\n{story}", encoding="utf-8")
    record = read(path)
    put(record.data, "publish", "public", ("id", "title", "publish"))
    write(record, record.text())
    assert (
        path.read_text(encoding="utf-8")
        == f"---\nid: acme-x\ntitle: X\npublish: public\n---\n{story}"
    )


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\n", encoding="utf-8")
    record = read(path)
    record.data["name"] = "Acme"
    monkeypatch.setattr(
        roundtrip, "before_replace", lambda p: p.write_text("id: acme\nname: Theirs\n")
    )
    with pytest.raises(
        Refused, match=r"acme.yaml changed on disk since it was read; nothing written"
    ):
        write(record, record.text())
    assert path.read_text() == "id: acme\nname: Theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"], "no temporary file left"


def test_a_failing_write_leaves_the_original_bytes_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\n", encoding="utf-8")
    path.chmod(0o640)
    record = read(path)

    def full_disk(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(roundtrip, "before_replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write(record, "id: acme\nname: Acme\n")
    assert path.read_bytes() == b"id: acme\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def test_a_write_keeps_the_file_mode(tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\n", encoding="utf-8")
    path.chmod(0o640)
    record = read(path)
    write(record, "id: acme\nname: Acme\n")
    assert path.read_text() == "id: acme\nname: Acme\n"
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("a.yaml", "id: [unclosed\n", "does not parse"),
        ("a.yaml", "- a list\n", "does not hold a mapping"),
        ("a.md", "no front matter\n", "no front matter"),
    ],
)
def test_a_file_that_cannot_be_edited_safely_is_a_clear_error(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditError, match=problem):
        read(path)
