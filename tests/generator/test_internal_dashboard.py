"""The dashboard's figures on the demo content, computed again here from the YAML files
(or, where that would repeat the review, checked by hand and written down)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from refcat.checks.run import review_project
from refcat.generator.internal.dashboard import dashboard
from refcat.generator.internal.dashboard_charts import dashboard_charts
from refcat.generator.internal.views import Program
from tests.factories import AS_OF

PROJECT = Path(__file__).resolve().parents[2]
CUSTOMERS = PROJECT / "content" / "customers"


@cache
def board():
    report = review_project(PROJECT / "content", PROJECT / "pelicanconf.py", AS_OF, cache=False)
    return dashboard(Program(report))


@cache
def customers() -> tuple[dict, ...]:
    return tuple(
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(CUSTOMERS.glob("*.yaml"))
    )


def test_referees_by_grade_count_every_customer_once():
    by_grade = Counter(str(c["rating"]["grade"]) for c in customers())
    rows = {row.grade: row for row in board().grades}
    assert {g: rows[g].total for g in rows if rows[g].total} == dict(by_grade)


def test_referees_by_grade_split_by_availability_as_checked_by_hand():
    # A: 15 customers; lumen rests until 2026-12-02, marigold has an open blocking
    # reputation entry, saltmarsh's rating review is overdue. 2: 8 customers; cobalt
    # churned, hanse, larkspur and pinecrest have no reference-call consent.
    rows = {row.grade: (row.available, row.resting, row.not_usable) for row in board().grades}
    assert rows == {
        "A": (12, 1, 2),
        "1": (0, 0, 1),
        "B": (0, 0, 1),
        "2": (4, 0, 4),
        "C": (0, 0, 1),
        "D": (0, 0, 1),
    }
    assert board().askable == 16


def test_consents_ending_within_30_60_90_days():
    expected = []
    for c in customers():
        for consent in c.get("consents", []):
            ends = [d for d in (consent.get("expires"), consent.get("withdrawn")) if d]
            end = min(ends) if ends else None
            if end and consent["granted"] <= AS_OF < end and (end - AS_OF).days <= 90:
                expected.append((c["name"], consent["scope"], end, (end - AS_OF).days))
    found = [(e.customer.label, e.scope, e.ends, e.days_left) for e in board().expiring]
    assert found == sorted(expected, key=lambda e: (e[2], e[0], e[1]))
    assert found == [("Helios Solar Farms S.L.", "quote", date(2027, 1, 15), 51)]
    within = {days: sum(1 for e in expected if e[3] <= days) for days in (30, 60, 90)}
    assert dict(board().expiring_within) == within == {30: 0, 60: 1, 90: 1}


def _quarter(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def test_requests_per_quarter_with_outcomes_and_value_won():
    counts: Counter[tuple[str, str]] = Counter()
    won: Counter[str] = Counter()
    for c in customers():
        for request in c.get("requests", []):
            if request["date"] > AS_OF:
                continue
            quarter, outcome = _quarter(request["date"]), request.get("outcome", "pending")
            counts[(quarter, outcome)] += 1
            if outcome == "won":
                won[quarter] += request.get("value", 0)
    rows = board().quarters
    assert [q.label for q in rows] == [f"{y} Q{n}" for y in (2025, 2026) for n in (1, 2, 3, 4)]
    for row in rows:
        assert dict(row.outcomes) == {
            o: counts[(row.label, o)] for o in ("pending", "done", "declined", "won", "lost")
        }
        assert row.won_value == won[row.label]
    assert board().earlier_requests == sum(n for (q, _), n in counts.items() if q < "2025 Q1")
    assert sum(r.won_value for r in rows) == 10_985_000  # the demo's 32 won deals, by hand


def test_referees_asked_most_in_the_last_year():
    start = AS_OF - timedelta(days=365)
    asked = {
        c["name"]: sum(1 for r in c.get("requests", []) if start < r["date"] <= AS_OF)
        for c in customers()
    }
    rows = board().most_asked
    assert [(r.customer.label, r.asked) for r in rows][:1] == [("Lumen Retail Group N.V.", 6)]
    for row in rows:
        assert row.asked == asked[row.customer.label]
    top = sorted(asked.values(), reverse=True)[: len(rows)]
    assert [r.asked for r in rows] == top
    assert rows[0].availability == "resting until 2026-12-02"


def test_not_usable_references_by_reason_as_checked_by_hand():
    reasons = {
        r.rule: sorted(link.url.removeprefix("references/") for link in r.references)
        for r in board().reasons
    }
    assert reasons == {
        "rating-unusable": sorted(
            f"{i}.html"
            for i in (
                "granite-underwriting-workbench",
                "kronberg-spare-parts-catalog",
                "sunda-marketplace-integration",
                "vega-fleet-telematics",
            )
        ),
        "consent-expired": [
            "orchard-valley-imaging-archive.html",
            "quayside-broker-data-exchange.html",
        ],
        "reference-too-old": ["alpine-policy-archive.html", "st-aldhelm-lab-results-feed.html"],
        "technology-eol": ["ferrovia-mes-bridge.html", "tidewater-legacy-wms-sync.html"],
        "consent-missing": ["larkspur-digital-onboarding.html"],
        "customer-churned": ["cobalt-billing-mediation.html"],
        "evaluation-missing": ["pacifica-5g-usage-analytics.html"],
        "no-arguments": ["southern-cross-pricing-pilot.html"],
        "anonymity-breach": ["pacifica-5g-usage-analytics.html"],
        "product-retired": ["meridian-branch-portal.html"],
        "rating-review-overdue": ["saltmarsh-asset-data-hub.html"],
        "reputation-risk": ["marigold-prescription-analytics.html"],
    }
    assert dict(board().by_status) == {"published": 26, "internal": 5, "not-usable": 17}


def test_coverage_counts_usable_references_per_product_and_industry():
    coverage = board().coverage
    products = [p.slug for p in coverage.products]
    industries = [i.slug for i in coverage.industries]
    assert "classic-portal" not in products  # retired on 2025-06-30
    cell = {
        (p, i): coverage.counts[a][b]
        for a, p in enumerate(products)
        for b, i in enumerate(industries)
    }
    # Data Hub in banking: both kestrel projects and meridian-customer-360; hanse's
    # referee may not be called (no reference-call consent), so it does not count
    assert cell[("data-hub", "banking")] == 3
    # Data Hub in retail: both lumen projects (resting counts), not marigold (reputation)
    assert cell[("data-hub", "retail")] == 2
    # nobody in professional services: its one reference (brightpath) is filed as public sector
    assert all(cell[(p, "professional-services")] == 0 for p in products)
    assert coverage.gaps == sum(1 for n in cell.values() if n == 0) == 21


def test_charts_are_inline_svg_without_style_attributes():
    charts = dashboard_charts(board())
    for svg in (charts.grades, charts.reasons, charts.quarters, charts.most_asked):
        text = str(svg)
        assert text.startswith("<svg") and "style" not in text
        assert "<title" in text and "<desc" in text and 'role="img"' in text
    assert "2026 Q4: 9" in str(charts.quarters)
