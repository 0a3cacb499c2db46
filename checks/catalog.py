"""The loaded program: every record that parsed and validated, with where it is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from refcat.checks.finding import Fact
from refcat.checks.models import Customer, LifecycleRelease, Reference, Taxonomy
from refcat.checks.source import Document

if TYPE_CHECKING:
    from refcat.checks.logos import Logo


@dataclass(frozen=True)
class Source:
    """A record's file (relative to the project) and the line of each of its keys."""

    path: str
    document: Document

    def line(self, *loc: str | int) -> int:
        return self.document.line_of(loc)


@dataclass(frozen=True)
class CustomerRecord:
    customer: Customer
    source: Source
    logo_file: Path | None  # the logo on disk, when it exists inside content/ and is an image
    logo: Logo | None = None  # that image, checked, with the form of it that is published


@dataclass(frozen=True)
class ReferenceRecord:
    reference: Reference
    source: Source
    body: str
    body_line: int
    image_file: Path | None = None  # the story image on disk, when inside content/ and an image
    image: Logo | None = None  # that image, checked, with the form of it that is published

    @property
    def id(self) -> str:
        return self.reference.id


@dataclass(frozen=True)
class ReferenceFile:
    """Every reference file, loaded or not, for the report's list of references."""

    id: str
    customer: str | None
    publish: str


@dataclass(frozen=True)
class Product:
    """A third-party product's releases, by cycle as written in its lifecycle file."""

    slug: str
    title: str
    releases: dict[str, LifecycleRelease]


@dataclass(eq=False)  # identity: a catalog is one loaded program, and may key a memo
class Catalog:
    content: Path
    files: list[str] = field(default_factory=list)  # every record file, relative to the project
    customer_files: int = 0
    customers: dict[str, CustomerRecord] = field(default_factory=dict)
    references: dict[str, ReferenceRecord] = field(default_factory=dict)
    reference_files: list[ReferenceFile] = field(default_factory=list)
    taxonomy: Taxonomy | None = None
    taxonomy_source: Source | None = None
    lifecycle: dict[str, Product] = field(default_factory=dict)
    problems: list[tuple[str, Fact]] = field(default_factory=list)
    broken_customers: set[str] = field(default_factory=set)
    broken_products: set[str] = field(default_factory=set)
    _by_customer: dict[str, list[ReferenceRecord]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def references_of(self, customer_id: str) -> list[ReferenceRecord]:
        # indexed once rules start asking (a scan per customer is quadratic); the count
        # guards against references added after the first question
        if self._indexed != len(self.references):
            self._by_customer = {}
            for record in self.references.values():
                self._by_customer.setdefault(record.reference.customer, []).append(record)
            self._indexed = len(self.references)
        return list(self._by_customer.get(customer_id, ()))

    def customer_of(self, record: ReferenceRecord) -> CustomerRecord | None:
        return self.customers.get(record.reference.customer)

    def pairs(self) -> list[tuple[ReferenceRecord, CustomerRecord]]:
        """Each reference with its customer, where the customer loaded."""
        result = []
        for record in self.references.values():
            customer = self.customer_of(record)
            if customer is not None:
                result.append((record, customer))
        return result

    def anonymized(self, record: ReferenceRecord) -> bool:
        """Shown without name or logo: as written, else by the sector's disclosure."""
        if record.reference.anonymize is not None:
            return record.reference.anonymize
        customer = self.customer_of(record)
        if customer is None or self.taxonomy is None:
            return False
        sector = self.taxonomy.sectors.get(customer.customer.sector)
        return sector is not None and sector.disclosure == "restricted"

    def release(self, technology: str) -> LifecycleRelease | None:
        product, _, cycle = technology.partition("@")
        found = self.lifecycle.get(product)
        return None if found is None else found.releases.get(cycle)
