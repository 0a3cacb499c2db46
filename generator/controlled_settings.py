"""The Pelican settings refcat controls for safety, and a project's values that clash.

A project's pelicanconf.py may set any Pelican setting; refcat combines most of them
with its own (theme overrides, static paths, Jinja options, extra excludes). A few it
must control, because another value would publish what must stay private (raw records,
Pelican's blog pages, feeds) or weaken the output's escaping. A project that sets one
of them to another value is stopped with a message naming the file and line, rather
than silently overruled: the author meant something refcat will not do.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined

RECORD_FOLDERS = ["customers", "references", "lifecycle", "logos"]

_BLOG_PAGES = "would write Pelican's blog pages beside the catalog"
_FEED = "would publish a feed of Pelican's articles"
_CACHE = "would use Pelican's content cache, a pickle that runs code when loaded"
_EXCLUDE = "would let Pelican read the record folders (customers, references, ...) as content"
_PAGES = ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS", "ARCHIVES")
_PAGES_SAVE_AS = [f"{page}_SAVE_AS" for page in _PAGES]
_FEEDS = ["FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "TRANSLATION_FEED_ATOM"]
_FEEDS += ["AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"]

# setting -> what another value would do; refcat's own value is the plugin's
WHY: dict[str, str] = {
    "ARTICLE_PATHS": "would publish files of the content folder as blog articles",
    "PAGE_PATHS": "would publish files of the content folder as pages",
    "STATIC_PATHS": "would copy files of the content folder into the site as they are "
    "(raw records, logos without consent)",
    "ARTICLE_EXCLUDES": _EXCLUDE,
    "PAGE_EXCLUDES": _EXCLUDE,
    "STATIC_EXCLUDES": _EXCLUDE,
    "DIRECT_TEMPLATES": _BLOG_PAGES,
    **dict.fromkeys(_PAGES_SAVE_AS, _BLOG_PAGES),
    **dict.fromkeys(_FEEDS, _FEED),
    "LOAD_CONTENT_CACHE": _CACHE,
    "CACHE_CONTENT": _CACHE,
}
EXCLUDES = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")

# Jinja options of JINJA_ENVIRONMENT: key -> (refcat's value, what another value would do)
JINJA_SAFETY: dict[str, tuple[Any, str]] = {
    "autoescape": (True, "would insert customer text into pages as raw HTML"),
    "undefined": (StrictUndefined, "would render a missing value as empty text"),
}


class SettingsConflict(SystemExit):
    """Stops the `pelican` command with exit 2 and no traceback: the problems, already
    logged one a line, are the whole message."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(2)
        self.problems = problems


def conflicts(user: Mapping[str, Any], origin: Path | None) -> list[str]:
    """One message per setting of `user` (what the project's file sets) refcat refuses."""
    where = _Where(origin)
    found = [where.say(name, user[name], why) for name, why in WHY.items() if _clash(name, user)]
    jinja = user.get("JINJA_ENVIRONMENT") or {}
    for key, (value, why) in JINJA_SAFETY.items():
        if key in jinja and jinja[key] is not value and jinja[key] != value:
            found.append(where.say("JINJA_ENVIRONMENT", {key: jinja[key]}, why))
    return found


def combined_excludes(name: str, user: Mapping[str, Any]) -> list[str]:
    """The project's own excludes, then the record folders it does not list."""
    own = list(user.get(name) or [])
    return own + [folder for folder in RECORD_FOLDERS if folder not in own]


def _clash(name: str, user: Mapping[str, Any]) -> bool:
    if name not in user:
        return False
    if name in EXCLUDES:  # more excludes are fine; fewer would publish records
        value = user[name]
        return not isinstance(value, list | tuple) or not set(RECORD_FOLDERS) <= set(value)
    return bool(user[name])  # refcat's value is empty, off or None


class _Where:
    """`pelicanconf.py:12` for a setting assigned in the file, else the file's name."""

    def __init__(self, origin: Path | None) -> None:
        self.origin = origin
        self.lines = _assignment_lines(origin) if origin is not None else {}

    def say(self, name: str, value: Any, why: str) -> str:
        line = self.lines.get(name)
        place = "settings" if self.origin is None else str(self.origin)
        place += f":{line}" if line else ""
        return f"{place}: {name} = {value!r} {why}; refcat controls this setting (see README)"


def _assignment_lines(origin: Path) -> dict[str, int]:
    """The last line assigning each top-level name (where the file's value comes from)."""
    try:
        tree = ast.parse(origin.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    lines[name.id] = node.lineno
    return lines
