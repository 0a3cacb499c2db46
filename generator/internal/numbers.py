"""Counts and money as people read them: "10,000" and "€11,000,000".

A rep reads a deal's value at a glance and says it on a call: digits grouped in
thousands, the program's currency (`REFCAT["currency"]`, an ISO 4217 code) in front.
One form everywhere (dashboard, customer pages), so two values compare by eye.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment

DEFAULT_CURRENCY = "EUR"
# Codes whose sign every reader knows; any other code is written out ("CHF 1,200").
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹"}
MINUS = "\N{MINUS SIGN}"  # a hyphen reads as a dash in a table


def number(value: float) -> str:
    """A count or amount with thousands grouped, rounded to a whole number."""
    grouped = f"{abs(value):,.0f}"
    return f"{MINUS}{grouped}" if round(value) < 0 else grouped


def money(value: float, currency: str = DEFAULT_CURRENCY) -> str:
    """An amount in the program's currency: '€11,000,000', 'CHF 1,200' (a minus sign
    in front of a negative amount)."""
    sign = MINUS if round(value) < 0 else ""
    symbol = SYMBOLS.get(currency)
    prefix = symbol if symbol else f"{currency}\N{NO-BREAK SPACE}"
    return f"{sign}{prefix}{number(abs(value))}"


def add_number_filters(env: Environment, currency: str = DEFAULT_CURRENCY) -> None:
    """`{{ n | number }}` and `{{ v | money }}` in the templates, in the policy's currency."""
    env.filters["number"] = number
    env.filters["money"] = lambda value: money(value, currency)
