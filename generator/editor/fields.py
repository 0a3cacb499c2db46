"""Decap CMS fields from pydantic fields: one widget per annotation, in the model's order.

Generated, never written by hand, so the editor offers exactly the keys, allowed values
and required flags that `refcat check` validates; a new model field appears in the
editor without anyone touching its configuration.
"""

from __future__ import annotations

import types
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

Widget = dict[str, Any]

# Free text that runs to paragraphs: a text area rather than a one-line input.
PARAGRAPHS = frozenset({"notes", "note", "caveats", "summary", "reason"})


def humanise(name: str) -> str:
    """`review_by` -> `Review by`: the label when a field has no description."""
    return name.replace("_", " ").capitalize()


def model_fields(model: type[BaseModel]) -> list[Widget]:
    """Every field of `model`, in its key order, as Decap field definitions."""
    return [_field(name, info) for name, info in model.model_fields.items()]


def _field(name: str, info: FieldInfo) -> Widget:
    annotation, optional = _strip_none(info.annotation)
    widget: Widget = {"name": name, "label": info.title or humanise(name)}
    widget |= _widget(annotation, [*info.metadata], name)
    if info.description:
        widget["hint"] = info.description
    widget["required"] = info.is_required()
    default = info.get_default()
    if not optional and isinstance(default, str | bool | int | float) and default != "":
        widget["default"] = default
    return widget


def _strip_none(annotation: Any) -> tuple[Any, bool]:
    """`X | None` -> (X, True); anything else unchanged."""
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(kept) < len(get_args(annotation)):
            return (kept[0] if len(kept) == 1 else Union[tuple(kept)]), True  # noqa: UP007
    return annotation, False


def _widget(annotation: Any, metadata: list[Any], name: str) -> Widget:
    """The widget (and its options) for one annotation."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _widget(inner, [*metadata, *extra], name)
    if origin is Literal:
        return {"widget": "select", "options": [str(value) for value in get_args(annotation)]}
    if origin is list:
        return _list(get_args(annotation)[0], name)
    if origin in (Union, types.UnionType):  # int | float: a number of either kind
        return {"widget": "number", "value_type": "float"}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": model_fields(annotation)}
    return _scalar(annotation, metadata, name)


def _list(item: Any, name: str) -> Widget:
    item, _ = _strip_none(item)
    inner = _widget(item, [], name)
    if inner["widget"] == "select":
        return inner | {"multiple": True}
    if inner["widget"] == "object":
        return {"widget": "list", "collapsed": True, "fields": inner["fields"]}
    return {"widget": "list", "field": {"name": "item", "label": humanise(name)} | inner}


def _scalar(annotation: Any, metadata: list[Any], name: str) -> Widget:
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is date:
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
        }
    if annotation is int:
        return {"widget": "number", "value_type": "int"} | _bounds(metadata)
    widget: Widget = {"widget": "text" if name in PARAGRAPHS else "string"}
    for constraint in metadata:
        if getattr(constraint, "pattern", None):
            widget["pattern"] = [constraint.pattern, f"Must match {constraint.pattern}"]
    return widget


def _bounds(metadata: list[Any]) -> Widget:
    bounds: Widget = {}
    for constraint in metadata:
        if getattr(constraint, "ge", None) is not None:
            bounds["min"] = constraint.ge
        if getattr(constraint, "le", None) is not None:
            bounds["max"] = constraint.le
    return bounds
