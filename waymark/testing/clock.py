"""The clock every test runs on.

Each test starts at ``PINNED_NOW`` (Wednesday 25 November 2026, 10:00 in London, the
"today" the tests' fixed dates are written around), with the
clock ticking from there, so "today" is the same day whatever the machine's date is:
the framework agreement the personas work under ends on 31 August 2028, and a test
that sent an Order Form "today" would start failing the day after. A test that needs
another moment travels there itself with ``time_machine.travel(...)``, which nests
inside the pin.

``WAYMARK_TEST_TODAY=YYYY-MM-DD`` moves the machine's clock for the whole run (imports,
collection, session fixtures and all), as if the tests ran on that day. The suite must
pass the same for any date: ``WAYMARK_TEST_TODAY=2031-01-15 make test`` checks it.
"""

from __future__ import annotations

import datetime
import os
from zoneinfo import ZoneInfo

import time_machine

LONDON = ZoneInfo("Europe/London")
PINNED_NOW = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
MACHINE_TODAY_VARIABLE = "WAYMARK_TEST_TODAY"


def pinned_clock() -> time_machine.travel:
    """The travel each test runs inside: ``PINNED_NOW``, ticking."""
    return time_machine.travel(PINNED_NOW, tick=True)


def machine_clock() -> time_machine.travel | None:
    """A travel to ``WAYMARK_TEST_TODAY`` (10:00 in London), or None when it is unset."""
    value = os.environ.get(MACHINE_TODAY_VARIABLE, "").strip()
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{MACHINE_TODAY_VARIABLE}={value!r} is not a YYYY-MM-DD date") from exc
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=LONDON), tick=True)
