"""Where fresh lifecycle data comes from: a checkout of endoflife.date, or its API v1.

A checkout's `products/<product>.md` is the very file endoflife.date publishes and is
copied as its bytes. The API (`<base>/products/<product>/`, JSON with
`result.releases[]`: `name`, `releaseDate`, `eolFrom`/`isEol`, `eoasFrom`/`isEoas`,
`eoesFrom`/`isEoes`, `latest.name`/`latest.date`) gives the releases only; they are
written into the existing file's `releases:`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

API = "https://endoflife.date/api/v1"
TIMEOUT_SECONDS = 30

Value = date | bool | str


class SourceError(Exception):
    """The source could not give a product: one line, exit 2, nothing written."""


@dataclass(frozen=True)
class Release:
    """One release as endoflife.date's files write it: `eol` is a date or a boolean."""

    cycle: str
    eol: date | bool
    fields: dict[str, Value] = field(default_factory=dict)  # releaseDate, eoas, eoes, latest...


def checkout_file(checkout: Path, product: str) -> Path:
    """`products/<product>.md` of a checkout, or `<product>.md` of a folder of product files."""
    if not checkout.is_dir():
        raise SourceError(f"--from {checkout}: folder not found")
    for candidate in (checkout / "products" / f"{product}.md", checkout / f"{product}.md"):
        if candidate.is_file():
            return candidate
    raise SourceError(f"{checkout}: endoflife.date has no product '{product}' there")


def from_api(base: str, product: str) -> list[Release]:
    """The product's releases from endoflife.date's API v1, newest first as served."""
    url = f"{base.rstrip('/')}/products/{product}/"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            document = json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise SourceError(f"{url}: endoflife.date has no product '{product}'") from None
        raise SourceError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise SourceError(f"{url}: cannot reach the server ({error.reason})") from None
    except (OSError, ValueError) as error:  # a timeout, a cut connection, not JSON
        raise SourceError(f"{url}: no usable answer ({error})") from None
    return _releases(url, document)


def _releases(url: str, document: Any) -> list[Release]:
    result = document.get("result") if isinstance(document, dict) else None
    releases = result.get("releases") if isinstance(result, dict) else None
    if not isinstance(releases, list) or not all(isinstance(r, dict) for r in releases):
        raise SourceError(f"{url}: not endoflife.date's API v1 shape (result.releases[])")
    try:
        return [_release(entry) for entry in releases]
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(f"{url}: a release is not in the API's shape ({error})") from None


def _release(entry: dict[str, Any]) -> Release:
    name = entry["name"]
    if not isinstance(name, str) or not name:
        raise ValueError(f"name {name!r}")
    eol = _end(entry.get("eolFrom"), entry.get("isEol"))
    if eol is None:
        raise ValueError(f"release {name}: neither eolFrom nor isEol")
    fields: dict[str, Value] = {}
    for key, end in (("eoas", "Eoas"), ("eoes", "Eoes")):
        value = _end(entry.get(f"{key}From"), entry.get(f"is{end}"))
        if value is not None:
            fields[key] = value
    if entry.get("releaseDate"):
        fields["releaseDate"] = date.fromisoformat(entry["releaseDate"])
    latest = entry.get("latest")
    if isinstance(latest, dict) and latest.get("name"):
        fields["latest"] = str(latest["name"])
        if latest.get("date"):
            fields["latestReleaseDate"] = date.fromisoformat(latest["date"])
    return Release(name, eol, fields)


def _end(since: object, flag: object) -> date | bool | None:
    """A date when the API has one, else its boolean: endoflife.date's `eol: true|false`."""
    if isinstance(since, str) and since:
        return date.fromisoformat(since)
    return flag if isinstance(flag, bool) else None
