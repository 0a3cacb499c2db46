"""The Decap CMS configuration is the record models: every key, in order, with its rules."""

from __future__ import annotations

import io
import typing
from pathlib import Path

import pytest
import yaml

from refcat.checks.models import Customer, Reference, Request, Scope
from refcat.checks.policy import ConfigError
from refcat.checks.source import parse_yaml
from refcat.generator import cli
from refcat.generator.commands import serve
from refcat.generator.editor.config import config, config_yaml


def _collection(name: str) -> dict:
    return next(c for c in config()["collections"] if c["name"] == name)


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def test_every_customer_key_is_in_the_editor_in_the_models_order() -> None:
    fields = _collection("customers")["fields"]
    assert [f["name"] for f in fields] == list(Customer.model_fields)
    requests = _field(fields, "requests")["fields"]
    assert [f["name"] for f in requests] == list(Request.model_fields)


def test_references_have_their_front_matter_keys_then_the_markdown_story() -> None:
    fields = _collection("references")["fields"]
    assert [f["name"] for f in fields] == [*Reference.model_fields, "body"]
    assert fields[-1]["widget"] == "markdown"
    assert _collection("references")["format"] == "frontmatter"


def test_required_flags_follow_the_models_defaults() -> None:
    fields = _collection("customers")["fields"]
    required = {f["name"] for f in fields if f["required"]}
    assert required == {"id", "name", "sector", "rating"}
    request = {f["name"]: f for f in _field(fields, "requests")["fields"]}
    assert request["date"]["required"] and request["kind"]["required"]
    assert not request["prospect"]["required"]
    assert request["outcome"]["default"] == "pending"


def test_allowed_values_are_select_options() -> None:
    fields = _collection("customers")["fields"]
    request = {f["name"]: f for f in _field(fields, "requests")["fields"]}
    assert request["kind"]["options"] == list(typing.get_args(Scope))
    grade = _field(_field(fields, "rating")["fields"], "grade")
    assert grade["options"] == ["A", "1", "B", "2", "C", "D"]
    forms = _field(fields, "forms")
    assert forms["widget"] == "select" and forms["multiple"]


def test_dates_are_written_as_refcat_reads_them() -> None:
    request = _field(_collection("customers")["fields"], "requests")["fields"]
    day = _field(request, "date")
    assert (day["widget"], day["format"], day["time_format"]) == ("datetime", "YYYY-MM-DD", False)


def test_patterns_and_bounds_reach_the_editor() -> None:
    fields = _collection("customers")["fields"]
    assert _field(fields, "country")["pattern"][0] == "^[A-Z]{2}$"
    score = _field(_field(fields, "nps")["fields"], "score")
    assert (score["min"], score["max"]) == (0, 10)


def test_the_local_backend_is_named_only_for_serve_edit() -> None:
    assert "local_backend" not in config()
    text = config_yaml("http://127.0.0.1:8000/api/v1")
    assert yaml.safe_load(text)["local_backend"] == {"url": "http://127.0.0.1:8000/api/v1"}


# What Decap writes back: quotes dropped, flow lists as block lists, its own key order.
DECAP_WRITES = """\
id: nordic-ferries
name: Nordic Ferries
sector: logistics
country: NO
rating:
  grade: A
  reviewed: 2026-10-21
forms:
  - active
contacts:
  - name: Kari Nordmann
    phone: +47 22 55 50 00
requests:
  - outcome: pending
    date: 2026-11-25
    kind: reference-call
    prospect: Globex Bank
"""


def test_what_decap_writes_back_reads_as_written_by_hand() -> None:
    hand = DECAP_WRITES.replace("grade: A", 'grade: "A"').replace("country: NO", 'country: "NO"')
    by_decap = Customer.model_validate(parse_yaml(DECAP_WRITES).data)
    assert by_decap == Customer.model_validate(parse_yaml(hand).data)
    assert by_decap.country == "NO" and by_decap.contacts[0].phone == "+47 22 55 50 00"
    assert by_decap.requests[0].date.isoformat() == "2026-11-25"


def test_without_node_serve_edit_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "output" / "internal").mkdir(parents=True)
    (tmp_path / "output" / "internal" / "index.html").write_text("<html></html>")
    monkeypatch.setenv("PATH", str(tmp_path))  # no node on it
    code = cli.main(["serve", "--edit", "--output", str(tmp_path / "output")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "needs Node.js" in err and "make editor" in err


def test_without_the_editor_modules_serve_edit_refuses(tmp_path: Path) -> None:
    (tmp_path / "internal").mkdir()
    (tmp_path / "internal" / "index.html").write_text("<html></html>")
    edit = serve.Edit(tmp_path / "content", [tmp_path / "node_modules"])
    with pytest.raises(ConfigError, match=r"needs Node\.js and decap-server"):
        serve.run(tmp_path, "internal", 0, io.StringIO(), edit)


def test_the_editor_is_never_served_beside_the_public_catalog(tmp_path: Path) -> None:
    edit = serve.Edit(tmp_path / "content", [])
    with pytest.raises(ConfigError, match="internal catalog"):
        serve.run(tmp_path, "public", 0, io.StringIO(), edit)
