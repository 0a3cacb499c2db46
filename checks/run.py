"""Run every rule and decide severities, in one place.

Rules yield facts; only here do they become findings with a severity: structural rules
are errors, a rule that blocks publication is an error when an affected reference is
meant to be public and a warning otherwise, and the policy may move a rule either way.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from types import ModuleType

from refcat.checks.catalog import Catalog
from refcat.checks.finding import Fact, Finding, Severity
from refcat.checks.load import load
from refcat.checks.policy import ConfigError, Policy, load_settings, policy_from
from refcat.checks.publish import published_references
from refcat.checks.rules import KIND_OF, RULES
from refcat.checks.snapshot import Snapshot

CACHE_FOLDER = ".refcat-cache"


@dataclass(frozen=True)
class Report:
    as_of: date
    catalog: Catalog
    policy: Policy
    findings: tuple[Finding, ...]
    published: frozenset[str]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def findings_for(self, reference_id: str) -> list[Finding]:
        return list(self._by_reference.get(reference_id, ()))

    @cached_property
    def _by_reference(self) -> dict[str, list[Finding]]:
        """Each reference's findings, in report order: one pass, not one per reference."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            for reference_id in finding.references:
                grouped[reference_id].append(finding)
        return grouped


def review(catalog: Catalog, policy: Policy, as_of: date) -> Report:
    public = {f.id for f in catalog.reference_files if f.publish == "public"}
    findings = [
        Finding.of(rule.NAME, severity(rule, fact, policy, public), fact, blocks(rule, policy))
        for rule in RULES
        for fact in rule.check(catalog, policy, as_of)
    ]
    findings.sort(key=lambda f: f.sort_key)
    published = published_references(catalog, findings)
    return Report(as_of, catalog, policy, tuple(findings), published)


def blocks(rule: ModuleType, policy: Policy) -> bool:
    """Does this rule keep a reference off the website, after the policy's overrides?"""
    if rule.KIND == "structural":
        return True
    override = policy.severity.get(rule.NAME)
    return override == "error" if override else rule.KIND == "blocking"


def severity(rule: ModuleType, fact: Fact, policy: Policy, public: set[str]) -> Severity:
    if rule.KIND == "structural":
        return "error"
    return "error" if blocks(rule, policy) and public.intersection(fact.references) else "warning"


def review_project(
    content: Path,
    settings: Path | None,
    as_of: date,
    *,
    cache: bool = True,
    snapshot: Snapshot | None = None,
) -> Report:
    """Load the policy and every record under `content`, and review them on `as_of`.

    A `snapshot` already holds the files' bytes: they are not read again.
    """
    catalog, policy = load_project(content, settings, cache=cache, snapshot=snapshot)
    return review(catalog, policy, as_of)


def load_project(
    content: Path,
    settings: Path | None,
    *,
    cache: bool = True,
    snapshot: Snapshot | None = None,
) -> tuple[Catalog, Policy]:
    """The records under `content` and the policy of `settings`, not yet reviewed."""
    policy = load_policy(settings)
    if not content.is_dir():
        raise ConfigError(f"{content}: content folder not found")
    folder = cache_folder(content) if cache else None
    return load(content, folder, snapshot), policy


def cache_folder(content: Path) -> Path | None:
    """refcat's caches live next to the content folder, never inside it; there are none
    where that is no project folder (the filesystem root) or a folder refcat cannot write."""
    parent = content.resolve().parent
    if parent == parent.parent or not os.access(parent, os.W_OK | os.X_OK):
        return None
    return parent / CACHE_FOLDER


def load_policy(settings: Path | None) -> Policy:
    """The policy of a settings file; the defaults when there is none."""
    if settings is None:
        return Policy()
    return policy_from(load_settings(settings), str(settings), KIND_OF)
