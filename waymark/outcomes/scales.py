"""What each indicator measures, its allowed values, and the descriptors of the rated
scales (engagement with key adults, resilience, problem behaviour), held as data.

The rated scales are Waymark's own 1–5 scales: the descriptor of each point tells the
person recording what the number means, so two mentors rate alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .enums import IndicatorKind

PERCENTAGE = "percentage"
COUNT = "count"
RATING = "rating"


@dataclass(frozen=True)
class IndicatorSpec:
    kind: str
    measure: str  # PERCENTAGE, COUNT or RATING
    low: int
    high: int
    unit: str
    hint: str
    higher_is_better: bool
    descriptors: dict[int, str] = field(default_factory=dict)

    @property
    def whole_numbers(self) -> bool:
        return self.measure in (COUNT, RATING)

    @property
    def step_chart(self) -> bool:
        """Counts hold until the next reading: drawn as steps; the rest as lines."""
        return self.measure == COUNT

    def describe(self, value: Decimal | int) -> str:
        """The descriptor of a rating, or the value with its unit."""
        if self.measure == RATING:
            number = int(value)
            return f"{number} – {self.descriptors.get(number, '')}"
        if self.measure == PERCENTAGE:
            return f"{Decimal(value).normalize():f}%"
        return f"{int(value)}"


KEY_ADULTS = {
    1: "Avoids or refuses contact with the adults who look after or teach them",
    2: "Engages with key adults rarely, and only when prompted",
    3: "Engages with some key adults some of the time",
    4: "Engages with most key adults most of the time",
    5: "Seeks out key adults and keeps in touch with them unprompted",
}
RESILIENCE = {
    1: "Gives up or shuts down at the first setback",
    2: "Copes with small setbacks only with a lot of support",
    3: "Copes with some setbacks with support",
    4: "Copes with most setbacks, asking for help when needed",
    5: "Recovers from setbacks and plans how to handle the next one",
}
PROBLEM_BEHAVIOUR = {
    1: "None seen: no incidents reported",
    2: "Occasional minor incidents, settled quickly",
    3: "Regular incidents that disrupt school or home",
    4: "Frequent incidents, some putting themself or others at risk",
    5: "Serious incidents most days; police or emergency involvement",
}

INDICATORS: dict[str, IndicatorSpec] = {
    IndicatorKind.ATTENDANCE: IndicatorSpec(
        kind=IndicatorKind.ATTENDANCE,
        measure=PERCENTAGE,
        low=0,
        high=100,
        unit="%",
        hint="The school's attendance figure for the period, from 0 to 100 (for example, 87.5).",
        higher_is_better=True,
    ),
    IndicatorKind.SUSPENSIONS: IndicatorSpec(
        kind=IndicatorKind.SUSPENSIONS,
        measure=COUNT,
        low=0,
        high=190,
        unit="days",
        hint="School days of suspension this term, as a whole number (0 if none).",
        higher_is_better=False,
    ),
    IndicatorKind.EXCLUSIONS: IndicatorSpec(
        kind=IndicatorKind.EXCLUSIONS,
        measure=COUNT,
        low=0,
        high=99,
        unit="exclusions",
        hint="Permanent exclusions so far, as a whole number (0 if none).",
        higher_is_better=False,
    ),
    IndicatorKind.PLACEMENT_MOVES: IndicatorSpec(
        kind=IndicatorKind.PLACEMENT_MOVES,
        measure=COUNT,
        low=0,
        high=99,
        unit="moves",
        hint="Placement moves this term, as a whole number (0 if none).",
        higher_is_better=False,
    ),
    IndicatorKind.KEY_ADULTS: IndicatorSpec(
        kind=IndicatorKind.KEY_ADULTS,
        measure=RATING,
        low=1,
        high=5,
        unit="",
        hint="Rate from 1 to 5 using the descriptions.",
        higher_is_better=True,
        descriptors=KEY_ADULTS,
    ),
    IndicatorKind.RESILIENCE: IndicatorSpec(
        kind=IndicatorKind.RESILIENCE,
        measure=RATING,
        low=1,
        high=5,
        unit="",
        hint="Rate from 1 to 5 using the descriptions.",
        higher_is_better=True,
        descriptors=RESILIENCE,
    ),
    IndicatorKind.PROBLEM_BEHAVIOUR: IndicatorSpec(
        kind=IndicatorKind.PROBLEM_BEHAVIOUR,
        measure=RATING,
        low=1,
        high=5,
        unit="",
        hint="Rate from 1 to 5 using the descriptions: 1 is none, so lower is better.",
        higher_is_better=False,
        descriptors=PROBLEM_BEHAVIOUR,
    ),
}


def range_message(spec: IndicatorSpec, value: Decimal) -> str:
    """The message for a value outside ``spec``'s range."""
    shown = f"{value.normalize():f}"
    if spec.measure == PERCENTAGE:
        return f"Enter attendance as a percentage from 0 to 100: {shown}% is not possible."
    if spec.measure == RATING:
        return f"Rate from {spec.low} to {spec.high}: {shown} is not on the scale."
    return f"Enter a whole number from {spec.low} to {spec.high}: {shown} is not possible."
