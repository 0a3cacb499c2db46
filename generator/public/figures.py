"""Headline figures: a benefit that starts with a number is shown as that number.

"31 % faster month-end" reads as a result when "31 %" stands large and "faster
month-end" is its label; in a list it reads as a checklist. One function decides what
a figure is, for the reference page, the cards and the share images alike.

A figure is a number at the very start, with an optional sign (`+`, `-`, the minus
sign, `~`), a currency sign before or after it and a unit right after it (`%`, `x`,
`k`, `M`, `bn`, `million`, ...). "Faster month-end" and "ISO 27001 certified" are not
figures: the number does not lead, so there is no headline to make of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

HEADLINE_LIMIT = 3  # more big numbers in a row stop standing out

_FIGURE = re.compile(
    r"""
    (?P<number>
        [~+\-\u2212]?                       # a sign (\u2212: the minus sign)
        (?:[$€£¥]\s?)?                      # a currency before the number
        \d(?:[\d.,\u202f\u00a0]*\d)?        # the number, with grouping and decimals
        (?:\s?(?:%|x|\u00d7|bn|million|billion|[kKMB])(?![^\W\d_]))?  # its unit, a whole word
        (?:\s?[$€£¥](?![^\W\d_]))?          # a currency after the number
    )
    (?:\s+|$)                               # a space before the label, or nothing more
    (?P<label>.*)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Figure:
    """A benefit split for a headline: "31 %" large, "faster month-end" beneath."""

    number: str
    label: str
    text: str  # the benefit as written (stripped): what lists, feeds and searches show


def split_figure(benefit: str) -> Figure | None:
    """The benefit as a headline figure, or None when it does not start with a number."""
    text = benefit.strip()
    found = _FIGURE.fullmatch(text)
    if found is None:
        return None
    return Figure(found["number"], found["label"].strip(), text)


def headline_figures(benefits: Iterable[str]) -> tuple[Figure, ...]:
    """The first few benefits that are figures, in the order written."""
    figures = (split_figure(b) for b in benefits)
    return tuple(f for f in figures if f is not None)[:HEADLINE_LIMIT]


def first_figure(benefits: Iterable[str]) -> str | None:
    """The first benefit that is a figure, as written: the share image's headline."""
    return next((f.text for f in map(split_figure, benefits) if f is not None), None)
