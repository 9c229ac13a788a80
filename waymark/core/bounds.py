"""The dates and times any input may name, knowing no domain.

Python accepts years 1 to 9999 and UTC offsets up to a day; the databases do not (PostgreSQL
refuses an offset beyond 15:59, and converting year 1 or 9999 across an offset overflows).
Every date and time field of the API, its filters and the pages checks its value against
these bounds first (``waymark.core.api`` and ``waymark.core.forms``), so an input outside
them is a 400 or a form error with a message, never a server error. The rules of each
record (a session at most two years ahead, a birth date in the past) come after, in the
services.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
# Real time zones run from UTC-12:00 to UTC+14:00; ±14:00 covers them all.
MAX_OFFSET = timedelta(hours=14)

DATE_MESSAGE = "Enter a date between 1 January 1900 and 31 December 2100."
OFFSET_MESSAGE = "Enter a time zone offset between -14:00 and +14:00."


def check_date(value: date) -> None:
    """Refuse a date (or the date of a datetime) outside 1900 to 2100."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(DATE_MESSAGE, code="date_out_of_range")


def check_datetime(value: datetime) -> None:
    """Refuse a datetime whose offset is beyond ±14:00 or whose date is outside 1900 to 2100.

    Check it as given, before converting it to another time zone (which may overflow).
    """
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValidationError(OFFSET_MESSAGE, code="offset_out_of_range")
    check_date(value)
