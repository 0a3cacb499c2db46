"""`refcat check --format sarif`: SARIF 2.1.0 for GitHub code scanning and SARIF viewers.

Paths are relative to the repository root, named `REPOROOT` in `originalUriBaseIds`.
Each rule carries its `--explain` documentation as help (and `helpUri` when the
policy names where the documentation is published); each result a fingerprint that
survives re-runs and moved lines, so code scanning keeps one alert per problem.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from urllib.parse import quote

from refcat.checks.finding import Finding
from refcat.checks.rules import RULES
from refcat.checks.run import Report
from refcat.generator.output import PLAIN, Output, stable_message
from refcat.generator.rule_docs import explain, rule_section, summary_of

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "REPOROOT"
FINGERPRINT = "refcatFinding/v1"


def to_sarif(report: Report, output: Output = PLAIN) -> str:
    index = {rule.NAME: position for position, rule in enumerate(RULES)}
    docs_url = report.policy.docs_url
    driver = {"name": "refcat", "version": _version()}
    if docs_url:
        driver["informationUri"] = docs_url
    driver["rules"] = [_rule(rule, docs_url) for rule in RULES]
    place = output.placer(report)
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {BASE_ID: {"uri": output.root(report).as_uri().rstrip("/") + "/"}},
        "results": [_result(f, place(f.path), index[f.rule]) for f in report.findings],
        "columnKind": "unicodeCodePoints",
        "properties": {"as_of": report.as_of.isoformat()},
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _version() -> str:
    try:
        return version("refcat")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def _rule(rule: ModuleType, docs_url: str | None) -> dict:
    documentation = (rule.__doc__ or "").strip()
    described = {
        "id": rule.NAME,
        "name": "".join(part.capitalize() for part in rule.NAME.split("-")),
        "shortDescription": {"text": summary_of(rule)},
        "fullDescription": {"text": documentation},
        "help": {"text": explain(rule), "markdown": rule_section(rule)},
    }
    if docs_url:
        described["helpUri"] = f"{docs_url.rstrip('/')}/rules.md#{rule.NAME}"
    described["defaultConfiguration"] = {"level": "warning" if rule.KIND == "warning" else "error"}
    described["properties"] = {"kind": rule.KIND}
    return described


def fingerprint(f: Finding, path: str) -> str:
    """The same problem in the same record gives the same value, wherever its line is."""
    message = stable_message(f.message)
    key = "\0".join((f.rule, path, f.record, message))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _result(f: Finding, path: str, rule_index: int) -> dict:
    location = {
        "artifactLocation": {"uri": quote(path), "uriBaseId": BASE_ID},
        "region": {"startLine": f.line},
    }
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": f.severity,
        "message": {"text": f"{f.message}. {f.hint}"},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT: fingerprint(f, path)},
        "properties": {"record": f.record, "references": list(f.references), "hint": f.hint},
    }
