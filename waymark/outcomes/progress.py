"""Distance travelled: a young person's progress as charts with their numbers.

Turns the records read by ``selectors.progress_for_young_person`` into sections for the
Progress page (and, later, documents): each has an SVG chart (``waymark.core.charts``)
and a table holding the same numbers, so nothing is shown only as a picture.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString

from waymark.core.charts import Series, format_number, line_chart
from waymark.core.clock import long_date

from . import measures, nccis
from .enums import IndicatorKind, Informant, MeasureKind
from .models import Destination, IndicatorReading, MeasureResult, MissingEpisode, Outcome
from .scales import COUNT, INDICATORS, RATING
from .selectors import Progress


@dataclass(frozen=True)
class Cell:
    label: str  # the column's name, shown beside the value on a phone
    value: str
    numeric: bool


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)  # columns holding numbers (right-aligned)

    @property
    def header_cells(self) -> list[Cell]:
        return [Cell(name, name, i in self.numeric) for i, name in enumerate(self.head)]

    @property
    def body(self) -> list[list[Cell]]:
        return [[Cell(self.head[i], value, i in self.numeric) for i, value in enumerate(row)] for row in self.rows]


@dataclass
class ChartSection:
    key: str
    title: str
    chart: SafeString
    table: Table
    hint: str = ""
    # Set for sections with an action (an outcome to review, an indicator or measure to record).
    kind: str = ""
    outcome: Outcome | None = None


@dataclass
class EpisodeRow:
    episode: MissingEpisode
    length_days: int | None


@dataclass
class DestinationRow:
    destination: Destination
    activity: nccis.Activity | None

    @property
    def activity_label(self) -> str:
        return self.activity.choice_label if self.activity else self.destination.nccis_code


@dataclass
class ProgressPage:
    outcomes: list[ChartSection]
    indicators: list[ChartSection]
    measures: list[ChartSection]
    episodes: list[EpisodeRow]
    qualifications: list[Any]
    destinations: list[DestinationRow]

    @property
    def latest_destination(self) -> DestinationRow | None:
        return self.destinations[-1] if self.destinations else None


def _by(record: Any) -> str:
    return str(record.author.display_name)


def _chart(key: str, title: str, series: list[Series], *, span: tuple[date, date], **kwargs: Any) -> SafeString:
    return line_chart(chart_id=f"chart-{key}", title=title, series=series, start=span[0], end=span[1], **kwargs)


def _span(progress: Progress, today: date) -> tuple[date, date]:
    """One time axis for every chart on the page: from the first agreement's start (or
    the first record) to today (or the last agreement's end)."""
    starts = [a.start_date for a in progress.agreements]
    ends = [a.end_date or today for a in progress.agreements]
    days: list[date] = [r.reviewed_on for o in progress.outcomes for r in o.reviews.all()]
    days += [r.recorded_on for r in progress.readings] + [m.completed_on for m in progress.measures]
    return min(starts + days), max(ends + days)


def _outcome_sections(outcomes: Iterable[Outcome], span: tuple[date, date]) -> list[ChartSection]:
    sections = []
    for number, outcome in enumerate(outcomes, start=1):
        reviews = list(outcome.reviews.all())
        key = f"outcome-{number}"
        chart = _chart(
            key,
            f"Outcome {number}: {outcome.description}",
            [Series("Rating out of 10", [(r.reviewed_on, r.rating) for r in reviews])],
            span=span,
            y_min=0,
            y_max=10,
            y_ticks=[0, 2, 4, 6, 8, 10],
            description="Goal-based rating from 0 (not at all) to 10 (fully achieved).",
        )
        table = Table(
            caption=f"Reviews of outcome {number}",
            head=["Date", "Rating (0 to 10)", "Evidence", "Recorded by"],
            rows=[[long_date(r.reviewed_on), str(r.rating), r.evidence, _by(r)] for r in reviews],
            numeric={1},
        )
        sections.append(
            ChartSection(key=key, title=f"{number}. {outcome.description}", chart=chart, table=table, outcome=outcome)
        )
    return sections


def _indicator_sections(readings: Iterable[IndicatorReading], span: tuple[date, date]) -> list[ChartSection]:
    by_kind: dict[str, list[IndicatorReading]] = defaultdict(list)
    for reading in readings:
        by_kind[reading.kind].append(reading)
    sections = []
    for kind in IndicatorKind:
        rows = by_kind.get(kind.value)
        if not rows:
            continue
        spec = INDICATORS[kind.value]
        values = [r.value for r in rows]
        if spec.measure == COUNT:
            y_max: Decimal | int = max(5, int(max(values)) + 1)
            ticks = None if y_max > 10 else list(range(0, int(y_max) + 1))
        else:
            y_max, ticks = spec.high, list(range(spec.low, spec.high + 1)) if spec.measure == RATING else None
        better = "Higher is better." if spec.higher_is_better else "Lower is better."
        chart = _chart(
            kind.value,
            str(kind.label),
            [Series(str(kind.label), [(r.recorded_on, r.value) for r in rows], step=spec.step_chart)],
            span=span,
            y_min=spec.low,
            y_max=y_max,
            y_ticks=ticks,
            unit=spec.unit,
            description=better,
        )
        table = Table(
            caption=f"{kind.label}: readings",
            head=["Date", "Reading", "Source", "Note", "Recorded by"],
            rows=[
                [long_date(r.recorded_on), spec.describe(r.value), r.get_source_display(), r.note, _by(r)] for r in rows
            ],
            numeric=set() if spec.measure == RATING else {1},
        )
        sections.append(
            ChartSection(key=kind.value, title=str(kind.label), chart=chart, table=table, hint=better, kind=kind.value)
        )
    return sections


def _scored(result: MeasureResult, name: str) -> str:
    entry = result.subscores.get(name)
    if not entry:
        return "–"
    band = entry.get("band")
    return f"{entry['score']} ({band.lower()})" if band else str(entry["score"])


def _measure_section(kind: str, informant: str, results: list[MeasureResult], span: tuple[date, date]) -> ChartSection:
    label = str(MeasureKind(kind).label)
    key = f"{kind}-{informant}"
    low, high = measures.MEASURE_CHART_RANGE[kind]
    hint = ""
    if kind == MeasureKind.SWEMWBS:
        series = [Series("Metric score", [(r.completed_on, r.score or 0) for r in results])]
        head = ["Date", "Metric score (7 to 35)", "Raw score"]
        rows = [[long_date(r.completed_on), format_number(r.score or 0), _scored(r, "raw")] for r in results]
        hint = f"Higher is better. SWEMWBS {measures.SWEMWBS_ATTRIBUTION}."
    elif kind == MeasureKind.ROSENBERG:
        series = [Series("Total", [(r.completed_on, r.score or 0) for r in results])]
        head = ["Date", "Total (0 to 30)", "Band"]
        rows = [[long_date(r.completed_on), format_number(r.score or 0), r.band] for r in results]
        hint = "Higher is better; below 15 suggests low self-esteem."
    elif kind == MeasureKind.ONS4:
        series = [
            Series(measures.ONS4_LABELS[name], [(r.completed_on, r.subscores[name]["score"]) for r in results])
            for name, _ in measures.ONS4_ITEMS
        ]
        head = ["Date", *(f"{measures.ONS4_LABELS[name]} (0 to 10)" for name, _ in measures.ONS4_ITEMS)]
        rows = [[long_date(r.completed_on), *(_scored(r, name) for name, _ in measures.ONS4_ITEMS)] for r in results]
        hint = "Higher is better, except anxiety, where lower is better."
    else:
        label = f"{label}: {Informant(informant).label.lower()}"
        series = [Series("Total difficulties", [(r.completed_on, r.score or 0) for r in results])]
        head = ["Date", "Total difficulties (0 to 40)"] + [measures.SDQ_LABELS[s] for s in measures.SDQ_SCALES[1:]]
        rows = [
            [long_date(r.completed_on), f"{format_number(r.score or 0)}{f' ({r.band.lower()})' if r.band else ''}"]
            + [_scored(r, s) for s in measures.SDQ_SCALES[1:]]
            for r in results
        ]
        hint = "Lower total difficulties are better."
    ticks = [0, 2, 4, 6, 8, 10] if kind == MeasureKind.ONS4 else None
    chart = _chart(key, label, series, span=span, y_min=low, y_max=high, y_ticks=ticks, description=hint)
    table = Table(caption=f"{label}: results", head=head, rows=rows, numeric=set(range(1, len(head))))
    return ChartSection(key=key, title=label, chart=chart, table=table, hint=hint, kind=kind)


def _measure_sections(results: Iterable[MeasureResult], span: tuple[date, date]) -> list[ChartSection]:
    grouped: dict[tuple[str, str], list[MeasureResult]] = defaultdict(list)
    for result in results:
        grouped[(result.kind, result.informant)].append(result)
    order = {kind.value: i for i, kind in enumerate(MeasureKind)}
    informants = {inf.value: i for i, inf in enumerate(Informant)}
    keys = sorted(grouped, key=lambda k: (order.get(k[0], 99), informants.get(k[1], 99)))
    return [_measure_section(kind, informant, grouped[(kind, informant)], span) for kind, informant in keys]


def progress_page(progress: Progress, *, today: date) -> ProgressPage:
    """The Progress page's sections from the records ``progress`` holds (no queries)."""
    span = _span(progress, today) if progress.agreements else (today, today)
    return ProgressPage(
        outcomes=_outcome_sections(progress.outcomes, span),
        indicators=_indicator_sections(progress.readings, span),
        measures=_measure_sections(progress.measures, span),
        episodes=[
            EpisodeRow(episode=e, length_days=(e.end_date - e.start_date).days if e.end_date else None)
            for e in progress.episodes
        ],
        qualifications=progress.qualifications,
        destinations=[DestinationRow(d, nccis.ACTIVITIES.get(d.nccis_code)) for d in progress.destinations],
    )
