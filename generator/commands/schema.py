"""`refcat schema customer|reference`: the JSON Schema of a record, for editors and CI.

Generated from the same pydantic models `refcat check` validates with, so the two
never disagree on keys, and every description is the docstring of its model field
(what VS Code shows on hover). Dates are strings of `format: date` (as an editor sees
an unquoted YAML date); grades `1` and `2` may be integers, as they may be written
unquoted; unknown keys are refused (`additionalProperties: false`).

The `$id` is a URN, `urn:refcat:schema:<kind>`: refcat has no web address to serve
schemas from, and a URN names the schema without pretending one can fetch it. Editors
find the file through `.vscode/settings.json` or a record's modeline instead.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from pydantic import BaseModel

from refcat.checks.models import Customer, Reference

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:refcat:schema:"

MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "customer": (Customer, "refcat customer"),
    "reference": (Reference, "refcat reference project"),
}


def schema_of(kind: str) -> dict[str, Any]:
    model, title = MODELS[kind]
    generated = model.model_json_schema()
    _allow_unquoted_grades(generated)
    head = {
        "$schema": DIALECT,
        "$id": f"{ID_PREFIX}{kind}",
        "title": title,
        "description": generated["description"],  # the model's docstring
    }
    return head | {key: value for key, value in generated.items() if key not in head}


def run(kind: str, out: TextIO) -> int:
    out.write(json.dumps(schema_of(kind), indent=2, ensure_ascii=False) + "\n")
    return 0


def _allow_unquoted_grades(schema: dict[str, Any]) -> None:
    """`grade: 1` is read as a number, and the models accept it: so does the schema."""
    rating = schema.get("$defs", {}).get("Rating")
    if rating is None:
        return
    grade = rating["properties"]["grade"]
    rating["properties"]["grade"] = {
        "title": grade.get("title", "Grade"),
        "description": grade["description"],
        "anyOf": [
            {"type": "string", "enum": grade["enum"]},
            {"type": "integer", "enum": [int(g) for g in grade["enum"] if g.isdigit()]},
        ],
    }
