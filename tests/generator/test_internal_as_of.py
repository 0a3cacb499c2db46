"""Record pages say dates, not day counts that change every night."""

from __future__ import annotations

from datetime import date

from refcat.generator.internal.as_of import as_of_script, without_day_count


def test_a_finding_loses_only_the_day_count_after_its_date():
    message = "redis@8.0 reaches its end of life on 2026-12-01, in 6 days"
    assert without_day_count(message) == "redis@8.0 reaches its end of life on 2026-12-01"
    assert without_day_count("Quote consent expires on 2026-11-26, in 1 day").endswith("11-26")
    kept = "Asked 4 times in 90 days: thank them, in 10 days ask again"
    assert without_day_count(kept) == kept


def test_the_script_carries_the_date_and_nothing_else_of_the_build():
    script = as_of_script(date(2026, 11, 26)).decode()
    assert '"2026-11-26"' in script and "[data-as-of]" in script
    assert as_of_script(date(2026, 11, 26)) == as_of_script(date(2026, 11, 26))
