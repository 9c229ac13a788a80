"""Logging contacts through ``contact_log`` (R1, R2, R8) and its audit trail (R14)."""

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from waymark.agreements.enums import AgreementStatus
from waymark.agreements.services import agreement_transition
from waymark.audit.models import AuditEvent
from waymark.contacts.enums import ContactMode, ContactOutcome
from waymark.contacts.models import Contact
from waymark.contacts.services import contact_log
from waymark.core.clock import local_today
from waymark.testing.db import db_snapshot

LONDON = ZoneInfo("Europe/London")


def _at(day, hour=10):
    return datetime.combine(day, time(hour, 0), tzinfo=LONDON)


def _log(world, **overrides):
    kwargs = {
        "actor": world.mentor_a,
        "agreement": world.agreement_a,
        "occurred_at": _at(date(2026, 9, 8)),
        "mode": ContactMode.FACE_TO_FACE,
        "outcome": ContactOutcome.MADE,
        "duration_minutes": 40,
        "summary": "Walked to the park and talked about school.",
    }
    kwargs.update(overrides)
    return contact_log(**kwargs)


RESTRICTED = "Face-to-face contact is legally restricted for this young person: choose phone, video call or message."


def _restrict(world):
    world.yp_a.face_to_face_restricted = True
    world.yp_a.restriction_details = "Court order: remote contact only."
    world.yp_a.save()


def test_contact_log_made_sets_first_contact(world):
    contact = _log(world)

    world.agreement_a.refresh_from_db()
    assert contact.occurred_on == date(2026, 9, 8)
    assert contact.author == world.mentor_a
    assert world.agreement_a.first_contact_on == date(2026, 9, 8)


def test_contact_log_attempted_leaves_first_contact_unset(world):
    contact = _log(world, mode=ContactMode.PHONE, outcome=ContactOutcome.ATTEMPTED)

    world.agreement_a.refresh_from_db()
    assert contact.outcome == ContactOutcome.ATTEMPTED
    assert world.agreement_a.first_contact_on is None
    assert world.agreement_a.first_meeting_due_on is None


def test_contact_log_uses_london_date_of_a_late_evening_contact(world):
    # 23:30 on 8 September in London is 22:30 UTC: the clocks count 8 September (R9).
    contact = _log(world, occurred_at=datetime(2026, 9, 8, 22, 30, tzinfo=ZoneInfo("UTC")))

    assert contact.occurred_on == date(2026, 9, 8)


def test_contact_log_by_service_manager_is_allowed(world):
    contact = _log(world, actor=world.manager_a)

    assert contact.author == world.manager_a


def test_contact_log_future_contact_is_refused(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, occurred_at=timezone.now() + timedelta(hours=1))

    assert list(excinfo.value.message_dict) == ["occurred_at"]
    assert db_snapshot() == before


def test_contact_log_before_agreement_start_is_refused(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, occurred_at=_at(date(2026, 9, 6)))

    assert list(excinfo.value.message_dict) == ["occurred_at"]
    assert db_snapshot() == before


def test_contact_log_on_ended_agreement_is_refused(world):
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=local_today(),
        reason="Outcomes achieved.",
    )
    world.agreement_a.refresh_from_db()
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, actor=world.manager_a)

    assert list(excinfo.value.message_dict) == ["__all__"]
    assert db_snapshot() == before


def test_contact_log_face_to_face_refused_when_restricted(world):
    _restrict(world)
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, mode=ContactMode.FACE_TO_FACE)

    assert excinfo.value.message_dict["mode"] == [RESTRICTED]
    assert db_snapshot() == before


@pytest.mark.parametrize("mode", [ContactMode.OTHER, "", "carrier_pigeon"])
def test_contact_log_only_remote_modes_when_restricted(world, mode):
    """R8 in the service: "other" (or no mode, or an unknown one) is refused on ``mode``."""
    _restrict(world)
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, mode=mode, outcome=ContactOutcome.ATTEMPTED)

    expected = RESTRICTED if mode == ContactMode.OTHER else "Choose how the contact happened."
    assert excinfo.value.message_dict["mode"] == [expected]
    assert db_snapshot() == before


@pytest.mark.parametrize("mode", [ContactMode.PHONE, ContactMode.VIDEO, ContactMode.MESSAGE])
def test_contact_log_every_remote_mode_allowed_when_restricted(world, mode):
    _restrict(world)

    contact = _log(world, mode=mode)

    assert contact.mode == mode


def test_contact_log_phone_allowed_when_restricted(world):
    _restrict(world)

    contact = _log(world, mode=ContactMode.PHONE)

    assert contact.mode == ContactMode.PHONE


def test_contact_log_first_meeting_face_to_face_records_first_meeting(world):
    _log(world, mode=ContactMode.PHONE, occurred_at=_at(date(2026, 9, 8)))

    _log(world, mode=ContactMode.FACE_TO_FACE, occurred_at=_at(date(2026, 9, 15)), is_first_meeting=True)

    world.agreement_a.refresh_from_db()
    assert world.agreement_a.first_meeting_on == date(2026, 9, 15)


def test_contact_log_first_meeting_must_be_made(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, outcome=ContactOutcome.ATTEMPTED, is_first_meeting=True)

    assert list(excinfo.value.message_dict) == ["is_first_meeting"]
    assert db_snapshot() == before


@pytest.mark.parametrize("mode", [ContactMode.PHONE, ContactMode.VIDEO, ContactMode.MESSAGE])
def test_contact_log_first_meeting_must_be_face_to_face_when_unrestricted(world, mode):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, mode=mode, is_first_meeting=True)

    assert list(excinfo.value.message_dict) == ["is_first_meeting"]
    assert db_snapshot() == before


@pytest.mark.parametrize("mode", [ContactMode.PHONE, ContactMode.VIDEO])
def test_contact_log_first_meeting_by_phone_or_video_when_restricted(world, mode):
    _restrict(world)

    _log(world, mode=mode, is_first_meeting=True)

    world.agreement_a.refresh_from_db()
    assert world.agreement_a.first_meeting_on == date(2026, 9, 8)


def test_contact_log_first_meeting_by_message_refused_when_restricted(world):
    _restrict(world)
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, mode=ContactMode.MESSAGE, is_first_meeting=True)

    assert list(excinfo.value.message_dict) == ["is_first_meeting"]
    assert db_snapshot() == before


def test_contact_log_second_first_meeting_is_refused(world):
    _log(world, is_first_meeting=True, occurred_at=_at(date(2026, 9, 8)))
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _log(world, is_first_meeting=True, occurred_at=_at(date(2026, 9, 10)))

    assert list(excinfo.value.message_dict) == ["is_first_meeting"]
    assert db_snapshot() == before
    world.agreement_a.refresh_from_db()
    assert world.agreement_a.first_meeting_on == date(2026, 9, 8)


def test_contact_log_same_submission_token_returns_same_contact(world):
    token = uuid.uuid4()
    first = _log(world, submission_token=token)

    second = _log(world, submission_token=token)

    assert second.pk == first.pk
    assert Contact.objects.filter(submission_token=token).count() == 1
    assert AuditEvent.objects.filter(action="contact.logged").count() == 1


@pytest.mark.parametrize("name", ["mentor_a2", "mentor_b", "manager_b", "dsl_a", "volunteer_a", "vs_x", "finance_a"])
def test_contact_log_by_someone_not_assigned_is_denied(world, personas, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        _log(world, actor=personas[name])

    assert db_snapshot() == before


def test_contact_log_by_mentor_whose_assignment_ended_is_denied(world):
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=local_today(),
        reason="Outcomes achieved.",
    )
    world.agreement_a.refresh_from_db()
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        _log(world)

    assert db_snapshot() == before


def test_contact_log_writes_one_audit_event(world):
    before = AuditEvent.objects.count()

    contact = _log(world)

    events = AuditEvent.objects.filter(action="contact.logged")
    assert AuditEvent.objects.count() == before + 1
    assert [(e.actor, e.organisation, e.young_person, e.subject_id) for e in events] == [
        (world.mentor_a, world.provider_a, world.yp_a, str(contact.public_id))
    ]


def test_contact_log_writes_audit_event_in_the_same_transaction(world):
    # The contact and its audit event are written between the same SAVEPOINT and its
    # RELEASE, so one cannot be kept without the other.
    with CaptureQueriesContext(connection) as ctx:
        _log(world)

    sqls = [q["sql"] for q in ctx.captured_queries]
    contact_insert = next(i for i, s in enumerate(sqls) if s.startswith('INSERT INTO "contacts_contact"'))
    audit_insert = next(i for i, s in enumerate(sqls) if s.startswith('INSERT INTO "audit_auditevent"'))
    savepoint = max(i for i, s in enumerate(sqls[:contact_insert]) if s.startswith("SAVEPOINT"))
    release = next(i for i, s in enumerate(sqls) if i > audit_insert and s.startswith("RELEASE SAVEPOINT"))
    assert savepoint < contact_insert < audit_insert < release
    assert [s for s in sqls[savepoint:release] if s.startswith(("RELEASE SAVEPOINT", "ROLLBACK"))] == []
