"""A file that does not parse.

What it finds: a record file that is not valid YAML (or Markdown with YAML front
matter): a syntax error, bytes that are not UTF-8, a duplicate key, YAML anchors or
aliases (`&x`, `*x`), front matter that is missing or not closed, a file over 1 MiB (read no further
than that). Also what cannot be read at all under `customers/`, `references/` or
`lifecycle/`: a folder without read permission, a file or folder name that is not
UTF-8, a link that loops back on itself.

Why it matters: nothing in a file that cannot be read can be checked, so nothing of
it is published, and every reference that depends on it is held back.

Example:
    title: Core banking: migration   # a second ':' in a plain value

Fix: quote values that contain `: `, save the file as UTF-8, write repeated values
out instead of using anchors, and start references with a `---` line and close the
front matter with another.
"""

from refcat.checks.rules._structural import problems_of

NAME = "invalid-yaml"
KIND = "structural"
LABEL = "Invalid yaml"
ABOUT = "file"
check = problems_of(NAME)
