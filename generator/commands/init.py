"""`refcat init [DIR]`: a new catalog project, as `pelican-quickstart` starts a site.

It writes one example of each record (a customer, a reference published on the public
catalog, the taxonomy, a lifecycle file, a logo), the settings (`pelicanconf.py` with
the review policy, `publishconf.py`), CI (a GitHub workflow, pre-commit hooks) and the
records' JSON Schemas with the editor settings that use them. The result passes
`refcat check` and builds as it is; the examples are dated from today so that their
consents and rating are current.

The files are in `generator/scaffold/`: a name starting `dot-` is written with a `.`
(a dotfile in the package would be left out or picked up by tools), and a `.in` file
is a template whose `$name` placeholders are filled in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from string import Template
from typing import TextIO

from refcat.checks.policy import ConfigError
from refcat.generator.commands.schema import MODELS, schema_of

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
CONSENT_YEARS = 3  # how long the example's consents last


@dataclass(frozen=True)
class Project:
    """What the user chose: the folder and the names in the settings."""

    folder: Path
    sitename: str = "Customer references"
    author: str = "Example Ltd"


def run(project: Project, today: date, out: TextIO) -> int:
    _refuse_occupied(project.folder)
    values = _values(project, today)
    written = [_write(source, project.folder, values) for source in _sources()]
    written += _write_schemas(project.folder)
    for path in written:
        out.write(f"Created {path}\n")
    out.write(
        f"\nA new catalog project in {project.folder}. Next:\n"
        f"  cd {project.folder}\n  refcat check\n  refcat build\n  refcat serve\n"
    )
    return 0


def _refuse_occupied(folder: Path) -> None:
    """Only an empty folder, or one of dotfiles such as `.git`, becomes a project."""
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} is a file, not a folder")
    if not folder.exists():
        return
    present = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    if present:
        shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
        raise ConfigError(f"{folder} is not empty ({shown}): give a new or empty folder")
    clashes = [target for _, target in _targets() if (folder / target).exists()]
    if clashes:
        raise ConfigError(f"{folder / clashes[0]} exists already; nothing was written")


def _sources() -> list[Path]:
    return sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _targets() -> list[tuple[Path, Path]]:
    """(scaffold file, path in the project) for every file the scaffold writes."""
    return [(source, _target(source)) for source in _sources()]


def _target(source: Path) -> Path:
    parts = [
        f".{part.removeprefix('dot-')}" if part.startswith("dot-") else part
        for part in source.relative_to(SCAFFOLD).parts
    ]
    return Path(*parts[:-1], parts[-1].removesuffix(".in"))


def _values(project: Project, today: date) -> dict[str, str]:
    expires = _years_later(today, CONSENT_YEARS)
    return {
        "sitename": project.sitename,
        "sitename_py": json.dumps(project.sitename, ensure_ascii=False),
        "author": project.author,
        "author_py": json.dumps(project.author, ensure_ascii=False),
        "owner": "Alex Example",
        "today": today.isoformat(),
        "expires": expires.isoformat(),
    }


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28) + timedelta(days=1)


def _write(source: Path, folder: Path, values: dict[str, str]) -> Path:
    path = folder / _target(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".in":
        text = Template(source.read_text(encoding="utf-8")).substitute(values)
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    else:
        with path.open("xb") as file:
            file.write(source.read_bytes())
    return path


def _write_schemas(folder: Path) -> list[Path]:
    """`refcat schema KIND` for each record, where `.vscode/settings.json` points."""
    written = []
    for kind in MODELS:
        path = folder / "schemas" / f"{kind}.schema.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(schema_of(kind), indent=2, ensure_ascii=False) + "\n"
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
        written.append(path)
    return written
