"""Order Forms, agreements and assignments through their services (R1, R3, R4, R5, R7)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from waymark.agreements.enums import (
    AgreementStatus,
    AssignmentEndReason,
    DeadlineStatus,
    OrderFormChannel,
    OrderFormStatus,
)
from waymark.agreements.models import Assignment, IndividualAgreement
from waymark.agreements.selectors import agreement_list_visible_to
from waymark.agreements.services import (
    agreement_transition,
    assignment_create,
    assignment_reject,
    assignment_substitute,
    order_form_accept,
    order_form_decline,
    order_form_receive,
)
from waymark.audit.models import AuditEvent
from waymark.core.clock import local_today
from waymark.notifications.models import Notification
from waymark.organisations.enums import Role
from waymark.testing.db import db_snapshot
from waymark.testing.factories import IndividualAgreementFactory, OrderFormFactory
from waymark.testing.personas import persona_user
from waymark.young_people.models import YoungPerson

CHILD = {
    "legal_first_name": "Peregrine",
    "legal_last_name": "Thistlewaite",
    "date_of_birth": date(2012, 5, 17),
    "local_child_id": "NX-0099",
}
OUTCOMES = ["Attend school on four days a week", "Name one trusted adult at school"]


def _receive(world, actor, **overrides):
    kwargs = {
        "actor": actor,
        "framework": world.framework_xa,
        "young_person": dict(CHILD),
        "referral_reason": "Not attending school since moving placement.",
        "outcomes": list(OUTCOMES),
    }
    kwargs.update(overrides)
    return order_form_receive(**kwargs)


def _unassigned_agreement(world):
    """An active agreement of council X with provider A that has never had a mentor."""
    order_form = OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.ACCEPTED)
    return IndividualAgreementFactory(order_form=order_form)


def _actions():
    return sorted(AuditEvent.objects.values_list("action", flat=True))


# --- order_form_receive ----------------------------------------------------------


def test_order_form_receive_by_vs_officer_is_received_today_through_portal(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order_form = _receive(world, world.vs_x)

    assert order_form.received_on == local_today()
    assert order_form.channel == OrderFormChannel.PORTAL
    assert order_form.status == OrderFormStatus.RECEIVED
    assert order_form.submitted_by == world.vs_x


def test_order_form_receive_creates_young_person_and_outcomes(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order_form = _receive(world, world.vs_x)

    young_person = order_form.young_person
    assert young_person.legal_name == "Peregrine Thistlewaite"
    assert young_person.council == world.council_x
    assert young_person.provider == world.provider_a
    assert list(order_form.outcomes.values_list("description", "position")) == [
        ("Attend school on four days a week", 1),
        ("Name one trusted adult at school", 2),
    ]


def test_order_form_receive_writes_audit_events(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order_form = _receive(world, world.vs_x)

    events = AuditEvent.objects.filter(young_person=order_form.young_person).order_by("id")
    assert [(e.action, e.actor, e.organisation) for e in events] == [
        ("young_person.created", world.vs_x, world.council_x),
        ("order_form.received", world.vs_x, world.council_x),
    ]


def test_order_form_receive_by_vs_officer_notifies_provider_managers(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _receive(world, world.vs_x)

    notes = Notification.objects.filter(verb="order_form.received")
    assert [n.recipient for n in notes] == [world.manager_a]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == sorted([world.manager_a.email, world.provider_a.email])
    text = f"{email.subject}\n{email.body}"
    assert "Peregrine" not in text
    assert "Thistlewaite" not in text
    assert "NX-0099" not in text


def test_order_form_receive_by_manager_uses_email_channel_and_date_of_receipt(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))

    assert order_form.channel == OrderFormChannel.EMAIL
    assert order_form.received_on == date(2026, 11, 20)
    assert order_form.first_contact_due_on == date(2026, 11, 24)  # Friday receipt: due Tuesday (R1)
    assert len(mail.outbox) == 0


def test_order_form_receive_by_manager_refuses_future_date(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _receive(world, world.manager_a, received_on=local_today() + timedelta(days=1))

    assert list(excinfo.value.message_dict) == ["received_on"]
    assert db_snapshot() == before


def test_order_form_receive_by_manager_refuses_date_outside_framework(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _receive(world, world.manager_a, received_on=date(2025, 8, 29))

    assert list(excinfo.value.message_dict) == ["received_on"]
    assert db_snapshot() == before


def test_order_form_receive_refuses_no_outcomes(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _receive(world, world.manager_a, received_on=date(2026, 11, 20), outcomes=["", "   "])

    assert list(excinfo.value.message_dict) == ["outcomes"]
    assert db_snapshot() == before


def test_order_form_receive_refuses_duplicate_local_child_id_with_open_order_form(world):
    _receive(world, world.manager_a, received_on=date(2026, 11, 20))
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        _receive(
            world,
            world.manager_a,
            received_on=date(2026, 11, 23),
            young_person={**CHILD, "legal_first_name": "Changed"},
        )

    assert list(excinfo.value.message_dict) == ["local_child_id"]
    assert db_snapshot() == before
    assert YoungPerson.objects.get(local_child_id="NX-0099").legal_first_name == "Peregrine"


def test_order_form_receive_refuses_young_person_with_active_agreement(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as refusal:
        _receive(world, world.vs_x, young_person={**CHILD, "local_child_id": world.yp_a.local_child_id})
    assert refusal.value.message_dict == {
        "local_child_id": [
            "This young person already has an Order Form or an active Individual Agreement with this provider."
        ]
    }

    assert db_snapshot() == before


@pytest.mark.parametrize("name", ["mentor_a", "dsl_a", "finance_a", "contract_x", "vs_y", "manager_b"])
def test_order_form_receive_by_wrong_role_or_organisation_is_denied(world, personas, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        _receive(world, personas[name], received_on=date(2026, 11, 20))

    assert db_snapshot() == before


# --- order_form_accept / order_form_decline ---------------------------------------


def test_order_form_accept_creates_active_agreement(world):
    order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))

    agreement = order_form_accept(actor=world.manager_a, order_form=order_form)

    order_form.refresh_from_db()
    assert order_form.status == OrderFormStatus.ACCEPTED
    assert order_form.decided_by == world.manager_a
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.start_date == date(2026, 11, 20)
    assert agreement.young_person == order_form.young_person
    assert agreement.framework == world.framework_xa
    assert _actions().count("agreement.created") == 1
    assert _actions().count("order_form.accepted") == 1


def test_order_form_accept_twice_is_refused(world):
    order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))
    order_form_accept(actor=world.manager_a, order_form=order_form)
    before = db_snapshot()

    with pytest.raises(ValidationError) as refusal:
        order_form_accept(actor=world.manager_a, order_form=order_form)
    assert refusal.value.messages == ["This Order Form is accepted and cannot now be accepted."]

    assert db_snapshot() == before


def test_order_form_decline_needs_reason(world):
    order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        order_form_decline(actor=world.manager_a, order_form=order_form, reason="  ")

    assert list(excinfo.value.message_dict) == ["reason"]
    order_form.refresh_from_db()
    assert order_form.status == OrderFormStatus.RECEIVED
    assert db_snapshot() == before


def test_order_form_decline_with_reason_tells_the_council(world, django_capture_on_commit_callbacks):
    order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))

    with django_capture_on_commit_callbacks(execute=True):
        order_form_decline(actor=world.manager_a, order_form=order_form, reason="No mentor with the right training.")

    order_form.refresh_from_db()
    assert order_form.status == OrderFormStatus.DECLINED
    assert order_form.decline_reason == "No mentor with the right training."
    assert [n.recipient for n in Notification.objects.filter(verb="order_form.declined")] == [world.vs_x]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("name", ["mentor_a", "dsl_a", "vs_x", "manager_b"])
def test_order_form_accept_by_wrong_role_is_denied_and_changes_nothing(world, personas, name):
    order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        order_form_accept(actor=personas[name], order_form=order_form)

    order_form.refresh_from_db()
    assert order_form.status == OrderFormStatus.RECEIVED
    assert db_snapshot() == before


@pytest.mark.parametrize("name", ["mentor_a", "vs_x", "manager_b"])
def test_order_form_decline_by_wrong_role_is_denied_and_changes_nothing(world, personas, name):
    order_form = _receive(world, world.manager_a, received_on=date(2026, 11, 20))
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        order_form_decline(actor=personas[name], order_form=order_form, reason="Not for us.")

    order_form.refresh_from_db()
    assert order_form.status == OrderFormStatus.RECEIVED
    assert db_snapshot() == before


# --- assignment_create (R3, R5, R7, R4) --------------------------------------------


def test_assignment_create_first_assignment(world):
    agreement = _unassigned_agreement(world)

    assignment = assignment_create(actor=world.manager_a, agreement=agreement, mentor=world.mentor_a2)

    assert assignment.mentor == world.mentor_a2
    assert assignment.agreement == agreement
    assert assignment.is_substitute is False
    assert assignment.started_on == local_today()
    assert assignment.assigned_by == world.manager_a
    assert AuditEvent.objects.filter(action="assignment.started", subject_id=str(assignment.public_id)).count() == 1


def test_assignment_create_second_while_current_is_refused(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a2)

    assert excinfo.value.message_dict["mentor"] == [
        "This young person already has a mentor. A mentor changes only by substitution, for a recorded reason."
    ]
    assert db_snapshot() == before
    assert list(world.agreement_a.assignments.values_list("mentor", "ended_on")) == [(world.mentor_a.pk, None)]


def test_assignment_create_volunteer_is_refused(world):
    agreement = _unassigned_agreement(world)
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(actor=world.manager_a, agreement=agreement, mentor=world.volunteer_a)

    assert excinfo.value.message_dict["mentor"] == ["A volunteer cannot be a young person's mentor."]
    assert db_snapshot() == before


@pytest.mark.parametrize("name", ["mentor_b", "dsl_a", "vs_x"])
def test_assignment_create_mentor_not_a_mentor_of_the_provider_is_refused(world, personas, name):
    agreement = _unassigned_agreement(world)
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(actor=world.manager_a, agreement=agreement, mentor=personas[name])

    assert list(excinfo.value.message_dict) == ["mentor"]
    assert db_snapshot() == before


@pytest.mark.parametrize("name", ["mentor_a", "dsl_a", "vs_x", "manager_b"])
def test_assignment_create_by_wrong_role_is_denied(world, personas, name):
    agreement = _unassigned_agreement(world)
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        assignment_create(actor=personas[name], agreement=agreement, mentor=world.mentor_a2)

    assert db_snapshot() == before


def test_assignment_create_over_caseload_limit_is_refused(world):
    world.provider_a.caseload_limit = 1
    world.provider_a.save()
    agreement = _unassigned_agreement(world)
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(actor=world.manager_a, agreement=agreement, mentor=world.mentor_a)

    assert excinfo.value.message_dict["mentor"] == [
        f"{world.mentor_a.display_name} already has 1 young person, the most allowed."
    ]
    assert db_snapshot() == before


def test_assignment_create_within_caseload_limit_is_allowed(world):
    world.provider_a.caseload_limit = 2
    world.provider_a.save()
    agreement = _unassigned_agreement(world)

    assignment = assignment_create(actor=world.manager_a, agreement=agreement, mentor=world.mentor_a)

    assert Assignment.objects.filter(mentor=world.mentor_a, ended_on__isnull=True).count() == 2
    assert assignment.is_current


def test_assignment_create_council_rejected_mentor_cannot_be_reassigned(world):
    assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="Previous conflict with the family.")
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a)

    assert excinfo.value.message_dict["mentor"] == ["The council has rejected this mentor for this young person."]
    assert db_snapshot() == before


def test_assignment_create_mentor_rejected_under_earlier_agreement_is_refused(world):
    """R4 (#7): the rejection follows the young person into a later agreement."""
    assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="Previous conflict with the family.")
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=local_today(),
        reason="Moved placement.",
    )
    later = IndividualAgreementFactory(
        order_form=OrderFormFactory(
            framework=world.framework_xa, young_person=world.yp_a, status=OrderFormStatus.ACCEPTED
        )
    )
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(actor=world.manager_a, agreement=later, mentor=world.mentor_a)

    assert excinfo.value.message_dict == {"mentor": ["The council has rejected this mentor for this young person."]}
    assert db_snapshot() == before


def test_assignment_create_after_rejection_assigns_substitute(world):
    assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="Previous conflict with the family.")

    substitute = assignment_create(actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a2)

    world.agreement_a.refresh_from_db()
    assert substitute.is_substitute is True
    assert world.agreement_a.substituted_on == local_today()


def test_assignment_create_on_ended_agreement_is_refused(world):
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=local_today(),
        reason="Outcomes achieved.",
    )
    before = db_snapshot()

    with pytest.raises(ValidationError) as refusal:
        assignment_create(actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a2)
    assert refusal.value.messages == ["This agreement has ended: no mentor can be assigned."]

    assert db_snapshot() == before


# --- assignment_substitute (R3) -------------------------------------------------------


@pytest.mark.parametrize("reason", [AssignmentEndReason.AGREEMENT_ENDED, "caseload_rebalancing", ""])
def test_assignment_substitute_refuses_reason_outside_r3(world, reason):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_substitute(actor=world.manager_a, assignment=world.assignment_a, reason=reason, note="Moving on.")

    assert list(excinfo.value.message_dict) == ["reason"]
    assert db_snapshot() == before
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.ended_on is None


def test_assignment_substitute_refuses_empty_note(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_substitute(
            actor=world.manager_a,
            assignment=world.assignment_a,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note=" ",
        )

    assert list(excinfo.value.message_dict) == ["note"]
    assert db_snapshot() == before


def test_assignment_substitute_ends_assignment_and_opens_seven_day_clock(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = assignment_substitute(
            actor=world.manager_a,
            assignment=world.assignment_a,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note="Long-term illness.",
            ended_on=date(2026, 11, 20),
        )

    assert result is None
    world.assignment_a.refresh_from_db()
    world.agreement_a.refresh_from_db()
    assert world.assignment_a.ended_on == date(2026, 11, 20)
    assert world.assignment_a.end_reason == AssignmentEndReason.MENTOR_UNAVAILABLE
    assert world.assignment_a.end_note == "Long-term illness."
    assert world.assignment_a.ended_by == world.manager_a
    assert world.agreement_a.substitution_due_on == date(2026, 11, 27)
    assert world.agreement_a.substituted_on is None


def test_assignment_substitute_tells_council_vs_officers(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment_substitute(
            actor=world.manager_a,
            assignment=world.assignment_a,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note="Long-term illness.",
            ended_on=date(2026, 11, 20),
        )

    notes = Notification.objects.filter(verb="assignment.mentor_unavailable")
    assert [n.recipient for n in notes] == [world.vs_x]
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([world.vs_x.email, world.council_x.email])
    assert "Quillfeather" not in mail.outbox[0].body


def test_assignment_substitute_with_new_mentor_assigns_substitute(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        substitute = assignment_substitute(
            actor=world.manager_a,
            assignment=world.assignment_a,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note="Moved away.",
            new_mentor=world.mentor_a2,
            ended_on=date(2026, 11, 20),
        )

    world.agreement_a.refresh_from_db()
    assert substitute.mentor == world.mentor_a2
    assert substitute.is_substitute is True
    assert substitute.started_on == date(2026, 11, 20)
    assert world.agreement_a.substituted_on == date(2026, 11, 20)
    assert list(world.agreement_a.assignments.filter(ended_on__isnull=True)) == [substitute]
    assert sorted(Notification.objects.values_list("verb", flat=True)) == [
        "assignment.mentor_unavailable",
        "assignment.substituted",
    ]
    assert len(mail.outbox) == 2


def test_assignment_substitute_with_ineligible_new_mentor_changes_nothing(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_substitute(
            actor=world.manager_a,
            assignment=world.assignment_a,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note="Moved away.",
            new_mentor=world.volunteer_a,
        )

    assert list(excinfo.value.message_dict) == ["new_mentor"]
    assert db_snapshot() == before
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.ended_on is None


@pytest.mark.parametrize(
    ("substitute_starts", "expected"),
    [
        pytest.param(date(2026, 11, 17), DeadlineStatus.MET, id="on-the-seventh-day"),
        pytest.param(date(2026, 11, 18), DeadlineStatus.MET_LATE, id="on-the-eighth-day"),
    ],
)
def test_assignment_substitute_status_met_or_met_late(world, substitute_starts, expected):
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term illness.",
        ended_on=date(2026, 11, 10),
    )
    assignment_create(
        actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a2, started_on=substitute_starts
    )

    row = agreement_list_visible_to(user=world.manager_a, today=date(2026, 11, 25)).get(pk=world.agreement_a.pk)

    assert row.substitution_due_on == date(2026, 11, 17)
    assert row.substitution_status == expected


def test_assignment_create_substitute_before_previous_mentor_last_day_is_refused(world):
    """R3 (#7): the substitute cannot overlap the previous mentor, nor stop the clock before it opened."""
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term illness.",
        ended_on=date(2026, 11, 20),
    )
    before = db_snapshot()

    with pytest.raises(ValidationError) as excinfo:
        assignment_create(
            actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a2, started_on=date(2026, 11, 19)
        )

    assert excinfo.value.message_dict == {
        "started_on": ["The new mentor cannot start before the previous mentor's last day, 20 November 2026."]
    }
    assert db_snapshot() == before


def test_assignment_create_substitute_on_previous_mentor_last_day_is_accepted(world):
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term illness.",
        ended_on=date(2026, 11, 20),
    )

    substitute = assignment_create(
        actor=world.manager_a, agreement=world.agreement_a, mentor=world.mentor_a2, started_on=date(2026, 11, 20)
    )

    assert substitute.started_on == date(2026, 11, 20)


def test_two_substitutions_in_a_row_keep_both_records_dates(world):
    """R3 (#7): each substitute's assignment keeps the stop, due and start dates of its substitution."""
    third_mentor = persona_user("mentor_a3", world.provider_a, Role.MENTOR, "Ottoline Marsh")
    first = assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term illness.",
        new_mentor=world.mentor_a2,
        ended_on=date(2026, 11, 2),
    )
    assignment_substitute(
        actor=world.manager_a,
        assignment=first,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Moved away.",
        ended_on=date(2026, 11, 12),
    )
    second = assignment_create(
        actor=world.manager_a, agreement=world.agreement_a, mentor=third_mentor, started_on=date(2026, 11, 20)
    )

    rows = Assignment.objects.filter(agreement=world.agreement_a, is_substitute=True).order_by("started_on")
    assert list(rows.values_list("pk", "substitution_opened_on", "substitution_due_on", "started_on")) == [
        (first.pk, date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 2)),
        (second.pk, date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 20)),
    ]
    world.agreement_a.refresh_from_db()
    assert (world.agreement_a.substitution_due_on, world.agreement_a.substituted_on) == (
        date(2026, 11, 19),
        date(2026, 11, 20),
    )


def test_first_mentor_has_no_substitution_dates(world):
    agreement = IndividualAgreementFactory(order_form=OrderFormFactory(framework=world.framework_xa))
    assignment = assignment_create(actor=world.manager_a, agreement=agreement, mentor=world.mentor_a2)

    assert (assignment.is_substitute, assignment.substitution_opened_on, assignment.substitution_due_on) == (
        False,
        None,
        None,
    )


def test_assignment_substitute_open_is_overdue_after_seven_days(world):
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term illness.",
        ended_on=date(2026, 11, 10),
    )

    row = agreement_list_visible_to(user=world.manager_a, today=date(2026, 11, 18)).get(pk=world.agreement_a.pk)

    assert row.substitution_status == DeadlineStatus.OVERDUE


@pytest.mark.parametrize("name", ["mentor_a", "dsl_a", "vs_x", "manager_b"])
def test_assignment_substitute_by_wrong_role_is_denied(world, personas, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        assignment_substitute(
            actor=personas[name],
            assignment=world.assignment_a,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note="Long-term illness.",
        )

    assert db_snapshot() == before
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.ended_on is None


# --- assignment_reject (R4) -----------------------------------------------------------


def test_assignment_reject_by_own_council_ends_assignment(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="Concerns raised by the carer.")

    world.assignment_a.refresh_from_db()
    world.agreement_a.refresh_from_db()
    assert world.assignment_a.ended_on == local_today()
    assert world.assignment_a.end_reason == AssignmentEndReason.REJECTED_BY_COUNCIL
    assert world.assignment_a.end_note == "Concerns raised by the carer."
    assert world.assignment_a.ended_by == world.vs_x
    assert world.agreement_a.substitution_due_on == local_today() + timedelta(days=7)


def test_assignment_reject_notifies_provider_managers(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="Concerns raised by the carer.")

    assert [n.recipient for n in Notification.objects.filter(verb="assignment.rejected")] == [world.manager_a]
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([world.manager_a.email, world.provider_a.email])


@pytest.mark.parametrize("name", ["vs_y", "contract_x", "manager_a", "mentor_a"])
def test_assignment_reject_by_other_council_or_role_is_denied(world, personas, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        assignment_reject(actor=personas[name], assignment=world.assignment_a, reason="No reason.")

    assert db_snapshot() == before
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.ended_on is None


def test_assignment_reject_needs_reason(world):
    before = db_snapshot()

    with pytest.raises(ValidationError) as refusal:
        assignment_reject(actor=world.vs_x, assignment=world.assignment_a, reason="")
    assert refusal.value.message_dict == {"reason": ["Enter why the council rejects this mentor."]}

    assert db_snapshot() == before


# --- agreement_transition ----------------------------------------------------------------


def test_agreement_transition_ends_current_assignment(world):
    agreement = agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.ENDED,
        end_date=date(2026, 11, 20),
        reason="Outcomes achieved.",
    )

    world.assignment_a.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED
    assert agreement.end_date == date(2026, 11, 20)
    assert world.assignment_a.ended_on == date(2026, 11, 20)
    assert world.assignment_a.end_reason == AssignmentEndReason.AGREEMENT_ENDED
    assert _actions().count("agreement.ended") == 1


def test_agreement_transition_terminated(world):
    agreement = agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.TERMINATED,
        end_date=date(2026, 11, 20),
        reason="Council terminated for failure to deliver.",
    )

    assert agreement.status == AgreementStatus.TERMINATED


@pytest.mark.parametrize("to", [AgreementStatus.ACTIVE, AgreementStatus.ENDED])
def test_agreement_transition_illegal_move_is_refused(world, to):
    agreement_transition(
        actor=world.manager_a,
        agreement=world.agreement_a,
        to=AgreementStatus.TERMINATED,
        end_date=date(2026, 11, 20),
        reason="Terminated.",
    )
    agreement = IndividualAgreement.objects.get(pk=world.agreement_a.pk)
    before = db_snapshot()

    with pytest.raises(ValidationError) as refusal:
        agreement_transition(
            actor=world.manager_a, agreement=agreement, to=to, end_date=date(2026, 11, 21), reason="Again."
        )
    assert refusal.value.messages == ["This agreement is terminated for failure to deliver and cannot change."]

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED
    assert db_snapshot() == before


def test_agreement_transition_active_to_active_is_refused(world):
    with pytest.raises(ValidationError) as refusal:
        agreement_transition(
            actor=world.manager_a,
            agreement=world.agreement_a,
            to=AgreementStatus.ACTIVE,
            end_date=date(2026, 11, 20),
            reason="No change.",
        )
    assert refusal.value.messages == ["This agreement is active and cannot change."]

    world.agreement_a.refresh_from_db()
    assert world.agreement_a.status == AgreementStatus.ACTIVE


@pytest.mark.parametrize("name", ["mentor_a", "dsl_a", "vs_x", "manager_b"])
def test_agreement_transition_by_wrong_role_is_denied(world, personas, name):
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        agreement_transition(
            actor=personas[name],
            agreement=world.agreement_a,
            to=AgreementStatus.ENDED,
            end_date=date(2026, 11, 20),
            reason="Ended.",
        )

    world.agreement_a.refresh_from_db()
    assert world.agreement_a.status == AgreementStatus.ACTIVE
    assert db_snapshot() == before
