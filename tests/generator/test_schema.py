"""`refcat schema customer|reference`: a JSON Schema (draft 2020-12) that accepts what
`refcat check` accepts, for editors and check-jsonschema."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from refcat.generator.commands import new, schema
from tests.factories import customer_record, reference_record

PROJECT = Path(__file__).resolve().parents[2]
FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)


class _Loader(yaml.SafeLoader):
    """YAML as an editor sees it: an unquoted date stays a string (as refcat reads it)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = FRONT_MATTER.match(text).group(1)
    return yaml.load(text, Loader=_Loader)


def validator(kind: str) -> Draft202012Validator:
    out = io.StringIO()
    assert schema.run(kind, out) == 0
    document = json.loads(out.getvalue())
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(kind: str, record: dict) -> list[str]:
    return [e.message for e in validator(kind).iter_errors(record)]


def as_written(record: dict) -> dict:
    """A factory record with its dates as the strings a YAML file holds."""
    return json.loads(json.dumps(record, default=str))


@pytest.mark.parametrize("kind", ["customer", "reference"])
def test_schema_is_draft_2020_12_with_a_title(kind):
    out = io.StringIO()
    schema.run(kind, out)
    document = json.loads(out.getvalue())
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["title"].startswith("refcat ")
    assert document["additionalProperties"] is False
    assert out.getvalue().endswith("}\n")


def test_dates_are_strings_of_format_date():
    document = schema.schema_of("reference")
    assert document["properties"]["completed"] == {
        "description": "Go-live or completion (YYYY-MM-DD).",
        "format": "date",
        "title": "Completed",
        "type": "string",
    }


@pytest.mark.parametrize("kind", ["customer", "reference"])
def test_schema_has_a_stable_id_and_the_models_description(kind):
    document = schema.schema_of(kind)
    assert document["$id"] == f"urn:refcat:schema:{kind}"
    assert list(document)[:4] == ["$schema", "$id", "title", "description"]
    assert f"content/{kind}s/<id>." in document["description"]


def properties(document: dict) -> dict[str, dict]:
    """Every property of the schema and of its sub-records, as `Model.key` -> its schema."""
    found = {f"{document['title']}.{k}": v for k, v in document["properties"].items()}
    for name, sub in document.get("$defs", {}).items():
        found |= {f"{name}.{key}": value for key, value in sub.get("properties", {}).items()}
    return found


@pytest.mark.parametrize("kind", ["customer", "reference"])
def test_every_key_and_sub_record_has_a_description_for_hover_help(kind):
    document = schema.schema_of(kind)
    found = properties(document)
    assert len(found) > (40 if kind == "customer" else 20)
    assert [key for key, prop in found.items() if not prop.get("description")] == []
    assert [name for name, sub in document["$defs"].items() if not sub.get("description")] == []


def test_descriptions_come_from_the_models_one_source():
    from refcat.checks.models import Consent

    document = schema.schema_of("customer")
    consent = document["$defs"]["Consent"]["properties"]["expires"]
    assert consent["description"] == Consent.model_fields["expires"].description
    assert "no longer holds" in consent["description"]
    grade = document["$defs"]["Rating"]["properties"]["grade"]
    assert grade["description"].startswith("A win actively")


@pytest.mark.parametrize(
    ("kind", "folder", "pattern"),
    [("customer", "customers", "*.yaml"), ("reference", "references", "*.md")],
)
def test_every_demo_record_validates(kind, folder, pattern):
    check = validator(kind)
    paths = sorted((PROJECT / "content" / folder).rglob(pattern))
    assert len(paths) > 20
    problems = {p.name: [e.message for e in check.iter_errors(read(p))] for p in paths}
    assert {name: found for name, found in problems.items() if found} == {}


def test_factory_records_validate():
    assert errors("customer", as_written(customer_record())) == []
    assert errors("reference", as_written(reference_record())) == []


def test_grades_1_and_2_may_be_numbers_as_written_unquoted():
    record = as_written(customer_record())
    for grade in (1, 2, "1", "A"):
        assert errors("customer", {**record, "rating": {**record["rating"], "grade": grade}}) == []
    for grade in (3, "E", True):
        assert errors("customer", {**record, "rating": {**record["rating"], "grade": grade}})


def test_unknown_keys_missing_keys_and_impossible_dates_are_refused():
    record = as_written(reference_record())
    assert errors("reference", {**record, "titel": "typo"})
    assert errors("reference", {k: v for k, v in record.items() if k != "summary"})
    assert errors("reference", {**record, "completed": "2026-02-30"})
    assert errors("reference", {**record, "id": "Not A Slug"})


@pytest.mark.parametrize("kind", ["customer", "reference"])
def test_a_new_skeleton_validates(project, kind):
    new.run(kind, "acme-fresh", project.content, project.review().as_of, io.StringIO())
    folder, suffix = ("customers", ".yaml") if kind == "customer" else ("references", ".md")
    assert errors(kind, read(project.content / folder / f"acme-fresh{suffix}")) == []


def test_cli_prints_the_schema(refcat):
    result = refcat("schema", "customer")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "refcat customer"
