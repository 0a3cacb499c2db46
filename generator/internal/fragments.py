"""Reference cards rendered once per page-writing process and reused on every page.

The internal catalog shows each reference's card on the index pages, on topic pages,
on its customer's page and on the pages of the customer's other references: some
seven times per reference. Rendered anew each time, cards were a fifth of the time the
internal pages took to render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import Environment

    from refcat.generator.internal.views import ReferenceCard

CARD_TEMPLATE = "internal/_card.html"


class CardFragments:
    """`rendered_card(card, SITEURL)` in the templates: the card's HTML, rendered once
    per card and per SITEURL (links are relative to the page's folder)."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.done: dict[tuple[str, str], Markup] = {}

    def __call__(self, card: ReferenceCard, siteurl: str) -> Markup:
        key = (card.id, siteurl)
        html = self.done.get(key)
        if html is None:
            template = self.env.get_template(CARD_TEMPLATE)
            html = self.done[key] = Markup(template.render(card=card, SITEURL=siteurl))
        return html


def add_card_fragments(env: Environment) -> None:
    env.globals["rendered_card"] = CardFragments(env)
