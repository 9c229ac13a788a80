"""Server-rendered SVG charts: small, dependency-free, accessible, CSP-safe.

A chart is a string of SVG that works inline in a page and in a PDF (WeasyPrint) alike:

- ``role="img"`` with a ``<title>`` and a ``<desc>`` named by ``aria-labelledby``; the
  description says what the lines show in words, and pages put the numbers in a
  table beside the chart as well;
- no script and no ``style`` attribute (the Content-Security-Policy forbids inline
  styles): colours, widths and fonts are SVG presentation attributes;
- series are told apart by colour, dash pattern and marker shape, never colour alone.

    svg = line_chart(
        chart_id="attendance",
        title="School attendance (%)",
        series=[Series("Attendance", [(date(2026, 9, 7), 62), (date(2026, 10, 5), 80)])],
        y_min=0, y_max=100,
    )
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from .clock import local_today

Number = int | float | Decimal

FONT = "Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#0b0c0c"
GRID_COLOUR = "#b1b4b6"
# GOV.UK palette colours with at least 3:1 contrast against white (WCAG 2.2 non-text contrast).
COLOURS = ["#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#6f4e37", "#0b4f4a"]
DASHES = ["", "8 4", "3 3", "10 3 3 3", "1 4", "12 6"]
MARKERS = ["circle", "square", "triangle", "diamond", "circle", "square"]


@dataclass(frozen=True)
class Series:
    """One line: a label and (date, value) points. ``step`` draws a step line: each
    value holds until the next (counts), instead of a straight line between points."""

    label: str
    points: Sequence[tuple[date, Number]]
    step: bool = False


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def format_number(value: Number) -> str:
    """12, 12.5, 20.73: no trailing zeros."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.normalize():f}"


def format_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def describe(series: Sequence[Series], *, unit: str = "") -> str:
    """A sentence per series: how many values, first and last, lowest and highest."""
    suffix = f" {unit}".rstrip() if unit and unit != "%" else unit
    parts = []
    for s in series:
        points = sorted(s.points, key=lambda p: p[0])
        if not points:
            parts.append(f"{s.label}: no values recorded.")
            continue
        (first_day, first), (last_day, last) = points[0], points[-1]
        if len(points) == 1:
            parts.append(f"{s.label}: one value, {format_number(first)}{suffix} on {_long_day(first_day)}.")
            continue
        values = [p[1] for p in points]
        parts.append(
            f"{s.label}: {len(points)} values, from {format_number(first)}{suffix} on {_long_day(first_day)} "
            f"to {format_number(last)}{suffix} on {_long_day(last_day)}; lowest {format_number(min(values))}{suffix}, "
            f"highest {format_number(max(values))}{suffix}."
        )
    return " ".join(parts) if parts else "No values recorded."


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        return [low]
    step = (high - low) / (count - 1)
    return [low + step * i for i in range(count)]


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    title = f"<title>{_e(tip)}</title>"
    common = f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {common}>{title}</rect>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" {common}>{title}</polygon>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{points}" {common}>{title}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {common}>{title}</circle>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    series: Sequence[Series],
    y_min: Number,
    y_max: Number,
    description: str = "",
    unit: str = "",
    y_ticks: Sequence[Number] | None = None,
    y_labels: dict[int, str] | None = None,
    start: date | None = None,
    end: date | None = None,
    width: int = 640,
    height: int = 260,
) -> SafeString:
    """An accessible SVG line (or step) chart of values over dates.

    ``chart_id`` must be unique on the page (it names the title and description).
    ``description`` goes before the generated summary of the series. The x axis runs
    from ``start`` (or the first date) to ``end`` (or the last date); the y axis from
    ``y_min`` to ``y_max``, with ``y_ticks`` (or five even ticks) labelled by
    ``y_labels`` where given.
    """
    ident = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in chart_id)
    low, high = float(y_min), float(y_max)
    if high <= low:
        high = low + 1
    days = [d for s in series for d, _ in s.points]
    first = start or (min(days) if days else local_today())
    last = end or (max(days) if days else first)
    if last <= first:
        first, last = first - timedelta(days=1), first + timedelta(days=1)
    legend_rows = (len(series) + 1) // 2 if len(series) > 1 else 0
    left, right, top = 48, 20, 16
    bottom = 40 + legend_rows * 20
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (last - first).days

    def x_at(day: date) -> float:
        return left + plot_w * (day - first).days / span

    def y_at(value: Number) -> float:
        clamped = min(max(float(value), low), high)
        return top + plot_h * (1 - (clamped - low) / (high - low))

    summary = describe(series, unit=unit)
    desc = f"{description} {summary}".strip() if description else summary
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'class="waymark-chart" font-family="{FONT}" font-size="12" fill="{TEXT_COLOUR}">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # Horizontal grid lines with the y labels.
    for tick in y_ticks if y_ticks is not None else _ticks(low, high):
        y = y_at(tick)
        label = (y_labels or {}).get(int(tick), format_number(round(float(tick), 2)))
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID_COLOUR}" '
            'stroke-width="1"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_e(label)}</text>')
    # The axes.
    axis_y = top + plot_h
    out.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="{TEXT_COLOUR}" stroke-width="1"/>'
    )
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{axis_y}" stroke="{TEXT_COLOUR}" stroke-width="1"/>')
    # Dates along the x axis: the ends, and up to three between them.
    x_days = sorted({first + timedelta(days=round(span * i / 4)) for i in range(5)}) if span >= 8 else [first, last]
    for i, day in enumerate(x_days):
        anchor = "start" if i == 0 else "end" if i == len(x_days) - 1 else "middle"
        x = x_at(day)
        out.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="{TEXT_COLOUR}"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 18}" text-anchor="{anchor}">{_e(format_day(day))}</text>')
    # The series.
    for index, s in enumerate(series):
        colour, dash, shape = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)], MARKERS[index % len(MARKERS)]
        points = sorted(s.points, key=lambda p: p[0])
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if points:
            coords = [(x_at(d), y_at(v)) for d, v in points]
            path = [f"M{coords[0][0]:.1f} {coords[0][1]:.1f}"]
            for (x, y), (_, prev_y) in zip(coords[1:], coords[:-1], strict=True):
                path.append(f"H{x:.1f} V{y:.1f}" if s.step and y != prev_y else f"L{x:.1f} {y:.1f}")
            if s.step and coords[-1][0] < left + plot_w:
                path.append(f"H{left + plot_w:.1f}")
            if len(path) > 1:
                out.append(
                    f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2.5"'
                    f'{dash_attr} stroke-linejoin="round"/>'
                )
            for (x, y), (day, value) in zip(coords, points, strict=True):
                tip = f"{s.label}, {format_day(day)}: {format_number(value)}{unit if unit == '%' else ''}"
                out.append(_marker(shape, x, y, colour, tip))
        if legend_rows:
            row, col = divmod(index, 2)
            lx = left + col * (plot_w // 2)
            ly = axis_y + 36 + row * 20
            out.append(
                f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 28}" y2="{ly - 4}" stroke="{colour}" stroke-width="2.5"'
                f"{dash_attr}/>"
            )
            out.append(_marker(shape, lx + 14, ly - 4, colour, s.label))
            out.append(f'<text x="{lx + 36}" y="{ly}">{_e(s.label)}</text>')
    if not days:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" text-anchor="middle">'
            "No values recorded yet</text>"
        )
    out.append("</svg>")
    # Every piece of text above is escaped by _e, the id is reduced to letters, digits, "-"
    # and "_", and the rest is numbers and constants: the markup is safe to mark so.
    markup = "".join(out)
    return mark_safe(markup)  # noqa: S308  # nosec B308 B703
