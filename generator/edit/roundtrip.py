"""Read a record file for editing and write it back, changing only what was edited.

ruamel.yaml keeps comments, key order, quoting and blank lines of what it loaded, so
a record dumped without a change is the same bytes (the tests hold every demo file
to that). A reference is Markdown with YAML front matter: only the front matter is
loaded; the fences and the story are kept as the bytes they were.

The write is atomic (a temporary file in the same folder, then `os.replace`), and
refuses when the file changed on disk since it was read: someone else's edit, an
editor's save, a `git pull` must never be overwritten by a stale copy.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


class EditError(Exception):
    """A problem with what was asked: exit 2, nothing written."""


class Refused(Exception):
    """The edit was understood but must not be made now: exit 1, nothing written."""


@dataclass
class Editable:
    """One record file as read: its bytes, and its YAML as a structure to edit in place."""

    path: Path
    raw: bytes
    head: str  # the text before the YAML: the opening fence of a reference, else ""
    tail: str  # the text after the YAML: the closing fence and the story, else ""
    data: Any  # ruamel's CommentedMap: edit inside it, never replace it with a dict

    def text(self) -> str:
        """The whole file as it would be written now."""
        return self.head + dump(self.data) + self.tail


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line that was written on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def read(path: Path) -> Editable:
    """The record at `path`, ready to edit; EditError when it cannot be edited safely."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{path} is not UTF-8 text; fix it before editing") from None
    head, yaml_text, tail = _split(path, text)
    try:
        data = _yaml().load(yaml_text)
    except YAMLError as error:
        raise EditError(
            f"{path} does not parse ({error.__class__.__name__}); fix it first"
        ) from None
    if not isinstance(data, CommentedMap):
        raise EditError(f"{path} does not hold a mapping of keys; fix it first")
    return Editable(path, raw, head, tail, data)


def _split(path: Path, text: str) -> tuple[str, str, str]:
    if path.suffix != ".md":
        return "", text, ""
    closing = _FENCE.search(text, text.find("\n") + 1) if _FENCE.match(text) else None
    if closing is None:
        raise EditError(f"{path} has no front matter between two '---' lines")
    first = text.index("\n") + 1
    return text[:first], text[first : closing.start()], text[closing.start() :]


def before_replace(path: Path) -> None:
    """Called between writing the temporary file and the change check; tests hook in here."""


def write(record: Editable, text: str) -> None:
    """Replace the file with `text` atomically, unless it changed on disk since it was read."""
    path = record.path
    mode = path.stat().st_mode & 0o7777
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(mode)
        before_replace(path)
        if path.read_bytes() != record.raw:
            raise Refused(f"{path} changed on disk since it was read; nothing written")
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
