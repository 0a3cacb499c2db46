"""The review policy: the `REFCAT` dict of `pelicanconf.py`, every key optional."""

from __future__ import annotations

import re
import runpy
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class ConfigError(Exception):
    """The settings cannot be used; the CLI exits 2."""


MAX_DAYS = 36_500  # a hundred years: any window longer is a typo, and dates end at 9999
MAX_REQUESTS = 1_000


class RequestLimit(BaseModel):
    # strict: `True` is not 1 and `"90"` is not 90 in a setting that decides publication
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    count: int = Field(3, ge=0, le=MAX_REQUESTS)
    days: int = Field(90, ge=1, le=MAX_DAYS)


MAX_WEIGHT = 100
COUNTRY_GROUPS = {
    "Nordics": ("DK", "FI", "IS", "NO", "SE"),
    "DACH": ("AT", "CH", "DE"),
    "Benelux": ("BE", "LU", "NL"),
    "UK & Ireland": ("GB", "IE"),
    "Iberia": ("ES", "PT"),
}


class FinderWeights(BaseModel):
    """Points find-a-referee gives a reference per criterion it matches: industry
    above product by default, as a prospect trusts a peer more than a product match."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    industry: int = Field(4, ge=0, le=MAX_WEIGHT)
    product: int = Field(3, ge=0, le=MAX_WEIGHT)
    country: int = Field(3, ge=0, le=MAX_WEIGHT)
    region: int = Field(2, ge=0, le=MAX_WEIGHT)
    language: int = Field(2, ge=0, le=MAX_WEIGHT)
    strength: int = Field(1, ge=0, le=MAX_WEIGHT)


class FinderPolicy(BaseModel):
    """Find-a-referee's weights and the named groups of countries it offers as filters
    (given groups replace the default ones)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    weights: FinderWeights = FinderWeights()
    country_groups: dict[str, tuple[str, ...]] = Field(
        default_factory=lambda: dict(COUNTRY_GROUPS), max_length=100
    )

    @field_validator("country_groups", mode="before")
    @classmethod
    def _lists_are_fine(cls, value: Any) -> Any:
        """A settings file writes lists; strict mode would only take tuples."""
        if isinstance(value, dict):
            return {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        return value

    @field_validator("country_groups")
    @classmethod
    def _groups_name_countries(cls, groups: dict[str, tuple[str, ...]]) -> dict:
        """A group's name and a country code share one filter: they must not collide."""
        for name, codes in groups.items():
            if not name.strip() or len(name) > 40 or re.fullmatch("[A-Z]{2}", name):
                raise ValueError(f"group name {name!r}: 1 to 40 characters, not a country code")
            if not codes or not all(re.fullmatch("[A-Z]{2}", code) for code in codes):
                raise ValueError(f"group {name!r}: a list of ISO 3166 codes such as 'SE'")
        return groups


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    rating_review_days: int = Field(365, ge=1, le=MAX_DAYS)
    consent_warn_days: int = Field(60, ge=0, le=MAX_DAYS)
    eol_warn_days: int = Field(180, ge=0, le=MAX_DAYS)
    max_reference_age_days: int = Field(1825, ge=1, le=MAX_DAYS)
    request_limit: RequestLimit = RequestLimit()
    severity: dict[str, Literal["error", "warning"]] = {}
    lifecycle_field: Literal["eol", "eoes"] = "eol"
    # the repository's edit page for a file, e.g. "https://git.example.com/refs/-/edit/main/{path}"
    edit_url: str | None = Field(None, max_length=2000)
    # where refcat's documentation (docs/*.md) is published: SARIF links each rule to it
    docs_url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$")
    finder: FinderPolicy = FinderPolicy()
    # ISO 4217 code of the deal values in customers' requests, as the internal catalog shows them
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$")

    @field_validator("edit_url")
    @classmethod
    def _edit_url_names_path(cls, value: str | None) -> str | None:
        """The internal catalog fills in `{path}`: without it every link would be the same."""
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        if value is not None and "{path}" not in value:
            raise ValueError("must contain {path}, where the record's file path goes")
        return value


def load_settings(path: Path) -> dict[str, object]:
    """Run a Pelican settings file and return its upper-case names."""
    if not path.is_file():
        raise ConfigError(f"{path}: settings file not found")
    try:
        names = runpy.run_path(str(path), run_name="pelicanconf")
    except (Exception, SystemExit) as error:  # user code: any failure is a config problem
        raise ConfigError(
            f"{path}: cannot read settings: {type(error).__name__}: {error}"
        ) from None
    return {key: value for key, value in names.items() if key.isupper()}


def policy_from(settings: dict[str, object], where: str, rule_kinds: Mapping[str, str]) -> Policy:
    """The policy of the settings; `rule_kinds` (each rule's kind, from the registry,
    which itself needs this module) says which rules the severity may name."""
    raw = settings.get("REFCAT", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: REFCAT must be a dict")
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(validation_problem(item) for item in error.errors())
        raise ConfigError(f"{where}: REFCAT: {problems}") from None
    for rule in policy.severity:
        if rule not in rule_kinds:
            raise ConfigError(f"{where}: REFCAT severity: unknown rule '{rule}'")
        if rule_kinds[rule] == "structural":
            raise ConfigError(f"{where}: REFCAT severity: structural rule '{rule}' cannot change")
    return policy


def validation_problem(item: Any) -> str:
    """One validation error on one line, with the value given (shortened)."""
    given = repr(item["input"])
    given = given if len(given) <= 40 else given[:37] + "..."
    return f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']} (got {given})"
