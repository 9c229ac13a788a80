"""School terms for termly work (PEPs, termly reports).

There are no national term dates, so Waymark uses the DfE's statistical boundaries
(uk-domain.md section 2): autumn 1 August–31 December, spring 1 January–Easter
Sunday, summer Easter Monday–31 July. A school year starts with the autumn term.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from dateutil.easter import easter  # type: ignore[import-untyped]


class Term(NamedTuple):
    """One school term: its label ("Spring term 2027") and first and last days."""

    label: str
    start: date
    end: date

    @property
    def season(self) -> str:
        return self.label.split(" ", 1)[0].lower()


def school_term(day: date) -> Term:
    """The school term ``day`` falls in (DfE statistical boundaries, Western Easter)."""
    if day.month >= 8:
        return Term(f"Autumn term {day.year}", date(day.year, 8, 1), date(day.year, 12, 31))
    easter_sunday = easter(day.year)
    if day <= easter_sunday:
        return Term(f"Spring term {day.year}", date(day.year, 1, 1), easter_sunday)
    return Term(f"Summer term {day.year}", easter_sunday + timedelta(days=1), date(day.year, 7, 31))
