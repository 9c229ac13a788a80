"""Recording and changing meetings through the services: who may, which dates, what a
written contribution needs — and that every refusal changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from waymark.agreements.enums import AgreementStatus
from waymark.audit.models import AuditEvent
from waymark.meetings.enums import MeetingAttendance, MeetingType
from waymark.meetings.models import Meeting
from waymark.meetings.services import meeting_record, meeting_update
from waymark.testing.db import db_snapshot
from waymark.testing.meeting_factories import MeetingFactory

TODAY = date(2026, 11, 25)  # the world's agreement_a started on 7 September 2026


def _record(world, actor=None, **overrides):
    values = {
        "actor": actor or world.mentor_a,
        "agreement": world.agreement_a,
        "meeting_type": MeetingType.PEP,
        "held_on": date(2026, 11, 20),
        "attendance": MeetingAttendance.WRITTEN,
        "engagement": "Comes to every session.",
        "today": TODAY,
    }
    values.update(overrides)
    return meeting_record(**values)


@pytest.mark.parametrize("name", ["mentor_a", "manager_a"])
def test_meeting_recorded_with_author_and_audit(world, name):
    actor = world.personas[name]

    meeting = _record(world, actor=actor, young_person_views="  Likes football.  ")

    assert Meeting.objects.get() == meeting
    assert meeting.author == actor
    assert meeting.young_person_views == "Likes football."
    event = AuditEvent.objects.get(action="meeting.recorded")
    assert event.actor == actor
    assert event.young_person == world.yp_a
    assert event.subject_id == str(meeting.public_id)
    assert event.after["held_on"] == "2026-11-20"
    assert event.after["meeting_type"] == "pep"


@pytest.mark.parametrize("name", ["dsl_a", "vs_x", "mentor_a2", "finance_a", "volunteer_a", "mentor_b", "manager_b"])
def test_meeting_record_refused_for_others(world, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        _record(world, actor=world.personas[name])

    assert db_snapshot() == before


def test_former_mentor_cannot_record(world):
    world.assignment_a.ended_on = TODAY
    world.assignment_a.save()
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        _record(world)

    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"held_on": date(2026, 9, 6)},
            "held_on",
            "The meeting cannot be before the agreement started on 7 September 2026.",
        ),
        ({"held_on": TODAY + timedelta(days=366)}, "held_on", "The meeting cannot be more than a year ahead."),
        ({"held_on": None}, "held_on", "Enter the date of the meeting."),
        ({"meeting_type": "party"}, "meeting_type", "Choose the type of meeting."),
        ({"attendance": "maybe"}, "attendance", "Choose whether we attended, contributed in writing, or neither."),
        ({"engagement": "x" * 4001}, "engagement", "Keep this to 4,000 characters or fewer."),
        (
            {"engagement": "   \n "},
            "engagement",
            "A written contribution cannot be empty: write about engagement, progress, "
            "the young person's views or recommended actions.",
        ),
    ],
)
def test_meeting_record_refusals_change_nothing(world, overrides, field, message):
    before = db_snapshot()

    with pytest.raises(ValidationError) as caught:
        _record(world, **overrides)

    assert caught.value.message_dict == {field: [message]}
    assert db_snapshot() == before


def test_meeting_a_year_ahead_is_allowed(world):
    meeting = _record(world, held_on=TODAY + timedelta(days=365))

    assert meeting.held_on == date(2027, 11, 25)


def test_attended_meeting_needs_no_contribution(world):
    meeting = _record(world, attendance=MeetingAttendance.ATTENDED, engagement="")

    assert meeting.attendance == MeetingAttendance.ATTENDED


def test_meeting_record_refused_when_agreement_ended(world):
    world.agreement_a.status = AgreementStatus.ENDED
    world.agreement_a.end_date = date(2026, 11, 1)
    world.agreement_a.save()
    before = db_snapshot()

    with pytest.raises(ValidationError) as caught:
        _record(world, actor=world.manager_a, held_on=date(2026, 10, 1))

    assert caught.value.messages == ["This agreement has ended: no more meetings can be recorded."]
    assert db_snapshot() == before


# --- meeting_update -------------------------------------------------------------------------


@pytest.fixture
def meeting(world):
    return MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 10, 14))


def test_meeting_updated_and_audited_with_changed_fields_only(world, meeting):
    updated = meeting_update(
        actor=world.manager_a,
        meeting=meeting,
        data={
            "held_on": date(2026, 10, 15),
            "recommended_actions": "Mentor to visit college.",
            "progress": meeting.progress,
        },
        today=TODAY,
    )

    meeting.refresh_from_db()
    assert updated.held_on == meeting.held_on == date(2026, 10, 15)
    assert meeting.recommended_actions == "Mentor to visit college."
    assert meeting.author == world.mentor_a
    event = AuditEvent.objects.get(action="meeting.updated")
    assert event.actor == world.manager_a
    assert event.before == {"held_on": "2026-10-14", "recommended_actions": "School to set up a maths catch-up group."}
    assert event.after == {"held_on": "2026-10-15", "recommended_actions": "Mentor to visit college."}


def test_meeting_update_with_no_change_writes_nothing(world, meeting):
    before = db_snapshot()

    meeting_update(actor=world.mentor_a, meeting=meeting, data={"progress": meeting.progress}, today=TODAY)

    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"engagement": "", "progress": "", "young_person_views": "", "recommended_actions": ""}, "engagement"),
        ({"held_on": date(2026, 1, 1)}, "held_on"),
        ({"held_on": TODAY + timedelta(days=400)}, "held_on"),
        ({"attendance": "sometimes"}, "attendance"),
    ],
)
def test_meeting_update_refusals_change_nothing(world, meeting, data, field):
    before = db_snapshot()

    with pytest.raises(ValidationError) as caught:
        meeting_update(actor=world.mentor_a, meeting=meeting, data=data, today=TODAY)

    assert list(caught.value.message_dict) == [field]
    assert db_snapshot() == before


@pytest.mark.parametrize("name", ["dsl_a", "vs_x", "mentor_a2", "mentor_b", "manager_b"])
def test_meeting_update_refused_for_others(world, meeting, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        meeting_update(actor=world.personas[name], meeting=meeting, data={"progress": "Changed"}, today=TODAY)

    assert db_snapshot() == before


def test_meeting_update_after_the_agreement_ended_keeps_the_date_inside_it(world, meeting):
    world.agreement_a.status = AgreementStatus.ENDED
    world.agreement_a.end_date = date(2026, 11, 1)
    world.agreement_a.save()
    before = db_snapshot()

    with pytest.raises(ValidationError) as caught:
        meeting_update(actor=world.manager_a, meeting=meeting, data={"held_on": date(2026, 11, 2)}, today=TODAY)

    assert caught.value.message_dict == {
        "held_on": ["The meeting cannot be after the agreement ended on 1 November 2026."]
    }
    assert db_snapshot() == before


def test_meeting_update_rejects_fields_that_cannot_change(world, meeting):
    with pytest.raises(TypeError):
        meeting_update(actor=world.manager_a, meeting=meeting, data={"author": world.manager_a}, today=TODAY)
