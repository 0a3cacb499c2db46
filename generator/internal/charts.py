"""Charts drawn at build time as inline SVG: no chart service, no script.

The Content-Security-Policy forbids inline styles, so the SVG carries no `style=`
attribute and no `<style>` element: geometry goes in attributes, colours in classes
that internal.css styles. Every chart has a <title> and <desc> for screen readers;
the pages show the same figures in a table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from refcat.checks.models import NpsScore

ROW = 28  # height of one horizontal bar row
LABEL_WIDTH = 230
LABEL_CHARS = 27  # what fits in LABEL_WIDTH at the chart's font size
CHART_WIDTH = 560


@dataclass(frozen=True)
class Segment:
    series: str  # a CSS class suffix: `bar-<series>`
    value: float


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    note: str = ""  # printed after the bar, e.g. a total or a value

    @property
    def total(self) -> float:
        return sum(s.value for s in self.segments)


def _svg(chart_id: str, title: str, desc: str, size: tuple[int, int], body: list[str]) -> Markup:
    """The chart's frame: its box of `size` (width, height) and what a screen reader hears."""
    width, height = size
    head = (
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="13">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar]) -> Markup:
    """Horizontal bars, stacked when a bar has several segments."""
    largest = max((b.total for b in bars), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 70
    height = max(len(bars), 1) * ROW + 8
    body: list[str] = []
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end" class="chart-label">'
            f"{escape(_short(bar.label))}</text>"
        )
        x = float(LABEL_WIDTH)
        for segment in bar.segments:
            width = span * segment.value / largest
            if width > 0:
                body.append(
                    f'<rect x="{_num(x)}" y="{y + 3}" width="{_num(width)}" height="{ROW - 8}" '
                    f'class="bar bar-{escape(segment.series)}"/>'
                )
            x += width
        note = escape(bar.note or _num(bar.total))
        body.append(f'<text x="{_num(x + 6)}" y="{y + 18}" class="chart-value">{note}</text>')
    desc = "; ".join(f"{b.label}: {b.note or _num(b.total)}" for b in bars) or "No data"
    return _svg(chart_id, title, desc, (CHART_WIDTH, height), body)


def column_chart(
    chart_id: str, title: str, columns: Sequence[Bar], width: int = 960, height: int = 240
) -> Markup:
    """Vertical stacked columns, one per label (e.g. a quarter), with the total on top."""
    largest = max((c.total for c in columns), default=0) or 1
    plot_top, plot_bottom, left = 24, height - 30, 36
    step = (width - left - 10) / max(len(columns), 1)
    body = [_axis(left, plot_top, plot_bottom, largest, width)]
    for index, column in enumerate(columns):
        x = left + index * step + step * 0.18
        bar_width = step * 0.64
        y = float(plot_bottom)
        for segment in column.segments:
            size = (plot_bottom - plot_top) * segment.value / largest
            if size > 0:
                y -= size
                body.append(
                    f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(bar_width)}" '
                    f'height="{_num(size)}" class="bar bar-{escape(segment.series)}"/>'
                )
        middle = _num(x + bar_width / 2)
        body.append(
            f'<text x="{middle}" y="{_num(y - 5)}" text-anchor="middle" class="chart-value">'
            f"{escape(column.note or _num(column.total))}</text>"
            f'<text x="{middle}" y="{plot_bottom + 18}" text-anchor="middle" class="chart-label">'
            f"{escape(column.label)}</text>"
        )
    desc = "; ".join(f"{c.label}: {c.note or _num(c.total)}" for c in columns) or "No data"
    return _svg(chart_id, title, desc, (width, height), body)


def _axis(left: int, top: int, bottom: int, largest: float, width: int) -> str:
    return (
        f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" class="axis"/>'
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end" class="chart-tick">0</text>'
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="chart-tick">'
        f"{_num(largest)}</text>"
        f'<line x1="{left}" y1="{top}" x2="{width - 10}" y2="{top}" class="gridline"/>'
    )


def nps_chart(scores: Sequence[NpsScore], chart_id: str = "nps-chart") -> Markup:
    """NPS over time on a 0-10 scale, over the promoter (9-10) and detractor (0-6) bands."""
    width, height, left, right, top, bottom = 440, 160, 34, 40, 22, 124
    inner = width - left - right

    def y(score: float) -> float:
        return bottom - (bottom - top) * score / 10

    step = inner / max(len(scores) - 1, 1)
    points = [
        (left + i * step if len(scores) > 1 else left + inner / 2, y(s.score))
        for i, s in enumerate(scores)
    ]
    body = [
        f'<rect x="{left}" y="{_num(y(10))}" width="{inner}" height="{_num(y(8.5) - y(10))}" '
        'class="band band-promoter"/>',
        f'<rect x="{left}" y="{_num(y(6.5))}" width="{inner}" height="{_num(y(0) - y(6.5))}" '
        'class="band band-detractor"/>',
    ]
    for tick in (0, 5, 10):
        body.append(
            f'<text x="{left - 8}" y="{_num(y(tick) + 4)}" text-anchor="end" class="chart-tick">'
            f"{tick}</text>"
        )
    if len(points) > 1:
        path = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
        body.append(f'<polyline points="{path}" class="nps-line" fill="none"/>')
    every = -(-len(scores) // 6)  # at most six date labels
    for index, ((px, py), score) in enumerate(zip(points, scores, strict=True)):
        body.append(
            f'<circle cx="{_num(px)}" cy="{_num(py)}" r="4" class="nps-point"/>'
            f'<text x="{_num(px)}" y="{_num(py - 9)}" text-anchor="middle" class="chart-value">'
            f"{score.score}</text>"
        )
        if index % every == 0 or index == len(scores) - 1:
            body.append(
                f'<text x="{_num(px)}" y="{bottom + 20}" text-anchor="middle" '
                f'class="chart-label">{score.date:%b %Y}</text>'
            )
    desc = "; ".join(f"{s.date}: {s.score}" for s in scores)
    return _svg(chart_id, "NPS history", desc, (width, height), body)
