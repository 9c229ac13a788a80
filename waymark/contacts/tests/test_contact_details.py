"""The complete contact: where, who took part, the young person's words, next steps,
R9 flags and R5 (a volunteer is never the only adult). Each refusal changes nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from waymark.audit.models import AuditEvent
from waymark.contacts.enums import ContactMode, ContactOutcome, Participant
from waymark.contacts.models import Contact
from waymark.contacts.services import contact_log
from waymark.organisations.enums import Role
from waymark.testing.db import db_snapshot
from waymark.testing.personas import persona_user

LONDON = ZoneInfo("Europe/London")


def _log(world, **overrides):
    kwargs = {
        "actor": world.mentor_a,
        "agreement": world.agreement_a,
        "occurred_at": datetime(2026, 9, 9, 16, 0, tzinfo=LONDON),  # a Wednesday afternoon
        "mode": ContactMode.FACE_TO_FACE,
        "outcome": ContactOutcome.MADE,
        "duration_minutes": 60,
        "summary": "Climbing wall.",
    }
    kwargs.update(overrides)
    return contact_log(**kwargs)


def _refused(world, field, **overrides):
    before = db_snapshot()
    with pytest.raises(ValidationError) as excinfo:
        _log(world, **overrides)
    assert db_snapshot() == before
    return excinfo.value.message_dict[field][0]


def test_contact_log_keeps_every_detail(world):
    contact = _log(
        world,
        location="Saltmarsh climbing wall",
        participants=[Participant.CARER, Participant.YOUNG_PERSON],
        other_participants="Youth worker",
        young_person_words="My arms are dead. Worth it.",
        next_steps="Book the beginners' course.",
    )

    contact.refresh_from_db()
    assert (
        contact.location,
        contact.participants,
        contact.other_participants,
        contact.young_person_words,
        contact.next_steps,
    ) == (
        "Saltmarsh climbing wall",
        ["young_person", "carer"],
        "Youth worker",
        "My arms are dead. Worth it.",
        "Book the beginners' course.",
    )
    event = AuditEvent.objects.get(action="contact.logged")
    assert event.after["young_person_words"] == "My arms are dead. Worth it."
    assert event.after["participants"] == ["young_person", "carer"]


@pytest.mark.parametrize(
    ("moment", "flags"),
    [
        (datetime(2026, 9, 9, 16, 0, tzinfo=LONDON), (False, False, False)),
        (datetime(2026, 9, 9, 19, 30, tzinfo=LONDON), (True, False, False)),
        (datetime(2026, 9, 9, 22, 15, tzinfo=LONDON), (False, True, False)),
        (datetime(2026, 9, 12, 11, 0, tzinfo=LONDON), (False, False, True)),
        (datetime(2026, 9, 13, 21, 30, tzinfo=LONDON), (False, True, True)),
    ],
)
def test_contact_log_flags_evening_late_evening_and_weekend(world, moment, flags):
    contact = _log(world, occurred_at=moment, mode=ContactMode.PHONE)

    contact.refresh_from_db()
    assert (contact.is_evening, contact.is_late_evening, contact.is_weekend) == flags


def test_contact_log_refuses_an_unknown_participant(world):
    message = _refused(world, "participants", participants=["young_person", "headteacher"])

    assert message == "Choose who took part from the list."


@pytest.mark.parametrize(
    ("field", "length"),
    [("location", 201), ("other_participants", 201), ("young_person_words", 4001), ("next_steps", 4001)],
)
def test_contact_log_refuses_text_that_is_too_long(world, field, length):
    message = _refused(world, field, **{field: "x" * length})

    assert message.startswith("Enter no more than")


def test_contact_log_refuses_a_contact_20_hours_long(world):
    message = _refused(world, "duration_minutes", duration_minutes=20 * 60)

    assert "12 hours" in message


def test_contact_log_refuses_own_words_for_an_attempt(world):
    message = _refused(
        world, "young_person_words", outcome=ContactOutcome.ATTEMPTED, mode=ContactMode.PHONE, young_person_words="Hi"
    )

    assert "reached them" in message


# --- R5: a volunteer is never the only adult ------------------------------------------


def test_contact_log_with_volunteer_names_the_staff_member_present(world):
    contact = _log(world, volunteer=world.volunteer_a, staff_present=world.mentor_a)

    contact.refresh_from_db()
    assert (contact.volunteer, contact.staff_present) == (world.volunteer_a, world.mentor_a)


def test_contact_log_with_volunteer_and_service_manager_present_is_allowed(world):
    contact = _log(world, volunteer=world.volunteer_a, staff_present=world.manager_a)

    assert contact.staff_present == world.manager_a


def test_contact_log_with_volunteer_alone_is_refused(world):
    message = _refused(world, "staff_present", volunteer=world.volunteer_a)

    assert message == "A volunteer can never be the only adult: name the member of staff who was present."


def test_contact_log_with_a_volunteer_as_staff_present_is_refused(world):
    second_volunteer = persona_user("volunteer_a2", world.provider_a, Role.VOLUNTEER, "Second Volunteer")

    message = _refused(world, "staff_present", volunteer=world.volunteer_a, staff_present=second_volunteer)

    assert "A volunteer cannot be the member of staff present" in message


@pytest.mark.parametrize("name", ["mentor_a2", "dsl_a", "finance_a", "mentor_b"])
def test_contact_log_refuses_someone_who_is_not_a_volunteer_of_the_provider(world, personas, name):
    message = _refused(world, "volunteer", volunteer=personas[name], staff_present=world.mentor_a)

    assert message == "Choose a volunteer of this provider."


@pytest.mark.parametrize("name", ["dsl_a", "finance_a", "mentor_b", "manager_b", "vs_x"])
def test_contact_log_refuses_staff_present_outside_the_providers_mentors_and_managers(world, personas, name):
    message = _refused(world, "staff_present", volunteer=world.volunteer_a, staff_present=personas[name])

    assert message == "Choose a mentor or service manager of this provider."


def test_contact_log_refuses_an_inactive_volunteer(world):
    world.volunteer_a.membership.is_active = False
    world.volunteer_a.membership.save()
    world.volunteer_a.refresh_from_db()

    message = _refused(world, "volunteer", volunteer=world.volunteer_a, staff_present=world.mentor_a)

    assert message == "Choose a volunteer of this provider."


def test_contact_log_still_refuses_face_to_face_when_restricted_with_all_details(world):
    world.yp_a.face_to_face_restricted = True
    world.yp_a.save()

    message = _refused(
        world, "mode", location="Park", participants=["young_person"], young_person_words="Hello", next_steps="Call"
    )

    assert message == (
        "Face-to-face contact is legally restricted for this young person: choose phone, video call or message."
    )


def test_contact_log_resubmission_with_details_is_logged_once(world):
    token = uuid.uuid4()
    first = _log(world, submission_token=token, volunteer=world.volunteer_a, staff_present=world.mentor_a)

    second = _log(world, submission_token=token, volunteer=world.volunteer_a, staff_present=world.mentor_a)

    assert second.pk == first.pk
    assert Contact.objects.count() == 1


def test_contact_log_without_new_arguments_still_works(world):
    contact = contact_log(
        actor=world.mentor_a,
        agreement=world.agreement_a,
        occurred_at=datetime.combine(date(2026, 9, 8), time(10, 0), tzinfo=LONDON),
        mode=ContactMode.PHONE,
        outcome=ContactOutcome.MADE,
    )

    assert (contact.location, contact.participants, contact.volunteer) == ("", [], None)
