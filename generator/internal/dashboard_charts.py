"""The dashboard's charts, drawn at build time from its figures (see charts.py)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from refcat.generator.internal.charts import Bar, Segment, bar_chart, column_chart
from refcat.generator.internal.dashboard import MOST_ASKED_DAYS, Dashboard


@dataclass(frozen=True)
class DashboardCharts:
    grades: Markup
    reasons: Markup
    quarters: Markup
    most_asked: Markup


def dashboard_charts(board: Dashboard) -> DashboardCharts:
    grades = [
        Bar(
            f"{row.grade}: {row.meaning}",
            (
                Segment("available", row.available),
                Segment("resting", row.resting),
                Segment("not-usable", row.not_usable),
            ),
        )
        for row in board.grades
    ]
    reasons = [Bar(r.label, (Segment("reason", len(r.references)),)) for r in board.reasons]
    quarters = [
        Bar(q.label, tuple(Segment(o, n) for o, n in q.outcomes), note=str(q.total))
        for q in board.quarters
    ]
    asked = [Bar(r.customer.label, (Segment("asked", r.asked),)) for r in board.most_asked]
    return DashboardCharts(
        grades=bar_chart("chart-grades", "Customers by grade and availability", grades),
        reasons=bar_chart("chart-reasons", "References not usable, by reason", reasons),
        quarters=column_chart("chart-quarters", "Reference requests per quarter", quarters),
        most_asked=bar_chart("chart-asked", f"Requests in the last {MOST_ASKED_DAYS} days", asked),
    )
