"""What a change does to the website: two reviews compared through their public catalogs.

Both sides go through `public_catalog`, the allow-list the website is built from, so a
difference here is a difference a visitor can see. References are matched by record
id (an anonymized reference's address follows its title, its record id does not);
findings by rule, record and message, so a finding that only moved lines is neither
introduced nor fixed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from refcat.checks.finding import Finding
from refcat.checks.run import Report
from refcat.generator.public.views import PublicCatalog, PublicReference, _public_id, public_catalog


@dataclass(frozen=True)
class PageChange:
    """One reference whose public page appears, disappears or changes."""

    reference: str  # record id
    title: str
    url: str  # the page's address on the side where it is published (head, when both)
    what: tuple[str, ...] = ()  # the aspects that change, for a page on both sides
    why: tuple[str, ...] = ()  # why a page disappears


@dataclass(frozen=True)
class Changes:
    appears: tuple[PageChange, ...]
    disappears: tuple[PageChange, ...]
    changes: tuple[PageChange, ...]
    introduced: tuple[Finding, ...]
    fixed: tuple[Finding, ...]

    @property
    def empty(self) -> bool:
        return not (
            self.appears or self.disappears or self.changes or self.introduced or self.fixed
        )


@dataclass(frozen=True)
class Side:
    """One review with the public pages it gives, by record id."""

    report: Report
    pages: dict[str, PublicReference]
    logos: dict[str, bytes]


def side(report: Report) -> Side:
    """The public pages of a review, keyed by the record they show."""
    catalog = public_catalog(report)
    by_public_id = {page.id: page for page in catalog.references}
    pages = {record: by_public_id[public] for record, public in _record_ids(report).items()}
    return Side(report, pages, _logo_digests(catalog))


def _record_ids(report: Report) -> dict[str, str]:
    """Record id -> public id, assigned in the order `public_catalog` assigns them."""
    catalog = report.catalog
    taken = {f.id for f in catalog.reference_files} | set(catalog.customers)
    ids: dict[str, str] = {}
    for record_id in sorted(report.published):
        ids[record_id] = _public_id(catalog, catalog.references[record_id], taken)
        taken.add(ids[record_id])
    return ids


def _logo_digests(catalog: PublicCatalog) -> dict[str, bytes]:
    return {url: hashlib.sha256(image).digest() for url, image in catalog.logo_files.items()}


def _logo(side: Side, page: PublicReference) -> object:
    return page.logo_url, side.logos.get(page.logo_url or "")


Aspect = Callable[[Side, PublicReference], object]

# What a visitor sees of a reference, by the name a report gives each change.
ASPECTS: dict[str, Aspect] = {
    "title": lambda _, page: page.title,
    "summary": lambda _, page: page.summary,
    "named or anonymized": lambda _, page: page.named,
    "customer": lambda _, page: page.customer_label,
    "logo": _logo,
    "quote": lambda _, page: page.quote,
    "story": lambda _, page: page.story_html,
    "benefits": lambda _, page: page.benefits,
    "story image": lambda _, page: (page.image_url, page.image_alt),
    "website": lambda _, page: page.website,
    "industry, region or products": lambda _, page: (page.industry, page.region, page.products),
    "strengths": lambda _, page: page.strengths,
    "completed": lambda _, page: page.completed,
}


def compare(base: Report, head: Report) -> Changes:
    """What the head review publishes and finds that the base review does not, and back."""
    before, after = side(base), side(head)
    return Changes(
        appears=tuple(_page(after, ref) for ref in sorted(after.pages.keys() - before.pages)),
        disappears=tuple(
            _gone(before, head, ref) for ref in sorted(before.pages.keys() - after.pages)
        ),
        changes=tuple(_changed(before, after)),
        introduced=_new_findings(head, base),
        fixed=_new_findings(base, head),
    )


def _page(side: Side, reference: str, **details: tuple[str, ...]) -> PageChange:
    page = side.pages[reference]
    return PageChange(reference, page.title, page.url, **details)


def _changed(before: Side, after: Side) -> list[PageChange]:
    changed = []
    for reference in sorted(before.pages.keys() & after.pages):
        what = _what(before, before.pages[reference], after, after.pages[reference])
        if what:
            changed.append(_page(after, reference, what=what))
    return changed


def _what(before: Side, old: PublicReference, after: Side, new: PublicReference) -> tuple[str, ...]:
    """The aspects that differ; turning named or anonymized says it all about the customer."""
    what = [name for name, aspect in ASPECTS.items() if aspect(before, old) != aspect(after, new)]
    if old.named != new.named:
        implied = {"named or anonymized", "customer", "logo", "website"}
        what = ["anonymized" if old.named else "named", *(n for n in what if n not in implied)]
    return tuple(what)


def _gone(before: Side, head: Report, reference: str) -> PageChange:
    return _page(before, reference, why=tuple(why_unpublished(head, reference)))


def why_unpublished(head: Report, reference: str) -> list[str]:
    """Why the head review does not publish a reference: its blocking findings, or the record."""
    record = head.catalog.references.get(reference)
    if record is None:
        return ["the record was removed or no longer loads"]
    if record.reference.publish != "public":
        return [f"publish: {record.reference.publish}"]
    blocking = [f for f in head.findings_for(reference) if f.severity == "error"]
    return [f"{f.rule}: {f.message}" for f in blocking] or ["not published"]


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.rule, finding.record, finding.message


def _new_findings(report: Report, other: Report) -> tuple[Finding, ...]:
    """The findings of `report` that `other` does not have, once each."""
    known = {_key(f) for f in other.findings}
    seen: set[tuple[str, str, str]] = set()
    found = []
    for finding in report.findings:
        if _key(finding) not in known and _key(finding) not in seen:
            seen.add(_key(finding))
            found.append(finding)
    return tuple(found)
