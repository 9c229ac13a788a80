"""Dates and times as the service counts them: in Europe/London.

A date and time typed by a person (on a form, or sent through the API without an
offset) is a wall-clock time in the UK. ``local_moment`` is the one place such a time
becomes an aware datetime:

- a time in the spring-forward gap (29 March 2026, 01:00–01:59) never appears on a UK
  clock: it is refused with a message, instead of being silently moved an hour;
- a time in the autumn overlap (25 October 2026, 01:00–01:59) appears twice: the
  earlier one (still summer time) is taken, and ``repeated_time_note`` says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

_MINUTE = timedelta(minutes=1)
# A clock change moves the clocks at most this far (an hour in the UK).
_LONGEST_CHANGE = timedelta(hours=3)


def local_today() -> date:
    """Today's date in the service's time zone (Europe/London)."""
    return timezone.localdate()


def local_date(moment: datetime) -> date:
    """The Europe/London date of an aware datetime."""
    return timezone.localtime(moment).date()


def _exists(naive: datetime) -> bool:
    tz = timezone.get_current_timezone()
    there_and_back = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return there_and_back == naive


def _repeated(naive: datetime) -> bool:
    tz = timezone.get_current_timezone()
    return naive.replace(tzinfo=tz, fold=0).utcoffset() != naive.replace(tzinfo=tz, fold=1).utcoffset()


def _clock(moment: datetime | time) -> str:
    return f"{moment:%H:%M}"


def long_date(day: date | datetime) -> str:
    """A day as the GOV.UK style guide writes it: 1 March 2026 (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def _hour_words(moment: datetime) -> str:
    """1am, 2am, 1:30am."""
    hour = moment.hour % 12 or 12
    minutes = f":{moment:%M}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def _change(naive: datetime) -> timedelta:
    tz = timezone.get_current_timezone()
    before = naive.replace(tzinfo=tz, fold=0).utcoffset() or timedelta(0)
    after = naive.replace(tzinfo=tz, fold=1).utcoffset() or timedelta(0)
    return abs(after - before)


def _span(naive: datetime) -> str:
    change = _change(naive)
    return "an hour" if change == timedelta(hours=1) else f"{change.total_seconds() // 60:.0f} minutes"


def _gap_message(naive: datetime) -> str:
    start = naive
    while not _exists(start - _MINUTE) and naive - start < _LONGEST_CHANGE:
        start -= _MINUTE
    on_the_clock = naive + _change(naive)
    return (
        f"{long_date(naive)} {_clock(naive)} does not exist in the UK: the clocks went forward {_span(naive)} "
        f"at {_hour_words(start)}. Enter the time as shown on the clock, such as {_clock(on_the_clock)}."
    )


def repeated_time_note(naive: datetime) -> str:
    """What to tell the person when ``naive`` happens twice (the clocks going back), or ""."""
    if not _repeated(naive):
        return ""
    end = naive
    while _repeated(end) and end - naive < _LONGEST_CHANGE:
        end += _MINUTE
    return (
        f"{long_date(naive)} {_clock(naive)} happens twice in the UK, as the clocks go back {_span(naive)} at "
        f"{_hour_words(end)}. We have taken the first {_clock(naive)}, before the clocks went back."
    )


def local_moment(naive: datetime, *, field: str | None = None) -> datetime:
    """The aware datetime of a UK wall-clock time.

    Refuses a time that does not exist (the spring-forward gap) with a ``ValidationError``
    (on ``field`` when given); takes the earlier of a time that happens twice (the
    autumn overlap). An aware ``naive`` is returned as it is.
    """
    if timezone.is_aware(naive):
        return naive
    if not _exists(naive):
        message = _gap_message(naive)
        raise ValidationError({field: message} if field else message)
    return naive.replace(tzinfo=timezone.get_current_timezone(), fold=0)


def local_moment_of(day: date, at: time, *, field: str | None = None) -> datetime:
    """``local_moment`` of a date and a time typed separately (as on the forms)."""
    return local_moment(datetime.combine(day, at), field=field)
