"""Read one record file: one libyaml parse gives the data and the line of every key.

The data is built from libyaml's node tree by a single walk that also rejects what
PyYAML would accept silently (duplicate keys, anchors and aliases, deep nesting) and
remembers where each value is written, so a later validation error can name its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"


class SourceError(Exception):
    """A file that does not parse; `line` is 1-based."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Document:
    """Parsed data plus the line of every key and list item, and the Markdown body.

    For a block scalar (`|` or `>`) at `loc`, `(*loc, 0)` is the line its text starts on.
    """

    data: Any
    lines: Mapping[Path_, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, loc: Path_) -> int:
        """The line where `loc` (or its closest written parent) is; 1 for the whole file."""
        for end in range(len(loc), 0, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return 1


def _loader_class() -> type:
    """CSafeLoader without YAML 1.1's surprises: dates stay text, `no` stays text."""
    base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

    class RecordLoader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            # PyYAML's resolve() without its general case (path resolvers, wildcard
            # resolvers, none here): it runs for every value of every file
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return _STR
            return super().resolve(kind, value, implicit)

        # Called around every node, and only of use with path resolvers: there are none.
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    RecordLoader.yaml_implicit_resolvers = _record_resolvers(base)
    return RecordLoader


def _record_resolvers(base: type) -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """`base`'s implicit resolvers without timestamps, and with YAML 1.2's booleans only."""
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in base.yaml_implicit_resolvers.items():  # type: ignore[attr-defined]
        kept = [
            (tag, regexp)
            for tag, regexp in entries
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
        ]
        if kept:
            resolvers[first] = kept
    bool_re = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        resolvers.setdefault(first, []).append(("tag:yaml.org,2002:bool", bool_re))
    return resolvers


_Loader = _loader_class()
_SCALARS = {
    _STR: str,
    "tag:yaml.org,2002:timestamp": str,  # an explicit !!timestamp: dates stay text for pydantic
    "tag:yaml.org,2002:null": lambda _value: None,
    "tag:yaml.org,2002:bool": lambda value: value.lower() == "true",
}


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise SourceError(f"File is larger than {MAX_BYTES // 1024} KiB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError("File is not UTF-8 text", line) from None


def parse_yaml(
    text: str, *, line_offset: int = 0, raw_keys: frozenset[str] = frozenset()
) -> Document:
    """Parse one YAML document; values under `raw_keys` keep their text as written."""
    if "&" in text or "*" in text:
        _reject_anchors(text, line_offset)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise SourceError(f"YAML syntax error: {error.problem or error}", line) from None
    except yaml.YAMLError as error:
        raise SourceError(f"YAML syntax error: {error}", 1 + line_offset) from None
    finally:
        loader.dispose()
    if root is None:
        return Document(data=None)
    lines: dict[Path_, int] = {}
    walker = _Walker(loader, lines, line_offset, raw_keys)
    return Document(data=walker.build(root, (), 0), lines=lines)


def _reject_anchors(text: str, line_offset: int) -> None:
    """libyaml's composer hides anchors, so look at the events (only when `&` or `*` occur)."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if getattr(event, "anchor", None) is not None:
                line = event.start_mark.line + 1 + line_offset
                raise SourceError("Anchors and aliases (&, *) are not allowed", line)
    except yaml.YAMLError:
        return  # the real parse reports the syntax error with its line


class _Walker:
    """Builds Python data from nodes, recording the line of every key and list item.

    No node can be shared here: `parse_yaml` has refused anchors and aliases, the only
    way to share one, before the walk.
    """

    def __init__(self, loader: Any, lines: dict[Path_, int], offset: int, raw_keys: frozenset[str]):
        self.loader = loader
        self.lines = lines
        self.offset = offset + 1  # marks count lines from 0
        self.raw_keys = raw_keys

    def build(self, node: yaml.Node, loc: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise SourceError(f"Nesting deeper than {MAX_DEPTH} levels", self.line(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, loc, depth)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc, depth)
        raise SourceError("Unsupported YAML node", self.line(node))

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def sequence(self, node: yaml.SequenceNode, loc: Path_, depth: int) -> list[Any]:
        items = []
        for index, item in enumerate(node.value):
            item_loc = (*loc, index)
            self.lines[item_loc] = item.start_mark.line + self.offset
            items.append(self.build(item, item_loc, depth + 1))
        return items

    def mapping(self, node: yaml.MappingNode, loc: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        # Most nodes of a record are text keys and scalar values well within the depth
        # limit: those skip build() and its checks.
        shallow = depth < MAX_DEPTH
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + self.offset
            if shallow and key_node.tag == _STR and isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
            else:
                key = self.key(key_node, loc, depth, key_line)
            if key in result:
                raise SourceError(f"Duplicate key '{key}'", key_line)
            key_loc = (*loc, key)
            self.lines[key_loc] = key_line
            if not isinstance(value_node, yaml.ScalarNode):
                result[key] = self.build(value_node, key_loc, depth + 1)
                continue
            if value_node.style in ("|", ">"):
                # a block scalar's text starts on the line after its `|`: "line 0" of the text
                self.lines[(*key_loc, 0)] = value_node.start_mark.line + 1 + self.offset
            if key in self.raw_keys or (shallow and value_node.tag == _STR):
                result[key] = value_node.value
            elif shallow:
                result[key] = self.scalar(value_node)
            else:
                result[key] = self.build(value_node, key_loc, depth + 1)
        return result

    def key(self, node: yaml.Node, loc: Path_, depth: int, line: int) -> str | int:
        if node.tag == "tag:yaml.org,2002:merge":
            raise SourceError("Merge keys (<<) are not allowed", line)
        key = self.build(node, loc, depth + 1)
        if not isinstance(key, str | int) or isinstance(key, bool):
            raise SourceError("Keys must be plain text", line)
        return key

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        convert = _SCALARS.get(node.tag)
        if convert is not None:
            return convert(node.value)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError):  # e.g. `!!int x`, `!!binary` garbage
            message = f"Unreadable value for the tag {node.tag.rsplit(':', 1)[-1]}"
            raise SourceError(message, self.line(node)) from None


_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


def parse_front_matter(text: str, *, raw_keys: frozenset[str] = frozenset()) -> Document:
    """Split `---` front matter from the Markdown body; later `---` lines stay in the body."""
    if not _FENCE.match(text):
        raise SourceError("Front matter missing: the file must start with a '---' line")
    first = text.index("\n") + 1 if "\n" in text else len(text)
    closing = _FENCE.search(text, first)
    if closing is None:
        raise SourceError("Front matter not closed: no second '---' line")
    header = text[first : closing.start()]
    after = text.find("\n", closing.end())
    body = "" if after == -1 else text[after + 1 :]
    body_line = text.count("\n", 0, after + 1) + 1 if after != -1 else 1
    parsed = parse_yaml(header, line_offset=1, raw_keys=raw_keys)
    return Document(data=parsed.data, lines=parsed.lines, body=body, body_line=body_line)
