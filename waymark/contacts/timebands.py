"""Evening, late-evening and weekend contacts (R9): the one place they are worked out.

The specification expects contacts outside school hours and says they are reported as
such. The bands are read from the time of the contact in Europe/London:

- evening: 18:00 to 20:59;
- late evening: 21:00 to 06:59 (a 01:30 phone call is late evening, not the next "day");
- weekend: a Saturday or Sunday (by the London date of the contact).

A contact can be in a time band and at the weekend at once. Nothing here is a problem
to be fixed: these are facts for the record and the termly report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone

EVENING_STARTS = time(18, 0)
LATE_EVENING_STARTS = time(21, 0)
LATE_EVENING_ENDS = time(7, 0)  # exclusive: 06:59 is late evening, 07:00 is not

EVENING = "Evening"
LATE_EVENING = "Late evening"
WEEKEND = "Weekend"


@dataclass(frozen=True)
class TimeBands:
    is_evening: bool
    is_late_evening: bool
    is_weekend: bool

    @property
    def labels(self) -> list[str]:
        """The tags to show, in a fixed order."""
        return time_band_labels(
            is_evening=self.is_evening, is_late_evening=self.is_late_evening, is_weekend=self.is_weekend
        )


def time_bands(moment: datetime) -> TimeBands:
    """The R9 bands of an aware datetime, read in Europe/London."""
    local = timezone.localtime(moment)
    clock = local.time()
    late = clock >= LATE_EVENING_STARTS or clock < LATE_EVENING_ENDS
    evening = not late and clock >= EVENING_STARTS
    return TimeBands(is_evening=evening, is_late_evening=late, is_weekend=local.weekday() >= 5)


def time_band_labels(*, is_evening: bool, is_late_evening: bool, is_weekend: bool) -> list[str]:
    """Tags for the stored flags of a contact: ["Late evening", "Weekend"]."""
    labels = []
    if is_evening:
        labels.append(EVENING)
    if is_late_evening:
        labels.append(LATE_EVENING)
    if is_weekend:
        labels.append(WEEKEND)
    return labels
