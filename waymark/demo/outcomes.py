"""Demo data: a term of realistic progress for one young person, made through the
services (so every record is validated and audited as in real use).

    seed_progress_history(agreement=agreement, author=mentor, today=local_today())

Dates run fortnightly over the last term (at most 12 weeks) of the agreement, ending
``today``; an agreement that started more recently gets a shorter history. Everything
is invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from waymark.agreements.models import IndividualAgreement
from waymark.organisations.models import User
from waymark.outcomes.enums import IndicatorKind, IndicatorSource, Informant, MeasureKind, MissingCode
from waymark.outcomes.services import indicator_record, measure_record, missing_episode_record, outcome_review_add

TERM = timedelta(weeks=12)

RATINGS = [2, 3, 3, 4, 5, 6, 7]
EVIDENCE = [
    "Baseline from the first meeting and the Order Form: the young person said this felt a long way off.",
    "Talked it through at our session; agreed one small step to try before next time.",
    "Tried the step once; the carer says it went better than expected.",
    "Managed the step twice this fortnight without a reminder.",
    "School reports a clear change this half-term; the young person noticed it too.",
    "Keeps it up most weeks now; planned what to do when it gets hard.",
    "Doing this independently; we are moving on to the next goal.",
]
ATTENDANCE = ["58", "63.5", "67", "72", "76.5", "81", "84"]
KEY_ADULTS = [2, 2, 3, 3, 3, 4, 4]
RESILIENCE = [2, 2, 2, 3, 3, 3, 4]
PROBLEM_BEHAVIOUR = [4, 4, 3, 3, 3, 2, 2]
SWEMWBS_START = [2, 2, 3, 2, 3, 2, 2]  # raw 16 -> 16.36
SWEMWBS_NOW = [3, 3, 4, 3, 4, 3, 3]  # raw 23 -> 20.73
ONS4_NOW = [6, 7, 6, 4]
SDQ_CARER = {"total": 18, "emotional": 5, "conduct": 4, "hyperactivity": 6, "peer": 3, "prosocial": 6}


@dataclass(frozen=True)
class SeededHistory:
    reviews: int
    readings: int
    measures: int
    missing_episodes: int


def _dates(start: date, today: date) -> list[date]:
    """Up to seven fortnightly dates from the start of the last term to today."""
    first = max(start, today - TERM)
    span = (today - first).days
    if span <= 0:
        return [today]
    count = min(len(RATINGS), span // 14 + 1)
    if count == 1:
        return [first] if first == today else [first, today]
    return [first + timedelta(days=round(span * i / (count - 1))) for i in range(count)]


def seed_progress_history(
    *, agreement: IndividualAgreement, author: User, today: date, missing_episode: bool = False
) -> SeededHistory:
    """A term of progress for ``agreement``, recorded by ``author`` (its mentor or the
    service manager): outcome reviews rising over the weeks, attendance and the rated
    indicators, a placement move, SWEMWBS at the start and now, an ONS4, a carer's
    SDQ scores and — when ``missing_episode`` — one closed missing episode."""
    days = _dates(agreement.start_date, today)
    # Spread the fixed sequences over however many dates there are, keeping first and last.
    picks = [round(i * (len(RATINGS) - 1) / max(len(days) - 1, 1)) for i in range(len(days))]
    reviews = readings = results = episodes = 0

    for offset, outcome in enumerate(agreement.order_form.outcomes.all()):
        for day, pick in zip(days, picks, strict=True):
            outcome_review_add(
                actor=author,
                outcome=outcome,
                reviewed_on=day,
                rating=max(0, RATINGS[pick] - offset),
                evidence=EVIDENCE[pick],
            )
            reviews += 1

    series: list[tuple[str, Sequence[object], str]] = [
        (IndicatorKind.ATTENDANCE, ATTENDANCE, IndicatorSource.SCHOOL),
        (IndicatorKind.KEY_ADULTS, KEY_ADULTS, IndicatorSource.MENTOR),
        (IndicatorKind.RESILIENCE, RESILIENCE, IndicatorSource.MENTOR),
        (IndicatorKind.PROBLEM_BEHAVIOUR, PROBLEM_BEHAVIOUR, IndicatorSource.CARER),
    ]
    for kind, values, source in series:
        for day, pick in zip(days, picks, strict=True):
            indicator_record(
                actor=author, agreement=agreement, kind=kind, recorded_on=day, value=values[pick], source=source
            )
            readings += 1
    middle = days[len(days) // 2]
    for day, moves, note in [
        (days[0], 0, ""),
        (middle, 1, "Moved to a new foster placement nearer school."),
    ]:
        indicator_record(
            actor=author,
            agreement=agreement,
            kind=IndicatorKind.PLACEMENT_MOVES,
            recorded_on=day,
            value=moves,
            source=IndicatorSource.SOCIAL_WORKER,
            note=note,
        )
        readings += 1

    for day, items in [(days[0], SWEMWBS_START), (days[-1], SWEMWBS_NOW)]:
        measure_record(actor=author, agreement=agreement, kind=MeasureKind.SWEMWBS, completed_on=day, items=items)
        results += 1
    measure_record(actor=author, agreement=agreement, kind=MeasureKind.ONS4, completed_on=days[-1], items=ONS4_NOW)
    measure_record(
        actor=author,
        agreement=agreement,
        kind=MeasureKind.SDQ,
        completed_on=middle,
        informant=Informant.CARER,
        scores=SDQ_CARER,
    )
    results += 2

    if missing_episode:
        start = days[max(len(days) // 2 - 1, 0)]
        missing_episode_record(
            actor=author,
            agreement=agreement,
            code=MissingCode.MISSING,
            start_date=start,
            end_date=min(start + timedelta(days=1), today),
            return_interview_offered=True,
            return_interview_accepted=True,
            source=IndicatorSource.CARER,
            note="Did not come home after school; found at a friend's house the next day by the police.",
        )
        episodes += 1
    return SeededHistory(reviews=reviews, readings=readings, measures=results, missing_episodes=episodes)
