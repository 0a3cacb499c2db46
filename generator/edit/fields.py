"""Small edits inside a loaded ruamel structure that keep the file looking hand-written.

A new key goes where the record model declares it (so `closed` lands after
`outcome`, as in SPEC), a new list entry goes after its siblings, and a comment or
blank line that followed the old last entry still follows the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def order_of(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`; a new key goes after the keys the model declares before it."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(mapping):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    if position == len(mapping):
        _append(mapping, key, value)
    else:
        mapping.insert(position, key, value)


def _append(mapping: CommentedMap, key: str, value: Any) -> None:
    """Add a last key, moving what followed the old last key (a blank line) after it."""
    trailing = _take_trailing(mapping)
    mapping[key] = value
    if trailing is not None:
        _give_trailing(mapping, trailing)


def entry(values: dict[str, Any], order: Sequence[str]) -> CommentedMap:
    """A new mapping from the given values, in the model's order, without empty ones."""
    return CommentedMap((key, values[key]) for key in order if values.get(key) is not None)


def append_entry(sequence: CommentedSeq, new: CommentedMap, after: int | None = None) -> None:
    """Insert `new` after position `after` (default: at the end), keeping trailing comments."""
    position = len(sequence) if after is None else after + 1
    if position < len(sequence):
        sequence.insert(position, new)
        return
    trailing = _take_trailing(sequence)
    sequence.append(new)
    if trailing is not None:
        _give_trailing(sequence, trailing)


def list_of(mapping: CommentedMap, key: str, order: Sequence[str]) -> CommentedSeq:
    """The list under `key`, created in block style where the record has none yet."""
    current = mapping.get(key)
    if isinstance(current, CommentedSeq):
        return current
    sequence = CommentedSeq()
    put(mapping, key, sequence, order)
    return sequence


def _last_holder(node: Any) -> tuple[Any, Any] | None:
    """The deepest last (container, key or index) of a node: where ruamel keeps what
    follows it (a comment, a blank line)."""
    holder = None
    while isinstance(node, CommentedMap | CommentedSeq) and len(node):
        last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        holder = (node, last)
        node = node[last]
    return holder


def _take_trailing(node: Any) -> Any:
    holder = _last_holder(node)
    if holder is None:
        return None
    container, last = holder
    items = container.ca.items.get(last)
    slot = 2 if isinstance(container, CommentedMap) else 0
    if not items or len(items) <= slot or items[slot] is None:
        return None
    trailing, items[slot] = items[slot], None
    return trailing


def _give_trailing(node: Any, trailing: Any) -> None:
    holder = _last_holder(node)
    if holder is None:
        return
    container, last = holder
    slot = 2 if isinstance(container, CommentedMap) else 0
    items = container.ca.items.setdefault(last, [None, None, None, None])
    while len(items) <= slot:
        items.append(None)
    items[slot] = trailing
