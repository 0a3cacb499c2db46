"""What a catalog consists of, as plain data: pages, published files, the theme underneath.

A site is plain data (page path, template, variables) so that the Pelican plugin only
has to write it. This module imports neither catalog: both catalogs' site modules and
the build's machinery import it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from refcat.checks.run import Report


def _builtin_theme() -> Path:
    """refcat's own theme: `theme/` of a checkout, or the installed `refcat.theme` package."""
    checkout = Path(__file__).resolve().parents[2] / "theme"
    if (checkout / "templates").is_dir():
        return checkout
    spec = importlib.util.find_spec("refcat.theme")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("refcat's theme is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


BUILTIN_THEME = _builtin_theme()


def theme_environment() -> jinja2.Environment:
    """refcat's own templates outside Pelican (the unavailable page, tests), with the
    settings the catalogs render them with: escaped, and no silently missing value."""
    from refcat.generator.brand_site import neutral_brand

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(BUILTIN_THEME / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["brand"] = neutral_brand()  # a page's own `brand` replaces it
    return environment


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    variables: dict[str, Any]


@dataclass
class Site:
    audience: str
    report: Report
    pages: list[Page] = field(default_factory=list)
    # output path -> bytes: a logo's published form, never the file it was made from
    files: dict[str, bytes] = field(default_factory=dict)
    site_url: str = ""
    public_texts: tuple[str, ...] = ()  # what the public views show, for the leak guard
    # output path -> the texts drawn into that image, which the guard cannot read in it
    drawn_texts: dict[str, str] = field(default_factory=dict)

    def copy_files(self, output: Path) -> None:
        for target, published in sorted(self.files.items()):
            destination = output / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(published)


SearchStarter = Callable[[list[Page]], None]  # given the search records, starts indexing


def no_search(records: list[Page]) -> None:
    """For views built without a catalog to index (tests, tools)."""
