"""Working days in England: the only place in Waymark that counts them (R1, R2).

A working day is Monday to Friday, less England's bank holidays as published by the
``holidays`` package (country GB, subdivision ENG), which includes substitute days
and one-off holidays such as 19 September 2022 and 8 May 2023.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    """True when ``day`` is a bank holiday in England."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """True for Monday to Friday when the day is not a bank holiday in England."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start``; ``start`` itself is never counted.

    ``add_working_days(receipt, 2)`` is the last day for a first contact (R1),
    whatever day of the week the Order Form arrived.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    day = start
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
