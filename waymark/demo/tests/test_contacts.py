"""The demo's term of contact history: realistic, built through the services (#3)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from waymark.agreements.enums import OrderFormStatus
from waymark.audit.models import AuditEvent
from waymark.contacts.enums import ContactMode, ContactOutcome, SessionStatus
from waymark.contacts.models import Contact, Session
from waymark.core.clock import local_today
from waymark.demo.contacts import seed_contact_history
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory, OrderFormFactory


def _agreement(world, *, weeks_ago=13, restricted=False):
    """An agreement of council X with provider A, started ``weeks_ago``, mentored by mentor_a."""
    order_form = OrderFormFactory(
        framework=world.framework_xa,
        status=OrderFormStatus.ACCEPTED,
        submitted_by=world.vs_x,
        received_on=local_today() - timedelta(weeks=weeks_ago),
        young_person__face_to_face_restricted=restricted,
    )
    agreement = IndividualAgreementFactory(order_form=order_form)
    AssignmentFactory(agreement=agreement, mentor=world.mentor_a, assigned_by=world.manager_a)
    return agreement


def _seed(world, agreement):
    return seed_contact_history(
        agreement=agreement,
        mentor=world.mentor_a,
        manager=world.manager_a,
        volunteer=world.volunteer_a,
        today=local_today(),
    )


def test_seed_contact_history_makes_a_term_of_varied_contacts(world):
    agreement = _agreement(world)

    history = _seed(world, agreement)

    contacts = list(Contact.objects.filter(agreement=agreement))
    assert len(contacts) == len(history.contacts) == 22
    assert {c.mode for c in contacts} == {
        ContactMode.FACE_TO_FACE,
        ContactMode.PHONE,
        ContactMode.VIDEO,
        ContactMode.MESSAGE,
    }
    assert sum(c.outcome == ContactOutcome.ATTEMPTED for c in contacts) == 3
    assert any(c.is_evening for c in contacts)
    assert any(c.is_late_evening for c in contacts)
    assert sum(c.is_weekend for c in contacts) == 4
    assert sum(bool(c.young_person_words) for c in contacts) == 11
    assert all(c.summary for c in contacts)
    first_day = local_today() - timedelta(weeks=12)
    assert all(first_day <= c.occurred_on < local_today() for c in contacts)
    assert max(c.occurred_at for c in contacts) < timezone.now()


def test_seed_contact_history_goes_through_the_services(world):
    agreement = _agreement(world)

    history = _seed(world, agreement)

    agreement.refresh_from_db()
    assert AuditEvent.objects.filter(action="contact.logged").count() == len(history.contacts)
    assert AuditEvent.objects.filter(action="session.planned").count() == 3
    made = [c for c in history.contacts if c.outcome == ContactOutcome.MADE]
    assert agreement.first_contact_on == min(c.occurred_on for c in made)
    assert agreement.first_meeting_on == next(c.occurred_on for c in made if c.is_first_meeting)
    assert Contact.objects.filter(agreement=agreement, is_first_meeting=True).count() == 1


def test_seed_contact_history_names_staff_present_with_the_volunteer_and_the_manager_logs_one(world):
    agreement = _agreement(world)

    _seed(world, agreement)

    with_volunteer = Contact.objects.filter(agreement=agreement, volunteer__isnull=False)
    assert [(c.volunteer, c.staff_present, c.is_weekend) for c in with_volunteer] == [
        (world.volunteer_a, world.mentor_a, True)
    ]
    assert Contact.objects.filter(agreement=agreement, author=world.manager_a).count() == 1


def test_seed_contact_history_plans_sessions_to_come(world):
    agreement = _agreement(world)

    _seed(world, agreement)

    sessions = list(Session.objects.filter(agreement=agreement).order_by("starts_at"))
    assert all(s.starts_at > timezone.now() for s in sessions)
    planned = [s for s in sessions if s.status == SessionStatus.PLANNED]
    assert len(planned) == 2
    assert [s.volunteer for s in planned] == [None, world.volunteer_a]
    assert [s.status for s in sessions if s.status != SessionStatus.PLANNED] == [SessionStatus.CANCELLED]


def test_seed_contact_history_keeps_to_remote_modes_when_restricted(world):
    agreement = _agreement(world, restricted=True)

    _seed(world, agreement)

    contacts = Contact.objects.filter(agreement=agreement)
    assert contacts.count() == 22
    assert not contacts.filter(mode=ContactMode.FACE_TO_FACE).exists()
    assert contacts.get(is_first_meeting=True).mode == ContactMode.VIDEO
    assert not Session.objects.filter(agreement=agreement, volunteer__isnull=False).exists()


def test_seed_contact_history_starts_at_a_recent_agreement(world):
    agreement = _agreement(world, weeks_ago=3)

    history = _seed(world, agreement)

    assert 0 < len(history.contacts) < 10
    assert min(c.occurred_on for c in history.contacts) >= agreement.start_date


def test_seed_contact_history_for_an_agreement_started_today_only_plans(world):
    agreement = _agreement(world, weeks_ago=0)

    history = _seed(world, agreement)

    assert history.contacts == []
    assert len(history.sessions) == 3
