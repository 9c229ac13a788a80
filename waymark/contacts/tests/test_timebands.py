"""R9: evening, late-evening and weekend contacts are flagged from London time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from waymark.contacts.timebands import TimeBands, time_band_labels, time_bands

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("hour", "minute", "evening", "late"),
    [
        (17, 59, False, False),
        (18, 0, True, False),
        (20, 59, True, False),
        (21, 0, False, True),
        (23, 59, False, True),
        (0, 0, False, True),
        (6, 59, False, True),
        (7, 0, False, False),
        (12, 0, False, False),
    ],
)
def test_time_bands_edges_on_a_wednesday(hour, minute, evening, late):
    bands = time_bands(datetime(2026, 11, 25, hour, minute, tzinfo=LONDON))

    assert bands == TimeBands(is_evening=evening, is_late_evening=late, is_weekend=False)


@pytest.mark.parametrize(("day", "weekend"), [(27, False), (28, True), (29, True), (30, False)])
def test_time_bands_weekend_is_saturday_and_sunday(day, weekend):
    assert time_bands(datetime(2026, 11, day, 10, 0, tzinfo=LONDON)).is_weekend is weekend


def test_time_bands_read_london_time_in_summer():
    # 17:30 UTC on a July Friday is 18:30 in London (BST): evening.
    bands = time_bands(datetime(2026, 7, 3, 17, 30, tzinfo=UTC))

    assert bands == TimeBands(is_evening=True, is_late_evening=False, is_weekend=False)


def test_time_bands_use_the_london_date_for_the_weekend():
    # 23:30 UTC on Friday 3 July 2026 is 00:30 on Saturday in London.
    bands = time_bands(datetime(2026, 7, 3, 23, 30, tzinfo=UTC))

    assert bands == TimeBands(is_evening=False, is_late_evening=True, is_weekend=True)


def test_time_band_labels_in_a_fixed_order():
    assert time_band_labels(is_evening=False, is_late_evening=True, is_weekend=True) == ["Late evening", "Weekend"]
    assert TimeBands(is_evening=True, is_late_evening=False, is_weekend=False).labels == ["Evening"]
