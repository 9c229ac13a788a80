"""The indicators' allowed values and the rated scales' descriptors."""

from __future__ import annotations

from decimal import Decimal

from waymark.outcomes.enums import IndicatorKind
from waymark.outcomes.scales import INDICATORS, RATING


def test_every_indicator_kind_has_a_spec():
    assert set(INDICATORS) == set(IndicatorKind.values)


def test_rated_scales_describe_each_point_from_1_to_5():
    rated = {kind for kind, spec in INDICATORS.items() if spec.measure == RATING}

    assert rated == {IndicatorKind.KEY_ADULTS, IndicatorKind.RESILIENCE, IndicatorKind.PROBLEM_BEHAVIOUR}
    for kind in rated:
        spec = INDICATORS[kind]
        assert (spec.low, spec.high) == (1, 5)
        assert sorted(spec.descriptors) == [1, 2, 3, 4, 5]
        assert len(set(spec.descriptors.values())) == 5


def test_readings_are_described_with_their_unit_or_descriptor():
    assert INDICATORS[IndicatorKind.ATTENDANCE].describe(Decimal("87.50")) == "87.5%"
    assert INDICATORS[IndicatorKind.PLACEMENT_MOVES].describe(Decimal("2.00")) == "2"
    assert INDICATORS[IndicatorKind.RESILIENCE].describe(Decimal("3.00")).startswith("3 – Copes with some setbacks")
    assert INDICATORS[IndicatorKind.PROBLEM_BEHAVIOUR].higher_is_better is False
