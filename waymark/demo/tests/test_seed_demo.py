"""``manage.py seed_demo``: a fictional demo built through the services, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from waymark.agreements.deadlines import OPEN_STATUSES
from waymark.agreements.enums import AssignmentEndReason, DeadlineStatus, OrderFormStatus
from waymark.agreements.models import Assignment, OrderForm
from waymark.agreements.selectors import agreement_list_visible_to
from waymark.audit.models import AuditEvent
from waymark.contacts.models import Contact
from waymark.core.clock import local_today
from waymark.core.working_days import is_working_day
from waymark.organisations.models import Organisation, User
from waymark.testing.db import db_snapshot
from waymark.young_people.models import YoungPerson
from waymark.young_people.selectors import young_person_list_visible_to

PASSWORD = "waymark-demo-2026"


def _seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return _seed()


def _rows():
    manager = User.objects.get(username="manager")
    return list(agreement_list_visible_to(user=manager))


def test_seed_demo_creates_eight_young_people_and_the_people(seeded):
    assert YoungPerson.objects.count() == 8
    assert sorted(User.objects.values_list("membership__role", flat=True)) == sorted(
        ["vs_officer", "contract_manager", "service_manager", "mentor", "mentor", "volunteer", "dsl", "finance"]
    )
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Brightpath Mentoring",
        "Northshire County Council",
    ]


def test_seed_demo_has_one_order_form_waiting_and_seven_agreements(seeded):
    assert OrderForm.objects.filter(status=OrderFormStatus.RECEIVED).count() == 1
    assert len(_rows()) == 7


def test_seed_demo_has_one_overdue_first_contact(seeded):
    statuses = [row.first_contact_status for row in _rows()]

    assert statuses.count(DeadlineStatus.OVERDUE) == 1


def test_seed_demo_has_first_contact_due_today_on_a_working_day(seeded):
    statuses = sorted(row.first_contact_status for row in _rows())

    if is_working_day(local_today()):
        expected = [DeadlineStatus.DUE, DeadlineStatus.DUE_TODAY]
    else:  # no deadline can fall on a weekend or bank holiday: it is due on the next working day
        expected = [DeadlineStatus.DUE, DeadlineStatus.DUE]
    assert [s for s in statuses if s in (DeadlineStatus.DUE, DeadlineStatus.DUE_TODAY)] == expected
    assert statuses.count(DeadlineStatus.MET) == 4


def test_seed_demo_has_one_first_meeting_due_and_three_met(seeded):
    statuses = [row.first_meeting_status for row in _rows()]

    assert statuses.count(DeadlineStatus.DUE) == 1
    assert statuses.count(DeadlineStatus.MET) == 3


def test_seed_demo_has_one_open_substitution(seeded):
    rows = [row for row in _rows() if row.substitution_status in OPEN_STATUSES]

    assert len(rows) == 1
    assert rows[0].substitution_status == DeadlineStatus.DUE
    assert rows[0].current_assignments == []
    assert Assignment.objects.filter(end_reason=AssignmentEndReason.MENTOR_UNAVAILABLE).count() == 1


def test_seed_demo_restricted_young_person_met_by_video(seeded):
    young_person = YoungPerson.objects.get(face_to_face_restricted=True)

    first_meeting = Contact.objects.get(agreement__young_person=young_person, is_first_meeting=True)

    assert first_meeting.mode == "video"
    assert Contact.objects.filter(agreement__young_person=young_person, mode="face_to_face").count() == 0


def test_seed_demo_writes_audit_events_through_the_services(seeded):
    assert AuditEvent.objects.filter(action="contact.logged").count() == Contact.objects.count()
    assert AuditEvent.objects.filter(action="order_form.received").count() == 8
    assert AuditEvent.objects.filter(action="agreement.created").count() == 7


def test_seed_demo_users_sign_in_by_email_with_demo_password(seeded):
    user = authenticate(None, email="manager@brightpath.example", password=PASSWORD)

    assert user == User.objects.get(username="manager")


def test_seed_demo_prints_logins_and_url(seeded):
    assert "http://127.0.0.1:8000" in seeded
    assert "mentor1@brightpath.example" in seeded
    assert PASSWORD in seeded


def test_seed_demo_mentors_see_only_their_young_people(seeded):
    mentor2 = User.objects.get(username="mentor2")

    visible = young_person_list_visible_to(user=mentor2).values_list("local_child_id", flat=True)

    assert sorted(visible) == ["NCC-DEMO-004", "NCC-DEMO-005"]


def test_seed_demo_second_run_changes_nothing(seeded):
    before = db_snapshot()

    output = _seed()

    assert db_snapshot() == before
    assert "already" in output
