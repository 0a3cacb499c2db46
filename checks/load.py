"""Files -> Catalog: validate every parsed record; what does not load becomes a problem.

A record with a structural problem never enters the catalog, so nothing of it can be
published. Its problem lists the references it takes down with it: the file's own
reference, the references naming a broken customer or using a broken lifecycle file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from refcat.checks.catalog import (
    Catalog,
    CustomerRecord,
    Product,
    ReferenceFile,
    ReferenceRecord,
    Source,
)
from refcat.checks.discovery import RecordFile, Unusable, discover, printable
from refcat.checks.finding import Fact
from refcat.checks.logos import LogoError, read_logo
from refcat.checks.models import Customer, Lifecycle, Reference, Taxonomy
from refcat.checks.parsing import ParseCache, Parsed, ParseFailure, ParseResult, parse_files
from refcat.checks.source import Document
from refcat.checks.story_limits import HINT as LIMITS_HINT
from refcat.checks.story_limits import record_problems

SCHEMA_HINT = "Fix the value; `refcat schema customer|reference` shows every key and its form"
LOGO_HINT = "Point `logo:` at the customer's logo: an SVG, PNG, JPEG or WebP file in content/"
IMAGE_HINT = "Point `image: path:` at an SVG, PNG, JPEG or WebP file in content/"

if TYPE_CHECKING:
    from refcat.checks.snapshot import Snapshot


def load(
    content: Path, cache_folder: Path | None = None, snapshot: Snapshot | None = None
) -> Catalog:
    files = snapshot.files if snapshot is not None else discover(content)
    contents = snapshot.contents if snapshot is not None else None
    cache = ParseCache(cache_folder)
    parsed = parse_files([(f.fmt, f.path) for f in files], cache, contents)
    builder = _Builder(content)
    for record_file, result in zip(files, parsed, strict=True):
        if record_file.problem is None:
            builder.add(record_file, result)
        else:
            _report_unusable(builder, record_file, record_file.problem)
    cache.save()
    return builder.finish()


class _Builder:
    def __init__(self, content: Path) -> None:
        self.given = content  # discover() found every file under this very path
        self.content = content.resolve()
        self.name = self.content.parts[len(self.content.parent.parts) :]  # () for "/"
        self.catalog = Catalog(content=self.content)
        self.pending: list[tuple[str, Fact, Callable[[], list[str]]]] = []
        self.customers: dict[str, list[CustomerRecord]] = {}
        self.references: dict[str, list[ReferenceRecord]] = {}
        self.taxonomy_seen = False

    def relative(self, path: Path) -> str:
        if path.is_symlink():  # a linked record is reported at its target, if in the project
            target = path.resolve()
            if target.is_relative_to(self.content.parent):
                return target.relative_to(self.content.parent).as_posix()
        # the same answer without resolve() (a system call per folder) or pathlib's parsing
        return "/".join((*self.name, *path.parts[len(self.given.parts) :]))

    def problem(self, rule: str, fact: Fact, affects: Callable[[], list[str]]) -> None:
        self.pending.append((rule, fact, affects))

    def add(self, record_file: RecordFile, parsed: ParseResult) -> None:
        path, stem = self.relative(record_file.path), record_file.path.stem
        self.catalog.files.append(path)
        self.catalog.customer_files += record_file.kind == "customer"
        self.taxonomy_seen |= record_file.kind == "taxonomy"
        names = {stem}  # a broken customer is known by its file name and its written id
        affects = self._affected_by(record_file.kind, stem, names)
        if record_file.kind == "reference":
            self._note_reference_file(stem, parsed)
        if isinstance(parsed, ParseFailure):
            self.problem("invalid-yaml", _fact(path, parsed.line, stem, parsed.message), affects)
            self._mark_broken(record_file.kind, names)
            return
        document = parsed.document()
        model = _MODELS[record_file.kind]
        record = self._validate(model, document, path, stem, affects)
        if record is None:
            written = document.data.get("id") if isinstance(document.data, dict) else None
            if isinstance(written, str):
                names.add(written)
            self._mark_broken(record_file.kind, names)
            return
        beyond = record_problems(record_file.kind, record, document)
        for line, message in beyond:  # a text the build could not render takes it down
            self.problem("invalid-record", _fact(path, line, stem, message, LIMITS_HINT), affects)
        if beyond:
            self._mark_broken(record_file.kind, names)
            return
        self._keep(record_file.kind, stem, record, Source(path, document))

    def _keep(self, kind: str, stem: str, record: Any, source: Source) -> None:
        """A record that loaded without a problem: into the catalog (duplicate ids are
        told apart in `finish`)."""
        if kind == "customer":
            self.customers.setdefault(record.id, []).append(self._customer(record, source))
        elif kind == "reference":
            body, body_line = source.document.body, source.document.body_line
            entry = self._reference(ReferenceRecord(record, source, body, body_line))
            self.references.setdefault(record.id, []).append(entry)
        elif kind == "taxonomy":
            self.catalog.taxonomy, self.catalog.taxonomy_source = record, source
        else:
            self.catalog.lifecycle[stem] = _product(stem, record)

    def _validate(
        self, model: type[BaseModel], document: Document, path: str, stem: str, affects: Callable
    ) -> Any:
        if not isinstance(document.data, dict):
            message = "The file must hold a mapping of keys (key: value)"
            self.problem("invalid-record", _fact(path, 1, stem, message), affects)
            return None
        try:
            record = model.model_validate(document.data)
        except ValidationError as error:
            for loc, message in _problems(document.data, error):
                fact = _fact(path, document.line_of(loc), stem, message, SCHEMA_HINT)
                self.problem("invalid-record", fact, affects)
            return None
        written = getattr(record, "id", stem)
        if written != stem:
            message = f"Id '{written}' differs from the file name '{stem}'"
            hint = f"Set `id: {stem}` or rename the file to {written}{Path(path).suffix}"
            self.problem(
                "id-mismatch", _fact(path, document.line_of(("id",)), stem, message, hint), affects
            )
            return None
        return record

    def _customer(self, customer: Customer, source: Source) -> CustomerRecord:
        """A logo file that is no image is set aside: the customer loads as if it named
        none, so `invalid-record` at `logo:` is its one finding (not also `missing-file`)."""
        path = None if customer.logo is None else self._inside(customer.logo)
        if path is None:
            return CustomerRecord(customer, source, None)
        try:
            logo = read_logo(path, path.relative_to(self.content).as_posix())
        except (LogoError, OSError) as error:
            why = f"cannot be read ({error.strerror})" if isinstance(error, OSError) else error
            message = f"Logo '{customer.logo}' {why}"
            fact = _fact(source.path, source.line("logo"), customer.id, message, LOGO_HINT)
            affects = self._affected_by("customer", customer.id, {customer.id})
            self.problem("invalid-record", fact, affects)
            return CustomerRecord(customer.model_copy(update={"logo": None}), source, None)
        return CustomerRecord(customer, source, path, logo)

    def _inside(self, written: str) -> Path | None:
        """The file a record names, when it exists inside content/."""
        try:
            path = (self.content / written).resolve()
            found = path.is_relative_to(self.content) and path.is_file()
        except (OSError, ValueError):  # a NUL byte, a name too long for the file system
            found = False
        return path if found else None

    def _reference(self, entry: ReferenceRecord) -> ReferenceRecord:
        """The story image, read by the logos' rules; one that is no image is set aside
        as a logo is, with `invalid-record` at `image:` as its one finding."""
        image = entry.reference.image
        path = None if image is None else self._inside(image.path)
        if image is None or path is None:
            return entry
        try:
            checked = read_logo(path, path.relative_to(self.content).as_posix(), "a story image")
        except (LogoError, OSError) as error:
            why = f"cannot be read ({error.strerror})" if isinstance(error, OSError) else error
            message = f"Story image '{image.path}' {why}"
            line = entry.source.line("image")
            self.problem(
                "invalid-record",
                _fact(entry.source.path, line, entry.id, message, IMAGE_HINT),
                lambda: [entry.id],
            )
            return replace(entry, reference=entry.reference.model_copy(update={"image": None}))
        return replace(entry, image_file=path, image=checked)

    def _note_reference_file(self, stem: str, parsed: ParseResult) -> None:
        data = parsed.data if isinstance(parsed, Parsed) else None
        front = data if isinstance(data, dict) else {}
        customer = front.get("customer")
        publish = front.get("publish")
        self.catalog.reference_files.append(
            ReferenceFile(
                id=stem,
                customer=customer if isinstance(customer, str) else None,
                publish=publish if publish in ("public", "internal") else "internal",
            )
        )

    def _affected_by(self, kind: str, stem: str, names: set[str]) -> Callable[[], list[str]]:
        """The references a problem of this file takes down, worked out once all is read."""
        files = self.catalog.reference_files
        if kind == "reference":
            return lambda: [stem]
        if kind == "customer":
            return lambda: [f.id for f in files if f.customer in names]
        if kind == "taxonomy":
            return lambda: [f.id for f in files]
        references = self.catalog.references  # not `self`: no cycle keeps the builder alive
        return lambda: [
            r.id
            for r in references.values()
            if any(t.partition("@")[0] == stem for t in r.reference.technologies)
        ]

    def _mark_broken(self, kind: str, names: set[str]) -> None:
        if kind == "customer":
            self.catalog.broken_customers |= names
        elif kind == "lifecycle":
            self.catalog.broken_products |= names

    def finish(self) -> Catalog:
        if not self.taxonomy_seen:  # no taxonomy.yaml: every slug is unknown, and says so
            self.catalog.taxonomy = Taxonomy(sectors={})
        for kind, loaded in (("customer", self.customers), ("reference", self.references)):
            for record_id, records in loaded.items():
                if len(records) == 1:
                    target = (
                        self.catalog.customers if kind == "customer" else self.catalog.references
                    )
                    target[record_id] = records[0]
                    continue
                self._duplicates(kind, record_id, records)
        for rule, fact, affects in self.pending:
            references = tuple(affects())
            self.catalog.problems.append((rule, _with_references(fact, references)))
        return self.catalog

    def _duplicates(self, kind: str, record_id: str, records: list) -> None:
        paths = [record.source.path for record in records]
        if kind == "customer":
            self.catalog.broken_customers.add(record_id)
        for record in records:
            others = ", ".join(p for p in paths if p != record.source.path)
            message = f"The {kind} id '{record_id}' is also used by {others}"
            hint = "Give each record its own id (and file name)"
            fact = _fact(record.source.path, record.source.line("id"), record_id, message, hint)
            if kind == "customer":
                refs = [f.id for f in self.catalog.reference_files if f.customer == record_id]
            else:
                refs = [record_id]
            self.problem("duplicate-id", fact, lambda refs=refs: refs)


def _report_unusable(builder: _Builder, record_file: RecordFile, problem: Unusable) -> None:
    """What discovery could not use: a finding; a lifecycle product defined twice is
    broken, and takes down the references running on it."""
    rule, message, hint = astuple(problem)
    # where it is, not where a link leads: a loop of links leads nowhere
    path = printable("/".join((*builder.name, *record_file.path.parts[len(builder.given.parts) :])))
    stem = printable(record_file.path.stem)
    builder.catalog.files.append(path)
    affects = _nothing
    if record_file.kind == "lifecycle" and rule == "duplicate-id":
        affects = builder._affected_by("lifecycle", stem, {stem})
        builder.catalog.broken_products.add(stem)
    builder.problem(rule, _fact(path, 1, stem, message, hint), affects)


def _nothing() -> list[str]:
    """The references an unreadable folder or file name takes down: none it can name."""
    return []


_MODELS: dict[str, type[BaseModel]] = {
    "customer": Customer,
    "reference": Reference,
    "taxonomy": Taxonomy,
    "lifecycle": Lifecycle,
}


def _product(stem: str, lifecycle: Lifecycle) -> Product:
    releases: dict[str, Any] = {}
    for release in lifecycle.releases:
        releases.setdefault(release.releaseCycle, release)
    return Product(slug=stem, title=lifecycle.title or stem, releases=releases)


def _fact(path: str, line: int, record: str, message: str, hint: str = "") -> Fact:
    hint = hint or "Fix the file so that it parses: UTF-8 YAML, `---` front matter, no anchors"
    return Fact(path=path, line=line, record=record, references=(), message=message, hint=hint)


def _with_references(fact: Fact, references: tuple[str, ...]) -> Fact:
    return Fact(fact.path, fact.line, fact.record, references, fact.message, fact.hint)


def _problems(data: Any, error: ValidationError) -> list[tuple[tuple, str]]:
    """One message per written location; union branches collapse into the first."""
    seen: dict[tuple, str] = {}
    for item in error.errors(include_url=False):
        loc = _written_loc(data, item["loc"], item["type"])
        if loc not in seen:
            seen[loc] = _message(loc, item)
    return list(seen.items())


def _written_loc(data: Any, loc: tuple, error_type: str) -> tuple:
    """Drop pydantic's union and validator tags: keep the keys and indexes as written."""
    written: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        elif error_type in ("missing", "extra_forbidden") and isinstance(part, str):
            written.append(part)
            break
        else:
            continue
        written.append(part)
    return tuple(written)


def _dotted(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "(record)"


def _message(loc: tuple, item: dict) -> str:
    if item["type"] == "extra_forbidden":
        return f"Unknown key '{_dotted(loc)}'"
    if item["type"] == "missing":
        return f"Required key '{_dotted(loc)}' is missing"
    detail = item["msg"].removeprefix("Value error, ")
    return f"'{_dotted(loc)}': {detail}"
