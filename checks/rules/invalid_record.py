"""A field of the wrong type or form, a date that does not exist, a missing or unknown key.

What it finds: a record that parses but does not match its format (see
`refcat schema customer|reference`): a required key missing, a key that is not
part of the format (often a typo), a value of the wrong type, an id that is not a
slug, a date such as `2026-02-30`; a story, caveats or notes beyond 100 KB, with
more than 20 KB without a blank line, or nesting lists and quotes more than 20
levels deep (reported at the text's first line).

Why it matters: a typo must never silently drop data: a misspelled `expires` would
make a consent look unlimited. The record is left out until it is fixed.

Example:
    consents:
      - scope: logo
        granted: 2026-02-30

Fix: correct the value or the key's spelling on the reported line.
"""

from refcat.checks.rules._structural import problems_of

NAME = "invalid-record"
KIND = "structural"
LABEL = "Invalid record"
ABOUT = "file"
check = problems_of(NAME)
