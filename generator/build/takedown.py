"""What the live public catalog shows, and what must come down when a build fails.

Each public catalog swapped into place is described by a manifest: the references it
publishes (by record id) and what else the consents gate on them (customer names,
logos, websites, quotes, stories). The manifest lives beside the catalog, never in it
(`output/.refcat-public.json`): the record id of an anonymized reference usually
starts with its customer's id, and the website must not say whom it hides.

When a build fails, the previous manifest and the new review decide what happens to
the live catalog: unchanged when it shows nothing the new review withdraws; else
replaced by a catalog of the references both reviews publish, rendered as of the new
review (so a logo or name it withdraws goes too); else, with no manifest to go by, a
page saying the catalog is unavailable.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from refcat.checks.run import Report
from refcat.generator.build.site import Site
from refcat.generator.public.views import PublicCatalog, PublicReference, public_catalog

MANIFEST = ".refcat-public.json"


@dataclass(frozen=True)
class Manifest:
    """What one public catalog shows."""

    published: frozenset[str]  # record ids
    shown: frozenset[str]  # "logo logos/acme.svg", "name Acme Bank", "quote references/x.html"

    def __or__(self, other: Manifest) -> Manifest:
        return Manifest(self.published | other.published, self.shown | other.shown)


NOTHING = Manifest(frozenset(), frozenset())


def manifest_of(report: Report) -> Manifest:
    """The manifest of the public catalog that `report` makes."""
    return _manifest(report.published, public_catalog(report))


def site_manifest(site: Site) -> Manifest:
    """The manifest of a public site, from the views it was made of: the home page's
    catalog (no second pass over thousands of references)."""
    return _manifest(site.report.published, site.pages[0].variables["catalog"])


def _manifest(published: frozenset[str], catalog: PublicCatalog) -> Manifest:
    shown = {item for reference in catalog.references for item in _gated(reference)}
    return Manifest(published, frozenset(shown))


def _gated(reference: PublicReference) -> list[str]:
    """What a consent or the anonymization decides about one public reference."""
    page = reference.url
    gated = [f"page {page}"]
    gated += [f"name {reference.customer_label}"] if reference.named else []
    gated += [f"logo {reference.logo_url}"] if reference.logo_url else []
    gated += [f"website {reference.website}"] if reference.website else []
    gated += [f"image {reference.image_url}"] if reference.image_url else []
    gated += [f"quote {page}"] if reference.quote else []
    gated += [f"quote author {page}"] if reference.quote and reference.quote.author else []
    return gated + ([f"story {page}"] if reference.story_html else [])


def read_manifest(output: Path) -> Manifest | None:
    """The live catalog's manifest; None when there is none or it cannot be read."""
    try:
        recorded = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(frozenset(recorded["published"]), frozenset(recorded["shown"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_manifest(output: Path, manifest: Manifest) -> None:
    """Replace the manifest in one step: a reader sees the old one or the new one."""
    text = json.dumps(
        {"published": sorted(manifest.published), "shown": sorted(manifest.shown)}, indent=1
    )
    temporary = output / f"{MANIFEST}.{os.getpid()}"
    try:
        temporary.write_text(text + "\n", encoding="utf-8")
        temporary.replace(output / MANIFEST)
    finally:
        temporary.unlink(missing_ok=True)


@dataclass(frozen=True)
class Takedown:
    """What the live catalog shows that the new review no longer does."""

    references: dict[str, str]  # record id -> why it is no longer published
    shown: tuple[str, ...]  # names, logos, quotes... no longer shown on what stays
    reduced: Report | None  # the review of only what both reviews publish; None: no manifest

    def __bool__(self) -> bool:
        return self.reduced is None or bool(self.references or self.shown)


def takedown(previous: Manifest | None, report: Report) -> Takedown:
    """What must come down from a live catalog described by `previous`."""
    if previous is None:  # whatever it shows is unknown: all of it may have to go
        return Takedown({}, (), None)
    reduced = replace(report, published=previous.published & report.published)
    gone = previous.published - report.published
    shown = previous.shown - manifest_of(reduced).shown
    reasons = {record_id: _why_not_published(report, record_id) for record_id in sorted(gone)}
    return Takedown(reasons, tuple(sorted(shown)), reduced)


def _why_not_published(report: Report, record_id: str) -> str:
    record = report.catalog.references.get(record_id)
    if record is None:
        return "no longer in the content"
    if record.reference.publish != "public":
        return "no longer public"
    rules = sorted({f.rule for f in report.findings_for(record_id) if f.severity == "error"})
    return ", ".join(rules) or "blocked by the review"


def takedown_lines(found: Takedown) -> list[str]:
    """What the command says it took down."""
    lines = []
    if found.references:
        count = len(found.references)
        listed = ", ".join(f"{i} ({why})" for i, why in found.references.items())
        noun = "reference" if count == 1 else "references"
        lines.append(f"Took down {count} {noun} no longer published: {listed}")
    # a page that goes takes its story and quote with it: not worth saying again
    pages = {item.removeprefix("page ") for item in found.shown if item.startswith("page ")}
    said = [item for item in found.shown if item.rsplit(" ", 1)[-1] not in pages]
    if said:
        lines.append(f"Took down what the new review no longer shows: {', '.join(said)}")
    return lines
