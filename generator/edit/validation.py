"""Does a record's text still load? The check every write of the editing core makes first.

An edit command and `refcat fmt` write a record only when its new text parses with
refcat's own reader and validates against its model; otherwise EditError names the
file and line, as `refcat check` would, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from refcat.checks.source import Document, SourceError, decode, parse_front_matter, parse_yaml
from refcat.generator.edit.roundtrip import EditError


def parse(path: Path, text: str) -> Document:
    """The text as refcat reads a record of this kind (SourceError where it cannot)."""
    return parse_front_matter(text) if path.suffix == ".md" else parse_yaml(text)


def decoded(path: Path) -> str:
    """The file's text; EditError with its line when it is not UTF-8."""
    try:
        return decode(path.read_bytes())
    except SourceError as error:
        raise EditError(f"{path}:{error.line}: {error.message}; nothing written") from None


def validated(path: Path, text: str, model: type[BaseModel]) -> Document:
    """The document of `text`; EditError with file and line unless it is a valid record."""
    try:
        document = parse(path, text)
        model.model_validate(document.data)
    except SourceError as error:
        raise EditError(f"{path}:{error.line}: {error.message}; nothing written") from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        loc = tuple(part for part in first["loc"] if isinstance(part, str | int))
        line = document.line_of(loc) if loc else 1
        where = ".".join(str(part) for part in loc)
        raise EditError(f"{path}:{line}: {where}: {first['msg']}; nothing written") from None
    return document
