"""`refcat new customer|reference ID`: write a commented skeleton record to fill in.

The skeleton loads without a structural finding: it names a sector of the taxonomy,
and a reference names the customer whose id starts its own id. What a fresh record
naturally lacks (consents, arguments, a post-evaluation) is reported by `refcat
check` as warnings, since a new reference stays internal until someone publishes it.

A customer skeleton starts with a `# yaml-language-server: $schema=` modeline naming
`schemas/customer.schema.json` beside the content folder (where `refcat init` writes
it, or `refcat schema customer > schemas/customer.schema.json`), relative to the
record as yaml-language-server resolves it: VS Code then completes and explains every
key. A reference gets none: its YAML is front matter in Markdown, which
yaml-language-server does not read, and nothing may come before its `---`.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TextIO

from refcat.checks.catalog import Catalog
from refcat.checks.load import load
from refcat.checks.policy import ConfigError
from refcat.generator import gc_policy

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
FOLDERS = {"customer": ("customers", (".yaml", ".yml")), "reference": ("references", (".md",))}

MODELINE = "# yaml-language-server: $schema={schema}\n"

CUSTOMER = """\
# A customer (or partner) of the reference program. `refcat schema customer` lists every key.
id: {id}
name: {name}  # as shown on the website
sector: {sector}  # one of taxonomy.yaml's sectors{sectors}
# country: DE  # ISO 3166 alpha-2
# region: EMEA
# kind: customer  # or partner
# website: https://www.example.com
# logo: logos/{id}.svg  # relative to content/
rating:  # re-rated at least yearly
  grade: B  # A win actively, 1 candidate, B observe, 2 agreed, C not considered, D not eligible
  reviewed: {today}
  # by: the person who rated
  # note: why this grade
# forms: [passive]  # passive, active, marketing, sales
consents: []  # what the customer agreed to, one entry per scope:
#   - scope: name  # name, logo, quote, case-study, reference-call, site-visit, press
#     granted: {today}
#     expires: 2028-12-31
#     by: who signed
#     evidence: where the signed agreement is kept
contacts: []  # internal, never published:
#   - name: Jane Roe
#     role: CIO
#     email: jane.roe@example.com
#     referee: true
# owner: the account owner (internal)
# notes: |
#   Internal notes, in Markdown.
"""

REFERENCE = """\
---
# A reference project. `refcat schema reference` lists every key.
id: {id}
customer: {customer}  # the id of a customer in content/customers/
title: {title}  # public
summary: One line a prospect reads first  # public
completed: {today}  # go-live or completion
publish: internal  # public once consents, rating and evaluation are in place
# products: []  # own products: taxonomy.yaml products
# technologies: []  # third-party releases, product@cycle from content/lifecycle/
strengths:  # slugs from taxonomy.yaml strengths
  technical: []
  commercial: []
benefits: []  # measurable outcomes; a figure first makes a headline: "31 % faster month-end"
# quote: {{text: ..., author: ..., role: ..., approved: YYYY-MM-DD}}
# image: {{path: images/....jpg, alt: what the picture shows}}  # public with case-study consent
# evaluation: {{date: YYYY-MM-DD, verdict: reference, by: ..., note: ...}}
# review_by: YYYY-MM-DD  # when a person must re-check it
# caveats: |
#   Internal: what did not go so well, what a prospect may hear.
---

## The situation

What the customer needed, and why.

## What we did

## The outcome
"""


def run(kind: str, record_id: str, content: Path, today: date, out: TextIO) -> int:
    if not SLUG.fullmatch(record_id):
        raise ConfigError(
            f"'{record_id}' is not a valid id: lower-case letters, digits and '-', "
            "starting with a letter or digit, at most 64 characters"
        )
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    folder, suffixes = FOLDERS[kind]
    existing = _existing(content / folder, record_id, suffixes)
    if existing is not None:
        raise ConfigError(f"{existing}: a {kind} with the id '{record_id}' already exists")
    path = content / folder / f"{record_id}{suffixes[0]}"
    with gc_policy.for_review():
        catalog = load(content)  # the taxonomy's sectors, the customers' ids
    if kind == "customer":
        text = modeline(path, content, kind) + _customer(catalog, record_id, today)
    else:
        text = _reference(catalog, record_id, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # never overwrite, even in a race
        file.write(text)
    out.write(f"Created {path}\n")
    return 0


def modeline(record: Path, content: Path, kind: str) -> str:
    """The schema's path as seen from the record: `../../schemas/customer.schema.json`."""
    schema = content.absolute().parent / "schemas" / f"{kind}.schema.json"
    relative = os.path.relpath(schema, record.absolute().parent)
    return MODELINE.format(schema=Path(relative).as_posix())


def _existing(folder: Path, record_id: str, suffixes: tuple[str, ...]) -> Path | None:
    """A record with this id anywhere under the folder (records may sit in subfolders)."""
    if not folder.is_dir():
        return None
    for path in sorted(folder.rglob(f"{record_id}.*")):
        if path.suffix in suffixes and path.is_file():
            return path
    return None


def _label(record_id: str) -> str:
    return " ".join(part.capitalize() for part in record_id.split("-"))


def _customer(catalog: Catalog, record_id: str, today: date) -> str:
    sectors = list(catalog.taxonomy.sectors) if catalog.taxonomy else []
    return CUSTOMER.format(
        id=record_id,
        name=_label(record_id),
        sector=sectors[0] if sectors else "set-a-sector",
        sectors=f": {', '.join(sectors)}" if sectors else "",
        today=today.isoformat(),
    )


def _reference(catalog: Catalog, record_id: str, today: date) -> str:
    return REFERENCE.format(
        id=record_id,
        customer=_customer_of(catalog, record_id),
        title=_label(record_id),
        today=today.isoformat(),
    )


def _customer_of(catalog: Catalog, record_id: str) -> str:
    """The customer whose id is the longest prefix of the reference id, else the first part."""
    matches = [c for c in catalog.customers if record_id.startswith(f"{c}-")]
    return max(matches, key=len) if matches else record_id.split("-")[0]
