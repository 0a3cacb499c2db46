"""Ways a template or a script could write a value into a page, for the leak tests."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote


def entities(value: str) -> str:
    """Every character as a hexadecimal HTML character reference: `&#x43;&#x41;...`."""
    return "".join(f"&#x{ord(c):x};" for c in value)


def percent(value: str) -> str:
    return quote(value, safe="")


def json_escaped(value: str) -> str:
    r"""Every character as a JSON `\u0043` escape, inside a JSON string."""
    return '{"text": "' + "".join(f"\\u{ord(c):04x}" for c in value) + '"}'


def split(value: str) -> str:
    """Words on lines of their own, indented, and the longest word cut by an inline tag."""
    words = value.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = f"{word[:2]}<b>{word[2:]}</b>"
    return "<p>" + "\n      ".join(words) + "</p>"


ENCODINGS: dict[str, Callable[[str], str]] = {
    "plain": lambda value: f"<p>{value}</p>",
    "entities": entities,
    "percent": lambda value: f'<a href="/contact?who={percent(value)}">x</a>',
    "json": json_escaped,
    "split": split,
    "upper": lambda value: f"<p>{value.upper()}</p>",
}
