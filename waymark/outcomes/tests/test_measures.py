"""Scoring of each measure against published examples (reference/uk-domain.md section 3).

The expected values here are typed in from the published sources, not read from the
module under test, so a wrong entry in the module's tables fails a test.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from waymark.outcomes import measures
from waymark.outcomes.enums import MeasureKind


def _items_for_raw(raw: int) -> list[int]:
    """Seven SWEMWBS item scores 1–5 adding up to ``raw``."""
    items = [1] * 7
    extra = raw - 7
    for i in range(7):
        add = min(4, extra)
        items[i] += add
        extra -= add
    assert sum(items) == raw
    return items


# --- SWEMWBS ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "metric"),
    [
        (7, "7.00"),  # lowest possible
        (8, "9.51"),
        (12, "14.08"),
        (15, "15.84"),
        (21, "19.25"),  # the middle of the scale
        (23, "20.73"),
        (28, "25.03"),
        (33, "30.70"),
        (34, "32.55"),
        (35, "35.00"),  # highest possible
    ],
)
def test_swemwbs_converts_raw_scores_by_the_published_table(raw, metric):
    scored = measures.score_swemwbs(_items_for_raw(raw))

    assert scored.score == Decimal(metric)
    assert scored.subscores == {"raw": {"score": raw, "band": ""}}
    assert scored.items == _items_for_raw(raw)


def test_swemwbs_table_is_complete_and_rising():
    assert sorted(measures.SWEMWBS_METRIC) == list(range(7, 36))
    values = [measures.SWEMWBS_METRIC[raw] for raw in range(7, 36)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_swemwbs_item_of_6_is_refused_with_the_item_named():
    with pytest.raises(ValidationError) as exc:
        measures.score_swemwbs([3, 3, 3, 6, 3, 3, 3])

    assert exc.value.message_dict == {"items": ["Item 4 of SWEMWBS is scored from 1 to 5: 6 is not possible."]}


@pytest.mark.parametrize(
    "items",
    [[0, 3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3], [3] * 8, [3, 3, 3, "3", 3, 3, 3], [True, 3, 3, 3, 3, 3, 3], None, 21],
)
def test_swemwbs_impossible_answers_are_refused(items):
    with pytest.raises(ValidationError) as exc:
        measures.score_swemwbs(items)

    assert list(exc.value.message_dict) == ["items"]


# --- Rosenberg -------------------------------------------------------------------------

POSITIVE = [1, 3, 4, 7, 10]
REVERSED = [2, 5, 6, 8, 9]


def _rosenberg(positive: str, reversed_: str) -> list[str]:
    return [positive if n in POSITIVE else reversed_ for n in range(1, 11)]


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        (_rosenberg("SA", "SD"), 30, ""),  # most positive: reversed items disagreed with
        (_rosenberg("SD", "SA"), 0, "Low"),  # most negative
        (["SA"] * 10, 15, ""),  # agreeing with everything: 5 x 3 + 5 x 0; 15 is not low
        (["SD"] * 10, 15, ""),
        (_rosenberg("A", "D"), 20, ""),
        (_rosenberg("D", "A"), 10, "Low"),
        (["A"] + ["SA"] * 9, 14, "Low"),  # the last low total
    ],
)
def test_rosenberg_scores_with_items_2_5_6_8_9_reversed(answers, total, band):
    scored = measures.score_rosenberg(answers)

    assert scored.score == total
    assert scored.band == band
    assert scored.items == answers


def test_rosenberg_reverses_exactly_the_umd_items():
    """Changing one item from SA to SD lowers a positive item's score by 3 and raises a
    reversed item's by 3."""
    base = measures.score_rosenberg(["A"] * 10).score
    for n in range(1, 11):
        answers = ["A"] * 10
        answers[n - 1] = "SA"
        change = measures.score_rosenberg(answers).score - base

        assert change == (-1 if n in REVERSED else 1), n


@pytest.mark.parametrize(("total", "band"), [(0, "Low"), (14, "Low"), (15, ""), (25, ""), (26, ""), (30, "")])
def test_rosenberg_band_boundaries(total, band):
    """Only "low" (below 15) is banded: the reference gives no other Rosenberg band."""
    # Start from all positives SA / reversed SD (30) and lower items one step at a time.
    answers = _rosenberg("SA", "SD")
    steps = {"SA": "A", "A": "D", "D": "SD", "SD": "SD"}
    reverse_steps = {"SD": "D", "D": "A", "A": "SA", "SA": "SA"}
    i = 0
    while measures.score_rosenberg(answers).score > total:
        n = i % 10 + 1
        answers[n - 1] = (reverse_steps if n in REVERSED else steps)[answers[n - 1]]
        i += 1

    assert measures.score_rosenberg(answers).score == total
    assert measures.score_rosenberg(answers).band == band


def test_rosenberg_accepts_lower_case_answers_and_refuses_others():
    assert measures.score_rosenberg(["sa"] * 10).score == 15
    with pytest.raises(ValidationError) as exc:
        measures.score_rosenberg(["SA"] * 9 + ["maybe"])
    assert exc.value.message_dict["items"][0].startswith("Item 10 of the Rosenberg scale must be answered SA")
    with pytest.raises(ValidationError) as refusal:
        measures.score_rosenberg(["SA"] * 9)
    assert refusal.value.message_dict == {
        "items": ["The Rosenberg scale has 10 items: give an answer for each of the 10."]
    }


# --- ONS4 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "Low"),
        (4, "Low"),
        (5, "Medium"),
        (6, "Medium"),
        (7, "High"),
        (8, "High"),
        (9, "Very high"),
        (10, "Very high"),
    ],
)
def test_ons4_positive_questions_are_banded_by_the_ons_thresholds(value, band):
    scored = measures.score_ons4([value, value, value, 0])

    assert scored.subscores["life_satisfaction"] == {"score": value, "band": band}
    assert scored.subscores["worthwhile"] == {"score": value, "band": band}
    assert scored.subscores["happiness"] == {"score": value, "band": band}
    assert scored.score is None


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "Very low"), (1, "Very low"), (2, "Low"), (3, "Low"), (4, "Medium"), (5, "Medium"), (6, "High"), (10, "High")],
)
def test_ons4_anxiety_is_banded_the_other_way_round(value, band):
    scored = measures.score_ons4([5, 5, 5, value])

    assert scored.subscores["anxiety"] == {"score": value, "band": band}


def test_ons4_refuses_a_score_of_11_and_a_missing_question():
    with pytest.raises(ValidationError) as exc:
        measures.score_ons4([7, 11, 7, 2])
    assert exc.value.message_dict == {"items": ["Item 2 of ONS4 is scored from 0 to 10: 11 is not possible."]}
    with pytest.raises(ValidationError) as refusal:
        measures.score_ons4([7, 7, 7])
    assert refusal.value.message_dict == {"items": ["ONS4 has 4 items: give a score for each of the 4."]}


# --- SDQ -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("informant", "total", "band"),
    [
        ("carer", 0, "Close to average"),
        ("carer", 13, "Close to average"),
        ("carer", 14, "Slightly raised"),
        ("carer", 16, "Slightly raised"),
        ("carer", 17, "High"),
        ("carer", 19, "High"),
        ("carer", 20, "Very high"),
        ("carer", 40, "Very high"),
        ("teacher", 11, "Close to average"),
        ("teacher", 12, "Slightly raised"),
        ("teacher", 15, "Slightly raised"),
        ("teacher", 16, "High"),
        ("teacher", 18, "High"),
        ("teacher", 19, "Very high"),
        ("self", 14, "Close to average"),
        ("self", 15, "Slightly raised"),
        ("self", 17, "Slightly raised"),
        ("self", 18, "High"),
        ("self", 19, "High"),
        ("self", 20, "Very high"),
    ],
)
def test_sdq_total_is_banded_per_informant(informant, total, band):
    scored = measures.score_sdq({"total": total}, informant=informant)

    assert scored.score == total
    assert scored.band == band
    assert scored.items == []


@pytest.mark.parametrize(
    ("scale", "value", "band"),
    [
        ("emotional", 3, "Close to average"),
        ("emotional", 4, "Slightly raised"),
        ("emotional", 6, "High"),
        ("emotional", 7, "Very high"),
        ("conduct", 2, "Close to average"),
        ("conduct", 3, "Slightly raised"),
        ("conduct", 5, "High"),
        ("conduct", 6, "Very high"),
        ("hyperactivity", 5, "Close to average"),
        ("hyperactivity", 7, "Slightly raised"),
        ("hyperactivity", 8, "High"),
        ("hyperactivity", 9, "Very high"),
        ("peer", 2, "Close to average"),
        ("peer", 3, "Slightly raised"),
        ("peer", 4, "High"),
        ("peer", 5, "Very high"),
        ("prosocial", 8, "Close to average"),
        ("prosocial", 7, "Slightly lowered"),
        ("prosocial", 6, "Low"),
        ("prosocial", 5, "Very low"),
        ("prosocial", 0, "Very low"),
    ],
)
def test_sdq_carer_subscales_are_banded(scale, value, band):
    scored = measures.score_sdq({"total": 10, scale: value}, informant="carer")

    assert scored.subscores[scale] == {"score": value, "band": band}


def test_sdq_subscales_of_an_informant_with_only_total_bands_are_not_banded():
    scores = {"total": 16, "emotional": 4, "conduct": 4, "hyperactivity": 5, "peer": 3, "prosocial": 6}

    scored = measures.score_sdq(scores, informant="teacher")

    assert scored.band == "High"
    assert scored.subscores["emotional"] == {"score": 4, "band": ""}
    assert scored.subscores["prosocial"] == {"score": 6, "band": ""}


def test_sdq_total_must_be_the_sum_of_the_difficulty_scales():
    scores = {"total": 19, "emotional": 5, "conduct": 4, "hyperactivity": 6, "peer": 3}

    with pytest.raises(ValidationError) as exc:
        measures.score_sdq(scores, informant="carer")

    assert exc.value.message_dict == {
        "scores": [
            "The total difficulties score is the sum of the emotional, conduct, hyperactivity and peer "
            "scores (18), not 19."
        ]
    }


@pytest.mark.parametrize(
    "scores",
    [{"total": 41}, {"total": -1}, {"total": 12, "peer": 11}, {"emotional": 3}, {"total": 12, "mood": 3}, [12], None],
)
def test_sdq_impossible_scores_are_refused(scores):
    with pytest.raises(ValidationError) as exc:
        measures.score_sdq(scores, informant="carer")

    assert list(exc.value.message_dict) == ["scores"]


def test_sdq_never_takes_item_answers():
    with pytest.raises(ValidationError) as exc:
        measures.score_sdq({"total": 12}, informant="carer", items=[0, 1, 2] * 8 + [1])

    assert list(exc.value.message_dict) == ["items"]


def test_sdq_band_tables_cover_each_range_once_in_order():
    tables = json.loads(measures.BANDS_FILE.read_text(encoding="utf-8"))
    for informant, scales in tables["informants"].items():
        for scale, bands in scales.items():
            low, high = tables["ranges"][scale]
            covered = sorted(v for a, b in bands for v in range(a, b + 1))
            assert covered == list(range(low, high + 1)), (informant, scale)
            assert len(bands) == 4
    # Only the carer form has published subscale bands in our reference.
    assert set(tables["informants"]["teacher"]) == {"total"}
    assert set(tables["informants"]["self"]) == {"total"}
    # Bands only: no questionnaire content of any kind.
    assert set(tables) == {"about", "sources", "labels", "ranges", "informants"}


def test_score_dispatches_by_kind_and_refuses_unknown_kinds():
    assert measures.score(MeasureKind.SWEMWBS, items=[5] * 7).score == Decimal("35.00")
    assert measures.score(MeasureKind.SDQ, scores={"total": 20}, informant="carer").band == "Very high"
    with pytest.raises(ValidationError) as refusal:
        measures.score("wemwbs", items=[5] * 14)
    assert refusal.value.message_dict == {"kind": ["Choose a questionnaire: SWEMWBS, Rosenberg, ONS4 or SDQ."]}
    with pytest.raises(ValidationError) as refusal:
        measures.score(MeasureKind.ONS4, items=[5, 5, 5, 5], scores={"total": 3})
    assert refusal.value.message_dict == {
        "scores": ["Give this questionnaire's answers as items; only the SDQ takes scores."]
    }
