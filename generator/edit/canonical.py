"""The canonical form of a record: what `refcat fmt` writes, whoever wrote the file.

An editor such as Decap rewrites a whole file on save (quotes go, lists change style,
keys move), a hand edit does not. Both become the same text here, so git shows only
what changed in substance:

- keys in the order of the record's model (`checks.models`), nested records too;
- block mappings; lists of identifiers (`FLOW_LISTS`) on one line, every other list
  one item a line;
- text plain where every YAML reader reads it back as the same text, else in double
  quotes; a grade and a phone number always in quotes, text with line breaks as a
  literal block (`|`); dates as YYYY-MM-DD; numbers and booleans as YAML writes them;
- indentation 2 for mappings, 4 for lists with the dash at 2; no blank lines between
  keys; one newline at the end. A reference's Markdown story is left as it was.

Comments stay where ruamel.yaml attaches them: an end-of-line comment stays on its
line and moves with its key; a comment on a line of its own belongs to the key above
it and moves with that key.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from refcat.generator.edit.roundtrip import Editable, EditError, dump

# lists of identifiers (slugs, codes, releases): short, one line reads best
FLOW_LISTS = frozenset(
    {"forms", "languages", "products", "technologies", "technical", "commercial"}
)
ALWAYS_QUOTED = frozenset({"grade", "phone"})  # codes that may look like numbers: 2, +4420...
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def canonical_text(record: Editable, model: type[BaseModel]) -> str:
    """The whole file in canonical form; `record.data` is changed in place."""
    _arrange(record.data, model)
    for token in _comments(record.data):
        token.value = _without_blank_lines(token.value)
    return record.head + dump(record.data).rstrip("\n") + "\n" + record.tail


def _arrange(mapping: CommentedMap, model: type[BaseModel] | None) -> None:
    """Keys in the model's order (others after them, as they were), values restyled."""
    mapping.fa.set_block_style()
    if model is not None:
        for name in [name for name in model.model_fields if name in mapping]:
            mapping.move_to_end(name)
        others = [key for key in mapping if key not in model.model_fields]
        for key in others:
            mapping.move_to_end(key)
    for key in list(mapping):
        inner = _nested_model(model, key)
        # past ruamel's __setitem__, which would keep the old quotes of a text value
        ordereddict.__setitem__(mapping, key, _restyle(mapping[key], str(key), inner))


def _restyle(value: Any, key: str, model: type[BaseModel] | None) -> Any:
    if isinstance(value, CommentedMap):
        _arrange(value, model)
        return value
    if isinstance(value, CommentedSeq):
        _arrange_list(value, key, model)
        return value
    return _scalar(value, key)


def _arrange_list(items: CommentedSeq, key: str, model: type[BaseModel] | None) -> None:
    flow = key in FLOW_LISTS and not any(isinstance(i, CommentedMap | CommentedSeq) for i in items)
    if flow or not items:  # an empty list has no block form: `[]`
        items.fa.set_flow_style()
    else:
        items.fa.set_block_style()
    for index, item in enumerate(items):
        list.__setitem__(items, index, _restyle(item, key, model))  # as in _arrange


def _scalar(value: Any, key: str) -> Any:
    """The value as the type ruamel writes in the canonical style."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, value.day)
    if not isinstance(value, str):
        return value
    if _DAY.match(value) and _is_day(value):
        return datetime.date.fromisoformat(value)
    if "\n" in value:
        return LiteralScalarString(value)
    if key in ALWAYS_QUOTED or not _plain_is_safe(str(value)):
        return DoubleQuotedScalarString(value)
    return str(value)


def _is_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _plain_is_safe(text: str) -> bool:
    """Both YAML 1.1 (PyYAML, refcat's reader) and 1.2 (ruamel) write it without quotes,
    so it reads back as this text everywhere: `NO`, `010`, `3.10`, `1e3` get quotes."""
    if not text or text != text.strip():
        return False
    pyyaml = yaml.safe_dump(text, width=4096, allow_unicode=True)
    ruamel = dump(CommentedMap(k=text))
    return pyyaml[:1] not in ("'", '"') and ruamel[3:4] not in ("'", '"')


def _nested_model(model: type[BaseModel] | None, key: Any) -> type[BaseModel] | None:
    """The model of a field's value or list items: `Rating` for `rating`, `Consent` for
    `consents`; None for plain values."""
    if model is None or key not in model.model_fields:
        return None
    return _model_in(model.model_fields[key].annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None


def _comments(node: Any) -> Iterator[CommentToken]:
    """Every comment token ruamel attached to `node` and what it contains."""
    attached = getattr(node, "ca", None)
    if attached is not None:
        yield from _tokens([attached.comment, *attached.items.values()])
    children = node.values() if isinstance(node, CommentedMap) else node
    if isinstance(node, CommentedMap | CommentedSeq):
        for child in children:
            yield from _comments(child)


def _tokens(entry: Any) -> Iterator[CommentToken]:
    if isinstance(entry, CommentToken):
        yield entry
    elif isinstance(entry, list):
        for part in entry:
            yield from _tokens(part)


def _without_blank_lines(comment: str) -> str:
    """A comment's text without the blank lines ruamel keeps in it. Its first line is the
    end of the line of the value before it (an end-of-line comment, or nothing): kept."""
    first, *rest = comment.splitlines(keepends=True) or [""]
    return first + "".join(line for line in rest if line.strip())


def check_same(before: Any, after: Any, where: str) -> None:
    """EditError unless the canonical text reads as the same record: nothing may be lost."""
    if before != after:
        raise EditError(f"{where}: the canonical form would change the record; nothing written")
