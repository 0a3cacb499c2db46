"""The rule registry: a plain tuple of rule modules, in the order of SPEC's table.

Each module has a docstring (the user documentation: what it finds, why it matters,
an example, the fix), `NAME`, `KIND` (structural, blocking or warning) and
`check(catalog, policy, as_of)`, which yields facts. The runner adds severity.
"""

from checks.rules import (
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
