"""Countries and languages as a sales rep reads them: "Norway", "Swedish", not "NO", "sv".

Records hold ISO codes (a customer's `country`, a contact's `languages`); the finder
offers them by name, with the named groups of countries the policy defines (Nordics,
DACH ...) ahead of the single countries. A code pycountry does not know is shown as
written, so a free-text language such as "Swiss German" still works.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import NamedTuple

import pycountry

from refcat.generator.terms import Term


@cache
def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return getattr(found, "common_name", None) or (found.name if found else code)


@cache
def language_name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code.lower()) if len(code) == 2 else None
    return found.name if found else code


class CountryOptions(NamedTuple):
    groups: tuple[Term, ...]  # slug: the group's name; label with its members' codes
    countries: tuple[Term, ...]  # slug: the ISO code; label: the country's name


def country_options(codes: Iterable[str], groups: Mapping[str, tuple[str, ...]]) -> CountryOptions:
    """The groups with a country in the catalog, and each country, by name."""
    present = {code.upper() for code in codes if code}
    named = tuple(
        Term(name, f"{name} ({' '.join(members)})")
        for name, members in groups.items()
        if present & set(members)
    )
    countries = sorted((Term(c, country_name(c)) for c in present), key=lambda t: t.label)
    return CountryOptions(named, tuple(countries))


def language_options(languages: Iterable[str]) -> tuple[Term, ...]:
    """Each language a referee speaks, by name."""
    codes = {code.lower() for code in languages if code}
    return tuple(sorted((Term(c, language_name(c)) for c in codes), key=lambda t: t.label))


def countries_of(choice: str, groups: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """The countries a filter value stands for: a group's members, or the one country."""
    return frozenset(groups.get(choice, (choice.upper(),)))
