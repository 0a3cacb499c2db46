"""The rule registry: a plain tuple of rule modules, in the order of SPEC's table.

Each module declares everything about its rule, and nothing else lists rules:

- its docstring: the user documentation (what it finds, why it matters, an example,
  the fix), shown by `refcat check --explain` and in docs/rules.md;
- `NAME`, and `KIND`: `structural` (the record cannot be trusted: always an error),
  `blocking` (keeps a reference off the website) or `warning`;
- `LABEL`: the few words the internal catalog shows for it ("Why not usable");
- `ABOUT`: what it judges, which decides whether it argues against a reference call:
  `file` (structural), `reference` (the project's story), `customer` (the referee's
  standing) or `publication` (what may be shown publicly: consents, anonymity, markup);
- `check(catalog, policy, as_of)`, which yields facts. The runner adds severity.
"""

from refcat.checks.rules import (
    anonymity_breach,
    consent_expired,
    consent_expiring,
    consent_missing,
    customer_churned,
    duplicate_id,
    evaluation_missing,
    id_mismatch,
    invalid_record,
    invalid_yaml,
    missing_file,
    no_arguments,
    product_retired,
    rating_review_overdue,
    rating_unusable,
    referee_overused,
    reference_too_old,
    reputation_risk,
    technology_eol,
    technology_eol_soon,
    unknown_customer,
    unknown_taxonomy,
    unknown_technology,
    unsafe_content,
    unsafe_logo,
)

RULES = (
    invalid_yaml,
    invalid_record,
    duplicate_id,
    id_mismatch,
    unknown_customer,
    unknown_taxonomy,
    unknown_technology,
    missing_file,
    anonymity_breach,
    consent_missing,
    consent_expired,
    consent_expiring,
    technology_eol,
    technology_eol_soon,
    product_retired,
    reference_too_old,
    rating_unusable,
    rating_review_overdue,
    customer_churned,
    reputation_risk,
    evaluation_missing,
    no_arguments,
    referee_overused,
    unsafe_content,
    unsafe_logo,
)

BY_NAME = {rule.NAME: rule for rule in RULES}
KIND_OF = {rule.NAME: rule.KIND for rule in RULES}

KINDS = ("structural", "blocking", "warning")
ABOUTS = ("file", "reference", "customer", "publication")
STRUCTURAL_RULES = frozenset(rule.NAME for rule in RULES if rule.KIND == "structural")
