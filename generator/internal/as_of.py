"""The review date, in one small script instead of in every page.

A page that printed the as-of date would change every night although nothing on it
did, and every rebuild would upload the whole catalog again. Pages whose content does
not depend on the date mark where the date belongs (`data-as-of="... {date} ..."`)
and this build's `as-of.js` fills it in; without JavaScript the page keeps its own
text, and the dashboard prints the date itself.
"""

from __future__ import annotations

import json
import re
from datetime import date

AS_OF_SCRIPT = "as-of.js"  # at the root of the internal catalog


def as_of_script(as_of: date) -> bytes:
    """The script that writes `as_of` into every element marked `data-as-of`."""
    day = json.dumps(as_of.isoformat())
    return (
        "// The review date of this build; pages that do not change with it show it from here.\n"
        'document.querySelectorAll("[data-as-of]").forEach((element) => {\n'
        f'  element.textContent = element.dataset.asOf.replace("{{date}}", {day});\n'
        "});\n"
    ).encode()


_DAY_COUNT = re.compile(r", in \d+ days?$")  # after the date it counts down to


def without_day_count(message: str) -> str:
    """A finding's message as a record's page shows it: "expires on 2026-12-01" without
    ", in 6 days", which would change the page every night while the date says it all."""
    return _DAY_COUNT.sub("", message)
