"""Working days in England (R1, R2): weekends and England's bank holidays are skipped."""

from datetime import date

import pytest

from waymark.core.working_days import add_working_days, is_working_day


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 11, 23), True, id="monday"),
        pytest.param(date(2026, 11, 27), True, id="friday"),
        pytest.param(date(2026, 11, 28), False, id="saturday"),
        pytest.param(date(2026, 11, 29), False, id="sunday"),
        pytest.param(date(2026, 12, 25), False, id="christmas-day"),
        pytest.param(date(2026, 12, 28), False, id="substitute-boxing-day-2026"),
        pytest.param(date(2026, 4, 3), False, id="good-friday-2026"),
        pytest.param(date(2026, 4, 6), False, id="easter-monday-2026-england-only"),
        pytest.param(date(2026, 8, 31), False, id="summer-bank-holiday-2026-england-only"),
        pytest.param(date(2022, 6, 3), False, id="platinum-jubilee-2022"),
        pytest.param(date(2022, 9, 19), False, id="state-funeral-2022"),
        pytest.param(date(2023, 5, 8), False, id="coronation-2023"),
        pytest.param(date(2026, 12, 29), True, id="tuesday-after-christmas-2026"),
    ],
)
def test_is_working_day_follows_weekends_and_england_bank_holidays(day, expected):
    assert is_working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(date(2026, 11, 23), 2, date(2026, 11, 25), id="monday-receipt-wednesday"),
        pytest.param(date(2026, 11, 25), 2, date(2026, 11, 27), id="wednesday-receipt-friday"),
        pytest.param(date(2026, 11, 23), 1, date(2026, 11, 24), id="one-day"),
        pytest.param(date(2026, 11, 23), 5, date(2026, 11, 30), id="a-week-crosses-weekend"),
    ],
)
def test_add_working_days_counts_ordinary_weeks(start, n, expected):
    assert add_working_days(start, n) == expected


def test_add_working_days_friday_receipt_is_due_tuesday():
    assert add_working_days(date(2026, 11, 20), 2) == date(2026, 11, 24)


def test_add_working_days_saturday_receipt_is_due_tuesday():
    assert add_working_days(date(2026, 11, 21), 2) == date(2026, 11, 24)


def test_add_working_days_sunday_receipt_is_due_tuesday():
    assert add_working_days(date(2026, 11, 22), 2) == date(2026, 11, 24)


def test_add_working_days_skips_good_friday_and_easter_monday_2025():
    # Thu 17 April 2025: Good Friday 18th and Easter Monday 21st are not counted.
    assert add_working_days(date(2025, 4, 17), 2) == date(2025, 4, 23)


def test_add_working_days_skips_good_friday_and_easter_monday_2026():
    # Thu 2 April 2026: Good Friday 3rd and Easter Monday 6th are not counted.
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)


def test_add_working_days_christmas_2026_skips_substitute_boxing_day():
    # Thu 24 Dec 2026: Christmas Day (Fri), the weekend and Mon 28 Dec (substitute
    # Boxing Day) are skipped, so Tue 29 is day 1 and Wed 30 day 2.
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 30)


def test_add_working_days_skips_platinum_jubilee_2022():
    # Wed 1 June 2022: Thu 2 (moved spring bank holiday) and Fri 3 (Platinum Jubilee).
    assert add_working_days(date(2022, 6, 1), 2) == date(2022, 6, 7)


def test_add_working_days_skips_state_funeral_2022():
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_add_working_days_skips_coronation_2023():
    assert add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)


def test_add_working_days_first_meeting_due_across_late_may_bank_holiday():
    # R2: first contact Mon 18 May 2026; Mon 25 May is the late May bank holiday,
    # so the 10th working day is Tue 2 June, not Mon 1 June.
    assert add_working_days(date(2026, 5, 18), 10) == date(2026, 6, 2)


def test_add_working_days_zero_returns_the_start_day():
    assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 21)


def test_add_working_days_negative_is_refused():
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(date(2026, 11, 23), -1)
