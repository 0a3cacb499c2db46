"""Two records of one kind with the same id.

What it finds: two customers, or two references, with the same id, usually the same
file name in two subfolders (`references/2024/x.md` and `references/2025/x.md`).
Both are reported. A lifecycle product written twice (`lifecycle/x.md` and
`lifecycle/x.yaml`) is a duplicate too, and the references running on it are held back.

Why it matters: links, requests and consents are tied to ids; with two records under
one id, refcat cannot know which one is meant, so neither is published.

Example:
    content/references/2024/acme-migration.md
    content/references/2025/acme-migration.md

Fix: give one of them a new id and rename its file to match.
"""

from refcat.checks.rules._structural import problems_of

NAME = "duplicate-id"
KIND = "structural"
LABEL = "Duplicate id"
ABOUT = "file"
check = problems_of(NAME)
