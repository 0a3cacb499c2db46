"""An id unequal to the file's name.

What it finds: a record whose `id` is not its file name without the extension.

Why it matters: people find records by file name, and links between records use the
id; when the two differ, a rename or a copy-and-paste has gone half-way.

Example:
    # content/customers/acme-bank.yaml
    id: acme

Fix: set the id to the file name, or rename the file to the id.
"""

from refcat.checks.rules._structural import problems_of

NAME = "id-mismatch"
KIND = "structural"
LABEL = "Id mismatch"
ABOUT = "file"
check = problems_of(NAME)
