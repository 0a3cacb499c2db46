"""A small reference program whose every internal value is a canary, for the leak tests.

Each internal field of each record holds a unique token (`zqi001`, `zqi002`, ...) that
appears nowhere else, so finding a token in an output file proves that exact field
leaked. Excluded references (internal ones, and public ones blocked by an error) get
canary titles, summaries and stories; the customer of a restricted sector, shown only
anonymized, gets a canary name and a logo of its own.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.factories import AS_OF, Project, customer_record, day, dump, reference_record


@dataclass
class Canaries:
    """Unique tokens, each with the field it stands in for; `prefix` keeps groups apart."""

    prefix: str
    fields: dict[str, str] = field(default_factory=dict)  # token -> "customer x: notes"

    def token(self, where: str) -> str:
        token = f"{self.prefix}{len(self.fields) + 1:03d}"
        self.fields[token] = where
        return token

    def subset(self, prefix: str) -> dict[str, str]:
        return {t: w for t, w in self.fields.items() if w.startswith(prefix)}


@dataclass
class CanaryProgram:
    root: Path
    content: Path
    settings: Path
    internal: Canaries  # internal fields: never in public output, always in internal output
    excluded: Canaries  # titles, summaries and stories of references that are not published
    anonymous: Canaries  # what would identify the customer shown anonymized
    anonymous_name: str  # the canary name of the customer shown anonymized
    anonymous_logo: Path
    published: frozenset[str]
    excluded_ids: frozenset[str]


def _internal_customer_fields(c: Canaries, who: str) -> dict[str, Any]:
    """Contacts, notes, rating, requests, reputation and owner: all internal, all canaries."""
    return {
        "contacts": [
            {
                "name": f"Robin {c.token(f'{who}: contact name')}",
                "role": f"Head of {c.token(f'{who}: contact role')}",
                "email": f"{c.token(f'{who}: contact email')}@mail.example",
                "phone": f"+49 30 {c.token(f'{who}: contact phone')}",
                "languages": ["en"],
                "referee": True,
            }
        ],
        "notes": (
            f"Renewal talks with {c.token(f'{who}: notes')} in spring.\n\n"
            f"- Budget owner is {c.token(f'{who}: notes list item')}\n"
        ),
        "rating": {
            "grade": "A",
            "reviewed": day(-30),
            "by": f"Alex {c.token(f'{who}: rating by')}",
            "note": f"Strong sponsor {c.token(f'{who}: rating note')}",
        },
        "requests": [
            {
                "date": day(-20),
                "kind": "reference-call",
                "by": f"Sam {c.token(f'{who}: request by')}",
                "prospect": f"Prospect {c.token(f'{who}: request prospect')}",
                "outcome": "done",
            }
        ],
        "reputation": [
            {
                "date": day(-100),
                "summary": f"Press report {c.token(f'{who}: reputation summary')}",
                "severity": "watch",
                "source": f"Daily {c.token(f'{who}: reputation source')}",
            }
        ],
        "owner": f"Kim {c.token(f'{who}: owner')}",
    }


def _internal_reference_fields(c: Canaries, which: str) -> dict[str, Any]:
    return {
        "evaluation": {
            "date": day(-300),
            "verdict": "reference",
            "by": f"Jo {c.token(f'{which}: evaluation by')}",
            "note": f"Went well apart from {c.token(f'{which}: evaluation note')}",
        },
        "caveats": f"Cutover slipped by {c.token(f'{which}: caveats')} weeks.\n",
    }


def _write_reference(project: Project, id: str, customer: str, body: str, **fields: Any) -> None:
    front = dump(reference_record(id, customer, **fields))
    project.write(f"references/{id}.md", f"---\n{front}---\n\n{body}")


def _logo(project: Project, name: str, marker: str) -> Path:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><title>{marker}</title></svg>\n'
    return project.write(f"logos/{name}.svg", svg)


def canary_program(root: Path) -> CanaryProgram:
    project = Project(root)
    internal, excluded, anonymous = Canaries("zqi"), Canaries("zqx"), Canaries("zqn")
    project.taxonomy()
    project.lifecycle(
        "postgresql",
        [
            {"releaseCycle": "16", "eol": day(700)},
            {"releaseCycle": "11", "eol": day(-400)},
        ],
    )
    settings = project.policy()

    # A named customer: one published reference, one internal, one blocked by end of life
    named_logo = _logo(project, "northwind", "northwind logo")
    consents = [{"scope": s, "granted": day(-400)} for s in ("name", "logo", "case-study", "quote")]
    project.write(
        "customers/northwind.yaml",
        dump(
            customer_record(
                "northwind",
                name="Northwind Bank",
                logo=named_logo.relative_to(project.content).as_posix(),
                consents=consents,
                **_internal_customer_fields(internal, "customer northwind"),
            )
        ),
    )
    _write_reference(
        project,
        "northwind-core",
        "northwind",
        "Northwind moved its core banking to the new platform over one weekend.\n",
        title="Core banking migration",
        summary="Northwind Bank moved its core banking without downtime.",
        **_internal_reference_fields(internal, "reference northwind-core"),
    )
    _write_reference(
        project,
        "northwind-internal",
        "northwind",
        f"Internal story {excluded.token('internal reference: story')}.\n",
        title=f"Pilot {excluded.token('internal reference: title')} rollout",
        summary=f"Summary {excluded.token('internal reference: summary')} of a pilot.",
        publish="internal",
        **_internal_reference_fields(internal, "reference northwind-internal"),
    )
    _write_reference(
        project,
        "northwind-legacy",
        "northwind",
        f"Legacy story {excluded.token('end-of-life reference: story')}.\n",
        title=f"Legacy {excluded.token('end-of-life reference: title')} warehouse",
        summary=f"Summary {excluded.token('end-of-life reference: summary')} of a warehouse.",
        technologies=["postgresql@11"],
        **_internal_reference_fields(internal, "reference northwind-legacy"),
    )

    # A customer in a restricted sector: published anonymized, never by name or logo
    anonymous_name = f"{anonymous.token('anonymized customer: name').capitalize()} Capital"
    anonymous_logo = _logo(project, "quill-capital", anonymous.token("anonymized customer: logo"))
    project.write(
        "customers/quill-capital.yaml",
        dump(
            customer_record(
                "quill-capital",
                name=anonymous_name,
                sector="asset-management",
                website=f"https://{anonymous.token('anonymized customer: website')}.example",
                logo=anonymous_logo.relative_to(project.content).as_posix(),
                consents=consents,
                **_internal_customer_fields(internal, "customer quill-capital"),
            )
        ),
    )
    _write_reference(
        project,
        "fund-data-hub",
        "quill-capital",
        "An asset manager consolidated its fund data in one hub.\n",
        title="Fund data consolidation",
        summary="An asset manager consolidated its fund data.",
        quote={
            "text": "Our fund data is finally in one place.",
            "author": f"Pat {anonymous.token('anonymized customer: quote author')}",
            "role": "Chief Data Officer",
            "approved": day(-300),
        },
        **_internal_reference_fields(internal, "reference fund-data-hub"),
    )

    # A customer whose only public reference is blocked: its name consent expired
    project.write(
        "customers/lapsed.yaml",
        dump(
            customer_record(
                "lapsed",
                name=f"{internal.token('blocked customer: name').capitalize()} Insurance",
                consents=[
                    {"scope": "name", "granted": day(-800), "expires": day(-10)},
                    {"scope": "case-study", "granted": day(-800)},
                    {"scope": "quote", "granted": day(-800)},
                ],
                **_internal_customer_fields(internal, "customer lapsed"),
            )
        ),
    )
    _write_reference(
        project,
        "lapsed-portal",
        "lapsed",
        f"Portal story {excluded.token('expired-consent reference: story')}.\n",
        title=f"Broker {excluded.token('expired-consent reference: title')} portal",
        summary=f"Summary {excluded.token('expired-consent reference: summary')} of a portal.",
        quote={
            "text": f"Quote {excluded.token('expired-consent reference: quote')} text.",
            "author": f"Lee {excluded.token('expired-consent reference: quote author')}",
            "approved": day(-300),
        },
        **_internal_reference_fields(internal, "reference lapsed-portal"),
    )
    return CanaryProgram(
        root=root,
        content=project.content,
        settings=settings,
        internal=internal,
        excluded=excluded,
        anonymous=anonymous,
        anonymous_name=anonymous_name,
        anonymous_logo=anonymous_logo,
        published=frozenset({"northwind-core", "fund-data-hub"}),
        excluded_ids=frozenset({"northwind-internal", "northwind-legacy", "lapsed-portal"}),
    )


# -- a larger program, for builds that take long enough to be interrupted ------------


def large_program(root: Path, references: int) -> Project:
    """`references` public references spread over 20 customers, all published."""
    project = Project(root)
    project.taxonomy()
    for n in range(20):
        project.customer(f"customer-{n:02d}", name=f"Customer {n:02d} Bank")
    story = "A long story about a migration.\n\n" + "Paragraph of the story. " * 80 + "\n"
    for n in range(references):
        project.reference(
            f"reference-{n:04d}",
            customer=f"customer-{n % 20:02d}",
            title=f"Migration number {n}",
            summary=f"Customer {n % 20:02d} Bank migrated system {n}.",
            body=story,
        )
    return project


# -- reading output --------------------------------------------------------------------


def output_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """Every file under `folder` as lower-case text; Pagefind's gzipped files unpacked."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        raw = _without_pixels(raw)
        yield path.relative_to(folder).as_posix(), raw.decode("utf-8", errors="ignore").lower()


def _without_pixels(raw: bytes) -> bytes:
    """A PNG without its compressed pixels (IDAT), which spell short tokens by chance;
    its other chunks (text, metadata) are kept."""
    if not raw.startswith(b"\x89PNG\r\n\x1a\n"):
        return raw
    kept, at = [raw[:8]], 8
    while at + 8 <= len(raw):
        length = int.from_bytes(raw[at : at + 4], "big")
        if raw[at + 4 : at + 8] != b"IDAT":
            kept.append(raw[at : at + 12 + length])
        at += 12 + length
    return b"".join(kept)


def found(folder: Path, tokens: dict[str, str]) -> dict[str, list[str]]:
    """Each token found under `folder`, with the files it is in."""
    where: dict[str, list[str]] = {}
    for relative, text in output_texts(folder):
        for token in tokens:
            if token.lower() in text:
                where.setdefault(token, []).append(relative)
    return where


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to compare two states of an output."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# Pagefind writes filter values in hash-map order, which changes from run to run: the
# filter files, and the meta and entry files that name them by content hash, differ
# between two builds of the same pages (checked with pagefind 1.5). Everything else,
# the HTML and the search fragments and index included, is byte-identical.
UNSTABLE = re.compile(r"^pagefind/(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)$")


def reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    """A snapshot without the files Pagefind does not write deterministically."""
    return {name: content for name, content in files.items() if not UNSTABLE.match(name)}


__all__ = [
    "AS_OF",
    "CanaryProgram",
    "canary_program",
    "found",
    "large_program",
    "reproducible",
    "snapshot",
]
