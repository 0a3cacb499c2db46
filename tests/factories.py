"""Write tiny catalog projects into a temporary folder, so each rule test fits on one screen.

`Project` writes records from dicts (`yaml.safe_dump`) or raw text where the exact
bytes matter, and reviews them with the real pipeline. The baseline it starts from
(one customer, one public reference, a taxonomy) has no finding at all and is
published; a test changes the one thing it is about.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from refcat.checks.finding import Finding
from refcat.checks.run import Report, review_project

AS_OF = date(2026, 11, 25)
DROP = object()  # a key given this value is left out of the record

STORY = "Acme moved its core banking to the new platform over one weekend.\n"


def day(offset: int) -> date:
    """The day `offset` days after AS_OF (before it when negative)."""
    return AS_OF + timedelta(days=offset)


def _merge(record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = {**record, **changes}
    return {key: value for key, value in merged.items() if value is not DROP}


def customer_record(id: str = "acme", **changes: Any) -> dict[str, Any]:
    """A customer that may be published: rated A lately, name, story and quote consents."""
    record = {
        "id": id,
        "name": "Acme Bank",
        "sector": "banking",
        "country": "DE",
        "region": "EMEA",
        "rating": {"grade": "A", "reviewed": day(-30)},
        "consents": [
            {"scope": "name", "granted": day(-400)},
            {"scope": "case-study", "granted": day(-400)},
            {"scope": "quote", "granted": day(-400)},
        ],
    }
    return _merge(record, changes)


def reference_record(id: str = "acme-core", customer: str = "acme", **changes: Any) -> dict:
    """A public reference with arguments, a positive evaluation and an approved quote."""
    record = {
        "id": id,
        "customer": customer,
        "title": "Core banking migration",
        "summary": "Acme Bank moved its core banking without downtime.",
        "completed": day(-365),
        "publish": "public",
        "products": ["data-hub"],
        "strengths": {"technical": ["zero-downtime-migration"], "commercial": ["cost-reduction"]},
        "benefits": ["Batch window cut from 6 hours to 40 minutes"],
        "quote": {"text": "It just worked.", "author": "Jane Roe", "approved": day(-300)},
        "evaluation": {"date": day(-300), "verdict": "reference"},
    }
    return _merge(record, changes)


def taxonomy_record(**changes: Any) -> dict[str, Any]:
    record = {
        "sectors": {
            "banking": {"label": "Banking", "disclosure": "open"},
            "asset-management": {"label": "Asset management", "disclosure": "restricted"},
        },
        "strengths": {
            "zero-downtime-migration": {"label": "Zero-downtime migration", "kind": "technical"},
            "cost-reduction": {"label": "Cost reduction", "kind": "commercial"},
        },
        "products": {
            "data-hub": {"label": "Data Hub"},
            "classic-portal": {"label": "Classic Portal", "successor": "data-hub"},
        },
    }
    return _merge(record, changes)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a shared date object must not become an anchor: records reject them


def dump(record: Any) -> str:
    return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


class Project:
    """A catalog project under `root`: `content/` plus an optional `pelicanconf.py`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.settings: Path | None = None

    # -- writing files -------------------------------------------------------------

    def write(self, relative: str, text: str | bytes) -> Path:
        """Write raw text or bytes to `content/<relative>`; returns the path."""
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def customer(self, id: str = "acme", *, folder: str = "", **changes: Any) -> Path:
        return self.write(f"customers/{folder}{id}.yaml", dump(customer_record(id, **changes)))

    def reference(
        self,
        id: str = "acme-core",
        *,
        customer: str = "acme",
        body: str = STORY,
        folder: str = "",
        **changes: Any,
    ) -> Path:
        front = dump(reference_record(id, customer, **changes))
        return self.write(f"references/{folder}{id}.md", f"---\n{front}---\n\n{body}")

    def taxonomy(self, **changes: Any) -> Path:
        return self.write("taxonomy.yaml", dump(taxonomy_record(**changes)))

    def lifecycle(self, product: str, releases: list[dict[str, Any]], *, fmt: str = "md") -> Path:
        """An endoflife.date product file, with a few of the many keys such files carry."""
        front = dump({"title": product.title(), "category": "server-app", "releases": releases})
        if fmt == "yaml":
            return self.write(f"lifecycle/{product}.yaml", front)
        return self.write(f"lifecycle/{product}.md", f"---\n{front}---\n\n> {product} notes\n")

    def logo(self, relative: str = "logos/acme.svg") -> Path:
        return self.write(relative, '<svg xmlns="http://www.w3.org/2000/svg"/>\n')

    def policy(self, **refcat: Any) -> Path:
        """Write `pelicanconf.py` with this REFCAT policy, and review with it from now on."""
        self.settings = self.root / "pelicanconf.py"
        self.settings.write_text(f"SITENAME = 'Test'\nREFCAT = {refcat!r}\n", encoding="utf-8")
        return self.settings

    # -- reviewing -----------------------------------------------------------------

    def review(self, as_of: date = AS_OF) -> Report:
        return review_project(self.content, self.settings, as_of, cache=False)

    def path(self, file: Path) -> str:
        """A file's path as findings write it: relative to the folder above content/."""
        return file.relative_to(self.root).as_posix()


def baseline(project: Project) -> Project:
    """One customer, one public reference, a taxonomy: no finding, published."""
    project.taxonomy()
    project.customer()
    project.reference()
    return project


def line_of(path: Path, text: str, after: int = 0) -> int:
    """The 1-based number of the first line after line `after` that contains `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[after:], start=after + 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def rules(report: Report) -> list[str]:
    return sorted(f.rule for f in report.findings)


def findings(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def only(report: Report, rule: str) -> Finding:
    """The one finding of `rule`; fails when there is none or more than one."""
    found = findings(report, rule)
    assert len(found) == 1, f"expected one {rule}, got {report.findings}"
    return found[0]
