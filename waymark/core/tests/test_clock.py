# ruff: noqa: DTZ001  (naive datetimes on purpose: UK wall-clock times as a person types them)
"""UK wall-clock times into aware datetimes: the spring-forward gap is refused, the
autumn overlap takes the earlier time (``waymark.core.clock.local_moment``)."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from waymark.core.clock import local_moment, local_moment_of, repeated_time_note

GAP_MESSAGE = (
    "29 March 2026 01:30 does not exist in the UK: the clocks went forward an hour at 1am. "
    "Enter the time as shown on the clock, such as 02:30."
)
REPEAT_NOTE = (
    "25 October 2026 01:30 happens twice in the UK, as the clocks go back an hour at 2am. "
    "We have taken the first 01:30, before the clocks went back."
)


@pytest.mark.parametrize(
    ("clock", "shown"),
    [(time(1, 0), "01:00"), (time(1, 30), "01:30"), (time(1, 59), "01:59")],
)
def test_time_in_the_spring_gap_is_refused(clock, shown):
    with pytest.raises(ValidationError) as excinfo:
        local_moment_of(date(2026, 3, 29), clock, field="occurred_time")

    [message] = excinfo.value.message_dict["occurred_time"]
    assert message.startswith(f"29 March 2026 {shown} does not exist in the UK")


def test_gap_message_says_what_to_enter():
    with pytest.raises(ValidationError) as excinfo:
        local_moment(datetime(2026, 3, 29, 1, 30))

    assert excinfo.value.messages == [GAP_MESSAGE]


@pytest.mark.parametrize(
    ("naive", "utc"),
    [
        (datetime(2026, 3, 29, 0, 59), datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),
        (datetime(2026, 3, 29, 2, 0), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),  # the first 01:30
        (datetime(2026, 10, 25, 2, 0), datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
    ],
)
def test_local_moment_is_the_time_on_the_uk_clock(naive, utc):
    # Compared in UTC: Python never finds a time in the repeated hour equal across zones (PEP 495).
    assert local_moment(naive).astimezone(UTC) == utc


def test_repeated_time_note_only_in_the_autumn_overlap():
    assert repeated_time_note(datetime(2026, 10, 25, 1, 30)) == REPEAT_NOTE
    assert repeated_time_note(datetime(2026, 10, 25, 0, 59)) == ""
    assert repeated_time_note(datetime(2026, 10, 25, 2, 0)) == ""
    assert repeated_time_note(datetime(2026, 3, 29, 2, 30)) == ""


def test_aware_datetime_is_kept_as_it_is():
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)

    assert local_moment(moment) is moment
