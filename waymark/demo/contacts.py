"""A term of realistic, fictional contact history for the demo (#3).

Everything goes through the services, as in real use: ``contact_log`` for what
happened (backdated through ``occurred_at``, since contacts are never in the future),
``session_plan`` for what is to come, ``session_transition`` for a session the young
person cancelled. The seed command calls ``seed_contact_history`` for each young person
whose mentoring is under way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from waymark.agreements.models import IndividualAgreement
from waymark.contacts.enums import CancelledBy, ContactMode, ContactOutcome, Participant, SessionStatus
from waymark.contacts.models import Contact, Session
from waymark.contacts.services import contact_log, session_plan, session_transition
from waymark.organisations.models import User

LONDON = ZoneInfo("Europe/London")
TERM_WEEKS = 12

YP = Participant.YOUNG_PERSON


@dataclass(frozen=True)
class Visit:
    """One contact in the weekly pattern: day offset from the week's Monday, time, mode."""

    weekday: int
    at: time
    mode: str
    minutes: int | None
    location: str
    summary: str
    words: str = ""
    next_steps: str = ""
    participants: tuple[str, ...] = (YP,)
    made: bool = True


# Twelve weeks of a mentoring relationship finding its feet: after-school sessions,
# evening check-ins by message, a late call when things were hard, weekend activities,
# and a few attempts that did not reach the young person.
WEEKS: list[list[Visit]] = [
    [
        Visit(
            0,
            time(16, 0),
            ContactMode.FACE_TO_FACE,
            45,
            "School, pastoral room",
            "First meeting at school with the designated teacher; talked about what they enjoy.",
            "I don't really do talking to new people.",
            "Meet after school next week.",
            (YP, Participant.SCHOOL),
        ),
        Visit(
            3,
            time(19, 15),
            ContactMode.MESSAGE,
            None,
            "",
            "Evening message to say how the first meeting went; replied with a thumbs up.",
        ),
    ],
    [
        Visit(
            1,
            time(15, 45),
            ContactMode.FACE_TO_FACE,
            60,
            "Hollowmere library",
            "Walked to the library; looked at climbing videos.",
            "Climbing looks sick actually.",
            "Ask the carer about a climbing taster.",
        ),
        Visit(4, time(18, 30), ContactMode.PHONE, None, "", "Rang to confirm next week; no answer.", made=False),
    ],
    [
        Visit(
            0,
            time(16, 15),
            ContactMode.FACE_TO_FACE,
            75,
            "Hub kitchen",
            "Cooked pasta at the hub; talked about a falling-out with a friend.",
            "She started it but I don't want to lose her.",
            "Practise what to say to the friend.",
        ),
        Visit(
            5,
            time(11, 0),
            ContactMode.FACE_TO_FACE,
            120,
            "Saltmarsh climbing wall",
            "Saturday climbing taster with the volunteer; reached the top twice.",
            "Can we come back? I want to do the red route.",
            "Book the beginners' course.",
            (YP,),
        ),
    ],
    [
        Visit(
            2,
            time(21, 40),
            ContactMode.PHONE,
            25,
            "",
            "Late call: upset after a row at the placement. Listened, agreed a plan for the morning; told the carer.",
            "I just needed someone to pick up.",
            "Check in before school tomorrow.",
            (YP,),
        ),
        Visit(
            3, time(8, 10), ContactMode.MESSAGE, None, "", "Morning message before school as agreed; went in on time."
        ),
    ],
    [
        Visit(
            1,
            time(16, 0),
            ContactMode.FACE_TO_FACE,
            60,
            "School, pastoral room",
            "Review with the designated teacher: attendance up to four days last week.",
            "Maths is still rubbish but the teacher is alright.",
            "Ask school about a maths mentor.",
            (YP, Participant.SCHOOL),
        ),
    ],
    [
        Visit(
            0,
            time(17, 30),
            ContactMode.PHONE,
            15,
            "",
            "Call with the social worker about the half-term plan.",
            participants=(Participant.SOCIAL_WORKER,),
        ),
        Visit(
            6,
            time(14, 0),
            ContactMode.FACE_TO_FACE,
            90,
            "Northshire country park",
            "Sunday walk with the carer; fed the ducks, talked about Christmas.",
            "I like it when it's just quiet.",
            "",
            (YP, Participant.CARER),
        ),
    ],
    [
        Visit(
            2,
            time(16, 30),
            ContactMode.VIDEO,
            30,
            "",
            "Video call during half term; showed a drawing they finished.",
            "I did it in one go, no rubbing out.",
        ),
        Visit(4, time(19, 45), ContactMode.MESSAGE, None, "", "Messages about a worry over going back to school."),
    ],
    [
        Visit(
            1,
            time(16, 0),
            ContactMode.FACE_TO_FACE,
            60,
            "Hollowmere library",
            "Homework club together; finished the science sheet.",
            "",
            "Bring the next sheet.",
        ),
        Visit(3, time(16, 15), ContactMode.PHONE, None, "", "Rang about Thursday; phone off.", made=False),
    ],
    [
        Visit(
            0,
            time(15, 50),
            ContactMode.FACE_TO_FACE,
            75,
            "Saltmarsh climbing wall",
            "Beginners' course, week one.",
            "My arms are dead. Worth it.",
            "Course continues next Monday.",
        ),
        Visit(5, time(10, 30), ContactMode.MESSAGE, None, "", "Saturday message: sent a photo of the certificate."),
    ],
    [
        Visit(
            1,
            time(20, 15),
            ContactMode.PHONE,
            20,
            "",
            "Evening call: nervous about the PEP meeting.",
            "Will they talk about me like I'm not there?",
            "Prepare three things to say at the PEP.",
        ),
        Visit(
            3,
            time(16, 0),
            ContactMode.FACE_TO_FACE,
            50,
            "School, pastoral room",
            "Prepared for the PEP: wrote down what they want to say.",
            "I want to stay in top set English.",
            "",
            (YP, Participant.SCHOOL),
        ),
    ],
    [
        Visit(
            2,
            time(17, 0),
            ContactMode.FACE_TO_FACE,
            60,
            "Hub kitchen",
            "Cooked with another young person; shared the washing up without being asked.",
            "",
            "",
        ),
        Visit(
            4,
            time(18, 0),
            ContactMode.PHONE,
            None,
            "",
            "Rang the carer's number; no answer, left a voicemail.",
            made=False,
            participants=(Participant.CARER,),
        ),
    ],
    [
        Visit(
            0,
            time(16, 0),
            ContactMode.FACE_TO_FACE,
            60,
            "Hollowmere library",
            "Looked back over the term: attendance, climbing, the PEP.",
            "This term was better than last.",
            "Set goals for next term together.",
        ),
        Visit(6, time(12, 0), ContactMode.MESSAGE, None, "", "Sunday message wishing good luck for the week."),
    ],
]

# A contact in the pattern with the volunteer taking part (R5: the mentor is present).
VOLUNTEER_VISIT = (2, 1)  # week 3, the Saturday climbing taster
# A contact the service manager logged while the mentor was on leave.
MANAGER_VISIT = (5, 0)  # week 6, the call with the social worker


@dataclass
class DemoHistory:
    contacts: list[Contact] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=LONDON)


def _remote(mode: str) -> str:
    """R8: where face-to-face contact is restricted, a meeting happens by video instead."""
    return ContactMode.VIDEO if mode == ContactMode.FACE_TO_FACE else mode


def seed_contact_history(
    *,
    agreement: IndividualAgreement,
    mentor: User,
    manager: User,
    volunteer: User | None,
    today: date,
) -> DemoHistory:
    """About a term (12 weeks) of contacts up to yesterday, and sessions to come.

    Contacts start at the agreement's start (or 12 weeks ago, if later) and follow a
    weekly pattern: face-to-face sessions after school, evening and late-evening calls
    and messages, weekend activities (R9), a few attempts that did not reach the young
    person, the young person's own words and next steps. Where face-to-face contact is
    restricted (R8), meetings are by video. If no first meeting has been logged, the
    first made meeting is it (R2). One weekend contact has the volunteer taking part
    with the mentor present (R5); one contact is logged by the service manager.

    Then two sessions are planned: one next week, one with the volunteer joining (the
    mentor present); and one more that the young person cancelled. ``mentor`` must be
    the mentor assigned now; the agreement must be active.
    """
    history = DemoHistory()
    young_person = agreement.young_person
    restricted = young_person.face_to_face_restricted
    first = max(agreement.start_date, today - timedelta(weeks=TERM_WEEKS))
    monday = first - timedelta(days=first.weekday())
    needs_first_meeting = agreement.first_meeting_on is None
    for week, visits in enumerate(WEEKS):
        for index, visit in enumerate(visits):
            day = monday + timedelta(weeks=week, days=visit.weekday)
            if day < first or day >= today:
                continue
            mode = _remote(visit.mode) if restricted else visit.mode
            is_meeting = mode == ContactMode.FACE_TO_FACE or (restricted and mode == ContactMode.VIDEO)
            first_meeting = needs_first_meeting and visit.made and is_meeting
            with_volunteer = volunteer is not None and (week, index) == VOLUNTEER_VISIT and not restricted
            contact = contact_log(
                actor=manager if (week, index) == MANAGER_VISIT else mentor,
                agreement=agreement,
                occurred_at=_at(day, visit.at),
                mode=mode,
                outcome=ContactOutcome.MADE if visit.made else ContactOutcome.ATTEMPTED,
                is_first_meeting=first_meeting,
                duration_minutes=visit.minutes if visit.made else None,
                summary=visit.summary,
                location=visit.location if mode == ContactMode.FACE_TO_FACE else "",
                participants=list(visit.participants) if visit.made else [],
                young_person_words=visit.words if visit.made else "",
                next_steps=visit.next_steps,
                volunteer=volunteer if with_volunteer else None,
                staff_present=mentor if with_volunteer else None,
            )
            if first_meeting:
                needs_first_meeting = False
            history.contacts.append(contact)

    next_week = today + timedelta(days=7 - today.weekday())  # next Monday
    where = "Video call" if restricted else "Hollowmere library"
    history.sessions.append(
        session_plan(
            actor=mentor,
            agreement=agreement,
            starts_at=_at(next_week + timedelta(days=1), time(16, 0)),
            duration_minutes=60,
            location=where,
            purpose="Set goals for next term; look at the college open days.",
        )
    )
    history.sessions.append(
        session_plan(
            actor=mentor,
            agreement=agreement,
            starts_at=_at(next_week + timedelta(days=5), time(10, 30)),
            duration_minutes=120,
            location="Video call" if restricted else "Saltmarsh climbing wall",
            purpose="Climbing: the red route.",
            volunteer=None if restricted else volunteer,
        )
    )
    cancelled = session_plan(
        actor=mentor,
        agreement=agreement,
        starts_at=_at(next_week + timedelta(days=3), time(16, 0)),
        duration_minutes=60,
        location=where,
        purpose="Homework club.",
    )
    history.sessions.append(
        session_transition(
            actor=mentor,
            session=cancelled,
            to=SessionStatus.CANCELLED,
            cancelled_by=CancelledBy.YOUNG_PERSON,
            note="Has a dentist appointment; rearranging.",
        )
    )
    return history
