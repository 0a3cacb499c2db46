"""A CRM's account export as customer skeletons: plan every row, then write.

Each row becomes the skeleton `refcat new customer` writes, with the account's name,
sector (the map's translation of its industry), website, country and owner filled in,
validated against the Customer model and the taxonomy. A row is skipped, with its line
and the reason, when its customer exists already (never overwritten), its industry has
no sector, its id repeats an earlier row's, or a value is a spreadsheet formula.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from refcat.checks.models import Customer
from refcat.checks.source import SourceError, parse_yaml
from refcat.generator.commands.new import CUSTOMER, SLUG
from refcat.generator.exchange.crm_maps import CrmMap
from refcat.generator.exchange.csv_cells import FORMULA_STARTS, Row, Table

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_PLAIN = re.compile(r"[A-Za-z0-9][\w .,:&()/'+-]*")  # needs no quotes in YAML


@dataclass(frozen=True)
class Account:
    """A row that becomes a customer record."""

    line: int
    id: str
    text: str  # the skeleton to write
    notes: tuple[str, ...] = ()  # what was left out of it, and why


@dataclass(frozen=True)
class Skipped:
    line: int
    label: str  # the account's name as written, or the row's line
    reason: str


class RowError(Exception):
    """Why one row cannot become a customer."""


def plan(
    table: Table, crm: CrmMap, sectors: set[str], existing: dict[str, str], today: str
) -> tuple[list[Account], list[Skipped]]:
    """Each row as an Account to write or a Skipped with why; nothing is written."""
    accounts: list[Account] = []
    skipped: list[Skipped] = []
    taken: dict[str, int] = {}
    for row in table.rows:
        label = row.cells.get(crm.columns["name"][0], "") or f"line {row.line}"
        try:
            account = _account(row, crm, sectors, today)
            _check_new(account.id, existing, taken)
        except RowError as error:
            skipped.append(Skipped(row.line, label, str(error)))
            continue
        taken[account.id] = row.line
        accounts.append(account)
    return accounts, skipped


def _check_new(customer_id: str, existing: dict[str, str], taken: dict[str, int]) -> None:
    if customer_id in existing:
        raise RowError(f"{existing[customer_id]} exists already and is never overwritten")
    if customer_id in taken:
        raise RowError(f"the id '{customer_id}' is line {taken[customer_id]}'s already")


def _account(row: Row, crm: CrmMap, sectors: set[str], today: str) -> Account:
    if not any(row.cells.values()):
        raise RowError("an empty row")
    width = len(row.cells)
    if row.width != width:
        raise RowError(f"{row.width} cells where the header has {width}")
    values = {field: _value(row, crm, field) for field in crm.columns}
    name = values.get("name") or ""
    if not name:
        raise RowError(f"no name in '{crm.columns['name'][0]}'")
    customer_id = account_id(name)
    sector = _sector(values.get("industry") or "", crm, sectors)
    notes: list[str] = []
    fields = {
        "name": name,
        "sector": sector,
        "website": _website(values.get("website"), notes),
        "country": _country(values.get("country"), crm, notes),
        "owner": values.get("owner"),
    }
    text = skeleton(customer_id, fields, today, _origin(crm, values))
    _validate(text)
    return Account(row.line, customer_id, text, tuple(notes))


def _value(row: Row, crm: CrmMap, field: str) -> str | None:
    """The first non-empty of the field's columns; a formula or a line break is refused."""
    for header in crm.columns[field]:
        value = row.cells.get(header, "")
        if not value:
            continue
        if value.startswith(FORMULA_STARTS):
            raise RowError(f"'{header}' starts with '{value[0]}': a spreadsheet formula")
        if _CONTROL.search(value):
            raise RowError(f"'{header}' holds a line break or a control character")
        return value
    return None


def account_id(name: str) -> str:
    """`Müller & Söhne GmbH` -> `muller-sohne-gmbh`; RowError when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:64].rstrip("-")
    if not SLUG.fullmatch(slug):
        raise RowError(f"no id can be made of the name '{name}' (letters a-z, digits)")
    return slug


def _sector(industry: str, crm: CrmMap, sectors: set[str]) -> str:
    if not industry:
        raise RowError("no industry: the sector cannot be chosen")
    sector = crm.sector(industry)
    if sector is None:
        raise RowError(
            f"the industry '{industry}' is not in the {crm.source}'s industries; "
            "add it to a map file (--map FILE)"
        )
    if sector not in sectors:
        raise RowError(
            f"the {crm.source} gives '{industry}' the sector '{sector}', "
            "which taxonomy.yaml does not define"
        )
    return sector


def _website(written: str | None, notes: list[str]) -> str | None:
    if written is None:
        return None
    url = written if re.match(r"https?://", written) else f"https://{written}"
    if re.fullmatch(r"https?://[^\s/]+\.[^\s/]+\S*", url):
        return url
    notes.append(f"website '{written}' left out: not a web address")
    return None


def _country(written: str | None, crm: CrmMap, notes: list[str]) -> str | None:
    if written is None:
        return None
    code = crm.country(written)
    if code is None:
        notes.append(
            f"country '{written}' left out: write it as an ISO code or add it "
            "to the map's countries"
        )
    return code


def _origin(crm: CrmMap, values: dict[str, str | None]) -> str:
    crm_id = values.get("crm_id")
    return f"{crm.crm} account {crm_id}" if crm_id else f"{crm.crm} account export"


def skeleton(customer_id: str, fields: dict[str, str | None], today: str, origin: str) -> str:
    """`refcat new customer`'s skeleton with the account's values filled in."""
    name, sector = fields["name"] or customer_id, fields["sector"] or ""
    text = CUSTOMER.format(
        id=customer_id, name=scalar(name), sector=sector, sectors="", today=today
    )
    text = text.replace("\n", f"\n# Imported from {origin} on {today}.\n", 1)
    for key in ("website", "country", "owner"):
        value = fields.get(key)
        if value is not None:
            text = _uncomment(text, key, f"{key}: {scalar(value)}")
    return text


def _uncomment(text: str, key: str, line: str) -> str:
    """The skeleton's commented-out `# key: example` line replaced by `line`."""
    lines = text.split("\n")
    index = next(i for i, old in enumerate(lines) if old.startswith(f"# {key}: "))
    return "\n".join([*lines[:index], line, *lines[index + 1 :]])


def scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when safe, else quoted."""
    if _PLAIN.fullmatch(value) and not re.search(r" #|: | $", value):
        document = f"v: {value}\n"
        if parse_yaml(document).data == yaml.safe_load(document) == {"v": value}:
            return value  # the same for refcat and for YAML 1.1 tools (`NO` is Norway)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _validate(text: str) -> None:
    try:
        Customer.model_validate(parse_yaml(text).data)
    except (ValidationError, SourceError) as error:
        raise RowError(f"the record would not load: {error}") from None
