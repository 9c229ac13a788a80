"""Scoring the validated measures, with the scoring held as data.

Each ``score_*`` function takes what was asked on paper or on screen and returns a
``Scored``: the item responses we may keep, the score, the subscores (each with its
band) and the overall band. Impossible input raises ``ValidationError`` naming the
field (``items`` or ``scores``) with a message a person understands.

What we ship (reference/uk-domain.md section 3):

- **SWEMWBS**: 7 items scored 1–5, raw 7–35, converted to the published metric score.
  We ask for the item scores from the completed form and show **no item wording**,
  only the copyright line below. No band table is published in our reference, so
  SWEMWBS results are not banded.
- **Rosenberg self-esteem** (public domain): 10 items answered strongly agree …
  strongly disagree, in the University of Maryland (UMD) order, items 2, 5, 6, 8 and 9
  reverse-scored; total 0–30; below 15 is low, the only band the reference gives
  (a total of 15 or more is shown as the score alone).
- **ONS4 personal wellbeing** (Open Government Licence): four questions 0–10, each banded.
- **SDQ**: scores only (total difficulties 0–40, five subscales 0–10), never its items;
  the four-band tables per informant are data in ``data/sdq_bands.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from .enums import Informant, MeasureKind

SWEMWBS_ATTRIBUTION = "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008"
SWEMWBS_ITEMS = 7
SWEMWBS_RESPONSES = {1: "None of the time", 2: "Rarely", 3: "Some of the time", 4: "Often", 5: "All of the time"}

# Raw score (7–35) -> metric score: the published SWEMWBS conversion table.
SWEMWBS_METRIC: dict[int, Decimal] = {
    raw: Decimal(metric)
    for raw, metric in {
        7: "7.00",
        8: "9.51",
        9: "11.25",
        10: "12.40",
        11: "13.33",
        12: "14.08",
        13: "14.75",
        14: "15.32",
        15: "15.84",
        16: "16.36",
        17: "16.88",
        18: "17.43",
        19: "17.98",
        20: "18.59",
        21: "19.25",
        22: "19.98",
        23: "20.73",
        24: "21.54",
        25: "22.35",
        26: "23.21",
        27: "24.11",
        28: "25.03",
        29: "26.02",
        30: "27.03",
        31: "28.13",
        32: "29.31",
        33: "30.70",
        34: "32.55",
        35: "35.00",
    }.items()
}

# Rosenberg, UMD order. Public domain: the wording may be shown.
ROSENBERG_ITEMS = [
    "On the whole, I am satisfied with myself.",
    "At times I think I am no good at all.",
    "I feel that I have a number of good qualities.",
    "I am able to do things as well as most other people.",
    "I feel I do not have much to be proud of.",
    "I certainly feel useless at times.",
    "I feel that I'm a person of worth, at least on an equal plane with others.",
    "I wish I could have more respect for myself.",
    "All in all, I am inclined to feel that I am a failure.",
    "I take a positive attitude toward myself.",
]
ROSENBERG_RESPONSES = {"SA": "Strongly agree", "A": "Agree", "D": "Disagree", "SD": "Strongly disagree"}
ROSENBERG_POINTS = {"SA": 3, "A": 2, "D": 1, "SD": 0}
ROSENBERG_REVERSED = frozenset({2, 5, 6, 8, 9})  # 1-based item numbers, UMD order
# Total -> band: only the band our reference gives, "total 0–30; <15 low"
# (reference/uk-domain.md section 3, "Outcome measures", the Rosenberg row). It
# publishes no other band, so a total of 15 or more carries no band: the score alone.
ROSENBERG_LOW_BELOW = 15

# ONS4: the four ONS personal wellbeing questions (Open Government Licence), in order.
ONS4_ITEMS: list[tuple[str, str]] = [
    ("life_satisfaction", "Overall, how satisfied are you with your life nowadays?"),
    ("worthwhile", "Overall, to what extent do you feel that the things you do in your life are worthwhile?"),
    ("happiness", "Overall, how happy did you feel yesterday?"),
    ("anxiety", "Overall, how anxious did you feel yesterday?"),
]
ONS4_LABELS = {
    "life_satisfaction": "Life satisfaction",
    "worthwhile": "Worthwhile",
    "happiness": "Happiness",
    "anxiety": "Anxiety",
}
ONS4_POSITIVE_BANDS = [(0, 4, "Low"), (5, 6, "Medium"), (7, 8, "High"), (9, 10, "Very high")]
ONS4_ANXIETY_BANDS = [(0, 1, "Very low"), (2, 3, "Low"), (4, 5, "Medium"), (6, 10, "High")]

SDQ_SCALES = ["total", "emotional", "conduct", "hyperactivity", "peer", "prosocial"]
SDQ_DIFFICULTIES = ["emotional", "conduct", "hyperactivity", "peer"]
SDQ_LABELS = {
    "total": "Total difficulties",
    "emotional": "Emotional symptoms",
    "conduct": "Conduct problems",
    "hyperactivity": "Hyperactivity and inattention",
    "peer": "Peer relationship problems",
    "prosocial": "Prosocial behaviour",
}
SDQ_SELF_REPORT_MIN_AGE = 11

BANDS_FILE = Path(__file__).parent / "data" / "sdq_bands.json"


@dataclass(frozen=True)
class Scored:
    """The result of scoring one completed measure."""

    items: list[Any] = field(default_factory=list)
    score: Decimal | None = None
    subscores: dict[str, dict[str, Any]] = field(default_factory=dict)
    band: str = ""


def _band(value: int, table: list[tuple[int, int, str]]) -> str:
    for low, high, label in table:
        if low <= value <= high:
            return label
    raise ValueError(f"{value} is outside every band")  # the tables cover their whole range


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_numbers(items: Any, *, count: int, low: int, high: int, name: str) -> list[int]:
    if not isinstance(items, list | tuple) or len(items) != count:
        raise ValidationError({"items": [f"{name} has {count} items: give a score for each of the {count}."]})
    errors = []
    for number, value in enumerate(items, start=1):
        if not _is_int(value):
            errors.append(f"Item {number} of {name} must be a whole number from {low} to {high}.")
        elif not low <= value <= high:
            errors.append(f"Item {number} of {name} is scored from {low} to {high}: {value} is not possible.")
    if errors:
        raise ValidationError({"items": errors})
    return list(items)


def score_swemwbs(items: Any) -> Scored:
    """Seven item scores 1–5 → raw score 7–35 → the published metric score."""
    values = _whole_numbers(items, count=SWEMWBS_ITEMS, low=1, high=5, name="SWEMWBS")
    raw = sum(values)
    return Scored(items=values, score=SWEMWBS_METRIC[raw], subscores={"raw": {"score": raw, "band": ""}})


def score_rosenberg(items: Any) -> Scored:
    """Ten answers (SA, A, D, SD) in UMD order → total 0–30 with reverse scoring."""
    if not isinstance(items, list | tuple) or len(items) != len(ROSENBERG_ITEMS):
        raise ValidationError({"items": ["The Rosenberg scale has 10 items: give an answer for each of the 10."]})
    answers: list[str] = []
    errors = []
    for number, value in enumerate(items, start=1):
        answer = value.strip().upper() if isinstance(value, str) else value
        if answer not in ROSENBERG_POINTS:
            errors.append(
                f"Item {number} of the Rosenberg scale must be answered SA (strongly agree), A (agree), "
                "D (disagree) or SD (strongly disagree)."
            )
        else:
            answers.append(answer)
    if errors:
        raise ValidationError({"items": errors})
    total = 0
    for number, answer in enumerate(answers, start=1):
        points = ROSENBERG_POINTS[answer]
        total += 3 - points if number in ROSENBERG_REVERSED else points
    band = "Low" if total < ROSENBERG_LOW_BELOW else ""
    return Scored(items=answers, score=Decimal(total), subscores={}, band=band)


def ons4_band(key: str, value: int) -> str:
    return _band(value, ONS4_ANXIETY_BANDS if key == "anxiety" else ONS4_POSITIVE_BANDS)


def score_ons4(items: Any) -> Scored:
    """Four answers 0–10 (life satisfaction, worthwhile, happiness, anxiety), each banded.

    ONS4 has no total: ``score`` is empty and each question is a subscore.
    """
    values = _whole_numbers(items, count=len(ONS4_ITEMS), low=0, high=10, name="ONS4")
    subscores = {
        key: {"score": value, "band": ons4_band(key, value)} for (key, _), value in zip(ONS4_ITEMS, values, strict=True)
    }
    return Scored(items=values, score=None, subscores=subscores, band="")


@cache
def sdq_band_tables() -> dict[str, Any]:
    """The SDQ band tables from ``data/sdq_bands.json``."""
    with BANDS_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def sdq_band(informant: str, scale: str, value: int) -> str:
    """The four-band label of an SDQ score, or "" where no band is published for the
    informant and scale."""
    tables = sdq_band_tables()
    ranges = tables["informants"].get(informant, {}).get(scale)
    if ranges is None:
        return ""
    labels = tables["labels"]["prosocial" if scale == "prosocial" else "difficulties"]
    for (low, high), label in zip(ranges, labels, strict=True):
        if low <= value <= high:
            return str(label)
    raise ValueError(f"SDQ {scale} {value} is outside every band for {informant}")


def score_sdq(scores: Any, *, informant: str, items: Any = None) -> Scored:
    """SDQ scores as reported: total difficulties (required) and any of the five subscales.

    The items are never held. When all four difficulty subscales are given, the total
    must be their sum.
    """
    if items:
        raise ValidationError({"items": ["The SDQ is recorded as scores only: its item answers are not kept."]})
    if informant not in Informant.values:
        raise ValidationError({"informant": ["Choose who completed the SDQ: the young person, a carer or a teacher."]})
    if not isinstance(scores, dict):
        raise ValidationError({"scores": ["Give the SDQ scores: the total difficulties score and any subscales."]})
    unknown = sorted(set(scores) - set(SDQ_SCALES))
    if unknown:
        raise ValidationError({"scores": [f"Unknown SDQ score: {', '.join(unknown)}."]})
    ranges = sdq_band_tables()["ranges"]
    errors: dict[str, list[str]] = {}
    values: dict[str, int] = {}
    for scale in SDQ_SCALES:
        value = scores.get(scale)
        low, high = ranges[scale]
        if value is None:
            if scale == "total":
                errors.setdefault("scores", []).append("Enter the total difficulties score (0 to 40).")
            continue
        if not _is_int(value):
            errors.setdefault("scores", []).append(f"The {SDQ_LABELS[scale].lower()} score must be a whole number.")
        elif not low <= value <= high:
            errors.setdefault("scores", []).append(
                f"The {SDQ_LABELS[scale].lower()} score is from {low} to {high}: {value} is not possible."
            )
        else:
            values[scale] = value
    if not errors and all(scale in values for scale in SDQ_DIFFICULTIES):
        expected = sum(values[scale] for scale in SDQ_DIFFICULTIES)
        if values["total"] != expected:
            errors["scores"] = [
                "The total difficulties score is the sum of the emotional, conduct, hyperactivity and peer "
                f"scores ({expected}), not {values['total']}."
            ]
    if errors:
        raise ValidationError(errors)
    subscores = {
        scale: {"score": value, "band": sdq_band(informant, scale, value)}
        for scale, value in values.items()
        if scale != "total"
    }
    total = values["total"]
    return Scored(items=[], score=Decimal(total), subscores=subscores, band=sdq_band(informant, "total", total))


def score(kind: str, *, items: Any = None, scores: Any = None, informant: str = Informant.SELF) -> Scored:
    """Score one completed measure of ``kind`` (a MeasureKind value)."""
    if kind == MeasureKind.SDQ:
        return score_sdq(scores, informant=informant, items=items)
    if scores:
        raise ValidationError({"scores": ["Give this questionnaire's answers as items; only the SDQ takes scores."]})
    if kind == MeasureKind.SWEMWBS:
        return score_swemwbs(items)
    if kind == MeasureKind.ROSENBERG:
        return score_rosenberg(items)
    if kind == MeasureKind.ONS4:
        return score_ons4(items)
    raise ValidationError({"kind": ["Choose a questionnaire: SWEMWBS, Rosenberg, ONS4 or SDQ."]})


# What each kind's chart plots, and on what scale.
MEASURE_CHART_RANGE: dict[str, tuple[int, int]] = {
    MeasureKind.SWEMWBS: (7, 35),
    MeasureKind.ROSENBERG: (0, 30),
    MeasureKind.ONS4: (0, 10),
    MeasureKind.SDQ: (0, 40),
}
