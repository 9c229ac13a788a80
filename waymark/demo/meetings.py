"""Demo meetings for one young person: a PEP in the current term with a written
contribution, and a looked-after child review we attended. Created through the service,
as a mentor would. Meant for ``seed_demo`` to call for each young person with an active,
assigned agreement. Every word is invented."""

from __future__ import annotations

from datetime import date, timedelta

from waymark.agreements.models import IndividualAgreement
from waymark.core.terms import school_term
from waymark.meetings.enums import MeetingAttendance, MeetingType
from waymark.meetings.models import Meeting
from waymark.meetings.services import meeting_record
from waymark.organisations.models import User


def _pep_day(agreement: IndividualAgreement, today: date) -> date:
    """A day in the current term, on or after the agreement's start: halfway from the
    later of the two starts to today (or that start, when it is today or later)."""
    start = max(school_term(today).start, agreement.start_date)
    if start >= today:
        return start
    return start + timedelta(days=(today - start).days // 2)


def seed_meetings(*, agreement: IndividualAgreement, author: User, today: date) -> list[Meeting]:
    """Record a PEP review (written contribution, current term) and a LAC review
    (attended, up to four weeks ago) for ``agreement``, written by ``author`` — its
    mentor or the service manager. Returns them, PEP first."""
    pep = meeting_record(
        actor=author,
        agreement=agreement,
        meeting_type=MeetingType.PEP,
        held_on=_pep_day(agreement, today),
        attendance=MeetingAttendance.WRITTEN,
        engagement=(
            "Has met their mentor most weeks, usually after school at the library. Arrives on time and "
            "stays for the whole session; talks more freely when walking than sitting down."
        ),
        progress=(
            "Attendance is improving: now in school four days most weeks. Has joined the Tuesday "
            "football club and went three weeks running."
        ),
        young_person_views=(
            '"Maths is still rubbish but Mr Okafor lets me sit at the front now, which helps." '
            "Would like help choosing options for next year."
        ),
        recommended_actions=(
            "School to arrange a maths catch-up group before half term (designated teacher). "
            "Mentor to visit a college open day with them in the spring term."
        ),
        today=today,
    )
    lac_review = meeting_record(
        actor=author,
        agreement=agreement,
        meeting_type=MeetingType.LAC_REVIEW,
        held_on=max(agreement.start_date, today - timedelta(days=28)),
        attendance=MeetingAttendance.ATTENDED,
        engagement="Spoke up in the review with support; settled in the placement.",
        young_person_views="Wants to keep seeing their mentor and to stay at the same school.",
        recommended_actions="Independent Reviewing Officer to check contact arrangements with their brother.",
        today=today,
    )
    return [pep, lac_review]
