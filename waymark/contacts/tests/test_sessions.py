"""Sessions: planned ahead, changed while planned, closed only by ``session_transition``.
Each refusal changes nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from waymark.agreements.enums import AgreementStatus
from waymark.agreements.services import agreement_transition
from waymark.audit.models import AuditEvent
from waymark.contacts.enums import CancelledBy, ContactMode, ContactOutcome, Participant, SessionStatus
from waymark.contacts.models import Contact, Session
from waymark.contacts.services import session_plan, session_transition, session_update
from waymark.core.clock import local_today
from waymark.organisations.models import same_scope_as
from waymark.testing.db import db_snapshot
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory


def _plan(world, **overrides):
    kwargs = {
        "actor": world.mentor_a,
        "agreement": world.agreement_a,
        "starts_at": timezone.now() + timedelta(days=2),
        "location": "Hollowmere library",
        "duration_minutes": 60,
        "purpose": "Homework club.",
    }
    kwargs.update(overrides)
    return session_plan(**kwargs)


def _started(world, **overrides):
    """A planned session that started an hour ago (made directly: planning is for the future)."""
    fields = {
        "agreement": world.agreement_a,
        "mentor": world.mentor_a,
        "starts_at": timezone.now() - timedelta(hours=1),
        "duration_minutes": 45,
        "location": "Hub kitchen",
        "created_by": world.mentor_a,
    }
    fields.update(overrides)
    return Session.objects.create(**fields, **same_scope_as(fields["agreement"]))


def _refused(call, exc=ValidationError):
    before = db_snapshot()
    with pytest.raises(exc) as excinfo:
        call()
    assert db_snapshot() == before
    return excinfo.value


# --- Planning -----------------------------------------------------------------


def test_session_plan_by_mentor_is_led_by_the_mentor_and_audited(world):
    session = _plan(world)

    assert (session.status, session.mentor, session.created_by) == (
        SessionStatus.PLANNED,
        world.mentor_a,
        world.mentor_a,
    )
    event = AuditEvent.objects.get(action="session.planned")
    assert (event.actor, event.young_person, event.subject_id) == (world.mentor_a, world.yp_a, str(session.public_id))


def test_session_plan_by_service_manager_is_led_by_the_assigned_mentor(world):
    session = _plan(world, actor=world.manager_a)

    assert (session.mentor, session.created_by) == (world.mentor_a, world.manager_a)


def test_session_plan_with_a_volunteer_keeps_the_mentor_as_staff_present(world):
    session = _plan(world, volunteer=world.volunteer_a)

    assert (session.volunteer, session.mentor) == (world.volunteer_a, world.mentor_a)


def test_session_plan_in_the_past_is_refused(world):
    error = _refused(lambda: _plan(world, starts_at=timezone.now() - timedelta(minutes=1)))

    assert error.message_dict["starts_at"][0].startswith("A session in the past cannot be planned")


def test_session_plan_more_than_two_years_ahead_is_refused(world):
    error = _refused(lambda: _plan(world, starts_at=timezone.now().replace(year=2028, day=26)))

    assert error.message_dict["starts_at"] == [
        "A session can be planned up to two years ahead: choose a date on or before 25 November 2028."
    ]


def test_session_update_to_9999_is_refused(world):
    session = _plan(world)

    error = _refused(
        lambda: session_update(
            actor=world.mentor_a,
            session=session,
            starts_at=timezone.now().replace(year=9999),
            location="Hollowmere library",
            duration_minutes=60,
        )
    )

    assert error.message_dict["starts_at"] == [
        "A session can be planned up to two years ahead: choose a date on or before 25 November 2028."
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"duration_minutes": 4}, "duration_minutes"),
        ({"duration_minutes": 20 * 60}, "duration_minutes"),
        ({"location": "  "}, "location"),
        ({"location": "x" * 201}, "location"),
        ({"purpose": "x" * 501}, "purpose"),
    ],
)
def test_session_plan_bad_input_is_refused(world, overrides, field):
    error = _refused(lambda: _plan(world, **overrides))

    assert list(error.message_dict) == [field]


@pytest.mark.parametrize("name", ["mentor_a2", "dsl_a", "manager_a", "mentor_b"])
def test_session_plan_volunteer_must_be_a_volunteer_of_the_provider(world, personas, name):
    error = _refused(lambda: _plan(world, volunteer=personas[name]))

    assert error.message_dict == {"volunteer": ["Choose a volunteer of this provider."]}


@pytest.mark.parametrize("name", ["mentor_a2", "dsl_a", "volunteer_a", "finance_a", "vs_x", "mentor_b", "manager_b"])
def test_session_plan_by_someone_not_assigned_is_denied(world, personas, name):
    _refused(lambda: _plan(world, actor=personas[name]), PermissionDenied)


def test_session_plan_on_an_ended_agreement_is_refused(world):
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=local_today(),
        reason="Done.",
    )
    world.agreement_a.refresh_from_db()

    error = _refused(lambda: _plan(world, actor=world.manager_a))

    assert "__all__" in error.message_dict


def test_session_plan_without_a_mentor_is_refused(world):
    agreement = IndividualAgreementFactory(
        order_form=OrderFormFactory(framework=world.framework_xa, status="accepted", submitted_by=world.vs_x)
    )

    error = _refused(lambda: _plan(world, actor=world.manager_a, agreement=agreement))

    assert error.message_dict["__all__"] == [
        "Assign a mentor first: every session is led by the young person's mentor."
    ]


# --- Changing -----------------------------------------------------------------


def test_session_update_changes_a_planned_session_and_audits_before_and_after(world):
    session = _plan(world)
    later = session.starts_at + timedelta(days=1)

    session_update(
        actor=world.mentor_a,
        session=session,
        starts_at=later,
        location="Climbing wall",
        duration_minutes=90,
        purpose="Climbing.",
        volunteer=world.volunteer_a,
    )

    session.refresh_from_db()
    assert (session.starts_at, session.location, session.duration_minutes, session.volunteer) == (
        later,
        "Climbing wall",
        90,
        world.volunteer_a,
    )
    event = AuditEvent.objects.get(action="session.updated")
    assert (event.before["location"], event.after["location"]) == ("Hollowmere library", "Climbing wall")


def test_session_update_into_the_past_is_refused(world):
    session = _plan(world)

    error = _refused(
        lambda: session_update(
            actor=world.mentor_a,
            session=session,
            starts_at=timezone.now() - timedelta(hours=2),
            location="Library",
            duration_minutes=60,
        )
    )

    assert list(error.message_dict) == ["starts_at"]


def test_session_update_after_it_was_closed_is_refused(world):
    session = _plan(world)
    session_transition(actor=world.mentor_a, session=session, to=SessionStatus.CANCELLED, cancelled_by="carer")

    error = _refused(
        lambda: session_update(
            actor=world.mentor_a, session=session, starts_at=session.starts_at, location="Park", duration_minutes=60
        )
    )

    assert "only a planned session can be changed" in error.messages[0]


def test_session_update_by_a_volunteer_who_joins_is_denied(world):
    session = _plan(world, volunteer=world.volunteer_a)

    _refused(
        lambda: session_update(
            actor=world.volunteer_a, session=session, starts_at=session.starts_at, location="Park", duration_minutes=60
        ),
        PermissionDenied,
    )


# --- Transitions --------------------------------------------------------------


def test_session_held_becomes_a_made_contact_linked_to_the_session(world):
    session = _started(world)

    session_transition(
        actor=world.mentor_a,
        session=session,
        to=SessionStatus.HELD,
        mode=ContactMode.FACE_TO_FACE,
        summary="Cooked pasta.",
        young_person_words="Best pasta ever.",
        next_steps="Try a curry next time.",
    )

    session.refresh_from_db()
    contact = session.contact
    assert session.status == SessionStatus.HELD
    assert (contact.outcome, contact.mode, contact.occurred_at, contact.duration_minutes, contact.location) == (
        ContactOutcome.MADE,
        ContactMode.FACE_TO_FACE,
        session.starts_at,
        45,
        "Hub kitchen",
    )
    assert (contact.participants, contact.young_person_words, contact.author) == (
        [Participant.YOUNG_PERSON],
        "Best pasta ever.",
        world.mentor_a,
    )
    world.agreement_a.refresh_from_db()
    assert world.agreement_a.first_contact_on == contact.occurred_on
    event = AuditEvent.objects.get(action="session.held")
    assert (event.before["status"], event.after["status"]) == ("planned", "held")
    assert AuditEvent.objects.filter(action="contact.logged").count() == 1


def test_session_held_with_a_volunteer_names_the_mentor_as_staff_present(world):
    session = _started(world, volunteer=world.volunteer_a)

    session_transition(actor=world.manager_a, session=session, to=SessionStatus.HELD, mode=ContactMode.FACE_TO_FACE)

    session.refresh_from_db()
    assert (session.contact.volunteer, session.contact.staff_present, session.contact.author) == (
        world.volunteer_a,
        world.mentor_a,
        world.manager_a,
    )


def test_session_held_face_to_face_is_refused_when_restricted(world):
    world.yp_a.face_to_face_restricted = True
    world.yp_a.save()
    session = _started(world)

    error = _refused(
        lambda: session_transition(actor=world.mentor_a, session=session, to=SessionStatus.HELD, mode="face_to_face")
    )

    assert error.message_dict["mode"] == [
        "Face-to-face contact is legally restricted for this young person: choose phone, video call or message."
    ]


def test_session_held_without_a_mode_is_refused(world):
    session = _started(world)

    error = _refused(lambda: session_transition(actor=world.mentor_a, session=session, to=SessionStatus.HELD))

    assert list(error.message_dict) == ["mode"]


def test_session_held_before_it_starts_is_refused(world):
    session = _plan(world)

    error = _refused(
        lambda: session_transition(actor=world.mentor_a, session=session, to=SessionStatus.HELD, mode="phone")
    )

    assert error.message_dict == {"status": ["A session cannot be recorded as held before it has started."]}


def test_session_held_twice_with_the_same_token_is_recorded_once(world):
    session = _started(world)
    token = uuid.uuid4()
    session_transition(
        actor=world.mentor_a, session=session, to=SessionStatus.HELD, mode="phone", submission_token=token
    )
    session.refresh_from_db()
    before = db_snapshot()

    again = session_transition(
        actor=world.mentor_a, session=session, to=SessionStatus.HELD, mode="phone", submission_token=token
    )

    assert again.pk == session.pk
    assert db_snapshot() == before


def test_session_cancelled_keeps_who_cancelled_and_logs_no_contact(world):
    session = _plan(world)

    session_transition(
        actor=world.mentor_a, session=session, to=SessionStatus.CANCELLED, cancelled_by=CancelledBy.CARER, note="Ill."
    )

    session.refresh_from_db()
    assert (session.status, session.cancelled_by, session.status_note, session.contact) == (
        SessionStatus.CANCELLED,
        CancelledBy.CARER,
        "Ill.",
        None,
    )
    assert Contact.objects.count() == 0
    assert AuditEvent.objects.filter(action="session.cancelled").count() == 1


def test_session_cancelled_needs_who_cancelled(world):
    session = _plan(world)

    error = _refused(lambda: session_transition(actor=world.mentor_a, session=session, to=SessionStatus.CANCELLED))

    assert error.message_dict == {"cancelled_by": ["Say who cancelled the session."]}


def test_session_did_not_attend_is_kept_and_logs_no_contact(world):
    session = _started(world)

    session_transition(actor=world.mentor_a, session=session, to=SessionStatus.DID_NOT_ATTEND, note="Waited 30 min.")

    session.refresh_from_db()
    assert (session.status, session.contact) == (SessionStatus.DID_NOT_ATTEND, None)
    assert Contact.objects.count() == 0


def test_session_did_not_attend_before_it_starts_is_refused(world):
    session = _plan(world)

    error = _refused(lambda: session_transition(actor=world.mentor_a, session=session, to=SessionStatus.DID_NOT_ATTEND))

    assert list(error.message_dict) == ["status"]


@pytest.mark.parametrize("closed", [SessionStatus.HELD, SessionStatus.CANCELLED, SessionStatus.DID_NOT_ATTEND])
@pytest.mark.parametrize("to", [SessionStatus.PLANNED, SessionStatus.HELD, SessionStatus.CANCELLED])
def test_session_transition_from_a_closed_session_is_refused(world, closed, to):
    session = _started(world, status=closed, cancelled_by="carer" if closed == SessionStatus.CANCELLED else "")

    error = _refused(
        lambda: session_transition(actor=world.mentor_a, session=session, to=to, mode="phone", cancelled_by="carer")
    )

    assert "cannot be recorded as" in error.message_dict["status"][0]


def test_session_transition_to_an_unknown_status_is_refused(world):
    session = _plan(world)

    error = _refused(lambda: session_transition(actor=world.mentor_a, session=session, to="postponed"))

    assert error.message_dict == {"status": ["Choose what happened."]}


@pytest.mark.parametrize("name", ["mentor_a2", "dsl_a", "volunteer_a", "vs_x", "manager_b"])
def test_session_transition_by_someone_not_allowed_is_denied(world, personas, name):
    session = _plan(world, volunteer=world.volunteer_a)

    _refused(
        lambda: session_transition(actor=personas[name], session=session, to="cancelled", cancelled_by="carer"),
        PermissionDenied,
    )
