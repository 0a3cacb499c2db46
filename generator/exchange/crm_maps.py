"""What a CRM's account export calls things: its columns and its industries.

A map is a YAML file (see `maps/hubspot.yaml`): `crm` names the CRM, `columns` gives
for each customer field the export's column header (or a list, the first non-empty
wins), `industries` translates the CRM's industry values into taxonomy sectors, and an
optional `countries` adds country names to `maps/countries.yaml`. `name` and
`industry` columns are required; industries match whatever their case, `_` or spaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from refcat.checks.models import Slug
from refcat.checks.policy import ConfigError

BUILTIN = ("hubspot", "salesforce")
FIELDS = ("crm_id", "name", "website", "country", "industry", "owner")
REQUIRED = ("name", "industry")
MAX_BYTES = 1024 * 1024
Field = Literal["crm_id", "name", "website", "country", "industry", "owner"]
Header = Annotated[str, StringConstraints(min_length=1)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class MapFile(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    crm: Header
    columns: dict[Field, Header | list[Header]]
    industries: dict[str, Slug]
    countries: dict[str, Code] = {}


@dataclass(frozen=True)
class CrmMap:
    crm: str
    source: str  # where the map was read from, for messages
    columns: dict[str, tuple[str, ...]]  # field -> the headers to try, in order
    industries: dict[str, str]  # normalised CRM industry -> sector
    countries: dict[str, str]  # lower-case country name -> ISO code

    def sector(self, industry: str) -> str | None:
        return self.industries.get(normalise(industry))

    def country(self, written: str) -> str | None:
        if len(written) == 2 and written.isalpha():
            return written.upper()
        return self.countries.get(written.strip().lower())


def normalise(industry: str) -> str:
    """`COMPUTER_SOFTWARE`, `Computer  software` -> `computer software`."""
    return " ".join(industry.replace("_", " ").lower().split())


def load_map(name: str) -> CrmMap:
    """A built-in map by name, else the map file at that path; ConfigError if unusable."""
    if name in BUILTIN:
        source = f"{name} map"
        text = resources.files(__package__).joinpath(f"maps/{name}.yaml").read_text("utf-8")
    else:
        path = Path(name)
        if not path.is_file():
            known = ", ".join(BUILTIN)
            raise ConfigError(f"--map {name}: neither a built-in map ({known}) nor a file")
        if path.stat().st_size > MAX_BYTES:
            raise ConfigError(f"{path}: a map file is at most {MAX_BYTES // 1024} KiB")
        source, text = str(path), path.read_text(encoding="utf-8")
    return _crm_map(_parse(text, source), source)


def _parse(text: str, source: str) -> MapFile:
    try:
        written = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{source}{line}: not a YAML map file: {error}") from None
    try:
        return MapFile.model_validate(written)
    except ValidationError as error:
        item = error.errors()[0]
        where = ".".join(str(part) for part in item["loc"]) or "the file"
        raise ConfigError(f"{source}: {where}: {item['msg']}") from None


def _crm_map(written: MapFile, source: str) -> CrmMap:
    missing = [field for field in REQUIRED if field not in written.columns]
    if missing:
        raise ConfigError(f"{source}: columns: name the CRM's column for {', '.join(missing)}")
    columns = {
        field: (header,) if isinstance(header, str) else tuple(header)
        for field, header in written.columns.items()
    }
    countries = {name.lower(): code for name, code in _builtin_countries().items()}
    countries |= {name.lower(): code for name, code in written.countries.items()}
    industries = {normalise(name): sector for name, sector in written.industries.items()}
    return CrmMap(written.crm, source, columns, industries, countries)


def _builtin_countries() -> dict[str, str]:
    text = resources.files(__package__).joinpath("maps/countries.yaml").read_text("utf-8")
    return yaml.safe_load(text)
