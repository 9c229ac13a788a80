"""Changing Order Forms, Individual Agreements and assignments (R1–R4).

Every function here is the only way its change happens: views, the API, commands and
tasks call it. Each runs in one transaction and writes its audit event inside it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from waymark.audit.services import audit_record, audited_save, snapshot
from waymark.core.clock import local_today
from waymark.core.scoping import forget_caseload
from waymark.core.working_days import add_working_days
from waymark.notifications.services import notify_organisation
from waymark.organisations.access import actor_for
from waymark.organisations.enums import Role
from waymark.organisations.models import User, same_scope_as
from waymark.young_people.models import YoungPerson
from waymark.young_people.services import YOUNG_PERSON_FIELDS, young_person_receive

from .enums import (
    AGREEMENT_TRANSITIONS,
    ORDER_FORM_TRANSITIONS,
    SUBSTITUTION_REASONS,
    AgreementStatus,
    AssignmentEndReason,
    OrderFormChannel,
    OrderFormStatus,
)
from .models import Assignment, FrameworkAgreement, IndividualAgreement, OrderForm
from .permissions import (
    can_decide_order_form,
    can_end_agreement,
    can_manage_assignments,
    can_reject_mentor,
    can_submit_order_form,
)


class OrderFormPartWriter(Protocol):
    def __call__(self, *, actor: User, order_form: OrderForm, outcomes: list[str]) -> object: ...


# Parts of an Order Form that apps above this one keep: the outcomes app keeps the
# individual outcomes it lists. Each registers its writer (a service of its own) from its
# AppConfig.ready(), and order_form_receive calls them inside its transaction.
_order_form_part_writers: list[OrderFormPartWriter] = []


def register_order_form_part(writer: OrderFormPartWriter) -> None:
    """Called at start-up by an app that keeps part of an Order Form."""
    if writer not in _order_form_part_writers:
        _order_form_part_writers.append(writer)


SUBSTITUTION_DAYS = 7  # calendar days (R3)
FIRST_CONTACT_WORKING_DAYS = 2  # R1
FIRST_MEETING_WORKING_DAYS = 10  # R2


# --- Framework agreements ---------------------------------------------------------

FRAMEWORK_FIELDS = ["council_id", "provider_id", "reference", "start_date", "end_date", "annual_cap"]


def framework_agreement_save(*, actor: User | None, framework: FrameworkAgreement) -> FrameworkAgreement:
    """Create or change a framework agreement between a council and a provider.

    Platform administrators do this (in the admin); the demo seeding calls it as the system
    (``actor=None``). Side effects: the framework validated and saved; an audit event
    ``framework.created`` or ``framework.updated`` with the fields that changed.
    """
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied("Only platform administrators manage framework agreements.")
    with transaction.atomic():
        audited_save(actor=actor, instance=framework, fields=FRAMEWORK_FIELDS, noun="framework")
    return framework


# --- Order Forms ---------------------------------------------------------------


def order_form_receive(
    *,
    actor: User,
    framework: FrameworkAgreement,
    young_person: dict[str, Any],
    referral_reason: str,
    outcomes: list[str],
    received_on: date | None = None,
) -> OrderForm:
    """Receive an Order Form: create (or refresh) the young person's record and start R1.

    A Virtual School officer submits online (received today); a service manager records
    one that came by email, with its date of receipt.

    Side effects: a YoungPerson (new, or the council's existing record for the same local
    child id updated, through ``young_person_receive``), the OrderForm, its individual
    outcomes (written by the outcomes app, see ``register_order_form_part``), an audit
    event, and — when the council submitted it — the provider's service managers notified
    in the app and by email.
    """
    who = actor_for(actor)
    if who is None or not can_submit_order_form(who, framework):
        raise PermissionDenied("You cannot send Order Forms under this framework agreement.")
    today = local_today()
    channel = OrderFormChannel.PORTAL if who.has_role(Role.VS_OFFICER) else OrderFormChannel.EMAIL
    if channel == OrderFormChannel.PORTAL:
        received_on = today
    errors: dict[str, str] = {}
    if received_on is None:
        errors["received_on"] = "Enter the date the Order Form was received."
    elif received_on > today:
        errors["received_on"] = "The date of receipt cannot be in the future."
    elif not framework.start_date <= received_on <= framework.end_date:
        errors["received_on"] = (
            f"The date of receipt must fall within the framework agreement "
            f"({framework.start_date:%-d %B %Y} to {framework.end_date:%-d %B %Y})."
        )
    if not str(young_person.get("local_child_id") or "").strip():
        errors["local_child_id"] = "Enter the council's ID for the young person."
    outcomes = [o.strip() for o in outcomes if o and o.strip()]
    if not outcomes:
        errors["outcomes"] = "Enter at least one outcome the mentoring should achieve."
    if errors or received_on is None:
        raise ValidationError(errors)

    with transaction.atomic():
        existing = (
            YoungPerson.objects.select_for_update()
            .filter(
                council_id=framework.council_id,
                provider_id=framework.provider_id,
                local_child_id=young_person["local_child_id"],
            )
            .first()
        )
        if existing is not None:
            open_forms = (
                OrderForm.objects.filter(young_person=existing).filter(status=OrderFormStatus.RECEIVED).exists()
                or IndividualAgreement.objects.filter(young_person=existing, status=AgreementStatus.ACTIVE).exists()
            )
            if open_forms:
                raise ValidationError(
                    {
                        "local_child_id": "This young person already has an Order Form or an active "
                        "Individual Agreement with this provider."
                    }
                )
        yp = young_person_receive(
            actor=actor,
            council_id=framework.council_id,
            provider_id=framework.provider_id,
            data={k: v for k, v in young_person.items() if k in YOUNG_PERSON_FIELDS},
            existing=existing,
        )
        order_form = OrderForm.objects.create(
            framework=framework,
            young_person=yp,
            **same_scope_as(yp),
            channel=channel,
            received_on=received_on,
            first_contact_due_on=add_working_days(received_on, FIRST_CONTACT_WORKING_DAYS),
            referral_reason=referral_reason,
            submitted_by=actor,
        )
        for write_part in _order_form_part_writers:
            write_part(actor=actor, order_form=order_form, outcomes=outcomes)
        audit_record(
            actor=actor,
            action="order_form.received",
            subject=order_form,
            young_person=yp,
            after={**snapshot(order_form), "outcomes": outcomes},
        )
        if channel == OrderFormChannel.PORTAL:
            notify_organisation(
                organisation=framework.provider,
                roles=(Role.SERVICE_MANAGER,),
                young_person=yp,
                verb="order_form.received",
                message=f"New Order Form from {framework.council} for {yp.initials}: "
                f"first contact due by {order_form.first_contact_due_on:%-d %B %Y}.",
                email_subject="A new Order Form has arrived",
            )
    return order_form


def _order_form_transition(*, actor: User, order_form: OrderForm, to: str, reason: str = "") -> None:
    if to not in ORDER_FORM_TRANSITIONS[order_form.status]:
        raise ValidationError(
            f"This Order Form is {order_form.get_status_display().lower()} and cannot now be "
            f"{OrderFormStatus(to).label.lower()}."
        )
    old = order_form.status
    order_form.status = to
    order_form.decided_by = actor
    order_form.decided_at = timezone.now()
    order_form.decline_reason = reason
    order_form.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=f"order_form.{to}",
        subject=order_form,
        young_person=order_form.young_person,
        before={"status": old},
        after={"status": to, "decline_reason": reason},
    )


def order_form_accept(*, actor: User, order_form: OrderForm) -> IndividualAgreement:
    """Accept an Order Form, forming the Individual Agreement.

    Side effects: the Order Form becomes accepted; an IndividualAgreement starting on the
    date of receipt; audit events for both.
    """
    if not can_decide_order_form(actor_for(actor), order_form):
        raise PermissionDenied("Only the provider's service manager can accept an Order Form.")
    with transaction.atomic():
        order_form = OrderForm.objects.select_for_update().get(pk=order_form.pk)
        _order_form_transition(actor=actor, order_form=order_form, to=OrderFormStatus.ACCEPTED)
        agreement = IndividualAgreement.objects.create(
            order_form=order_form,
            framework=order_form.framework,
            young_person=order_form.young_person,
            **same_scope_as(order_form),
            start_date=order_form.received_on,
        )
        audit_record(
            actor=actor,
            action="agreement.created",
            subject=agreement,
            young_person=agreement.young_person,
            after=snapshot(agreement),
        )
    return agreement


def order_form_decline(*, actor: User, order_form: OrderForm, reason: str) -> OrderForm:
    """Decline an Order Form with a reason; the council is told in the app and by email."""
    if not can_decide_order_form(actor_for(actor), order_form):
        raise PermissionDenied("Only the provider's service manager can decline an Order Form.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the Order Form is declined."})
    with transaction.atomic():
        order_form = OrderForm.objects.select_for_update().get(pk=order_form.pk)
        _order_form_transition(actor=actor, order_form=order_form, to=OrderFormStatus.DECLINED, reason=reason)
        notify_organisation(
            organisation=order_form.framework.council,
            roles=(Role.VS_OFFICER,),
            young_person=order_form.young_person,
            verb="order_form.declined",
            message=f"{order_form.framework.provider} declined the Order Form for "
            f"{order_form.young_person.initials}: {reason}",
            email_subject="An Order Form was declined",
        )
    return order_form


# --- Individual Agreements -----------------------------------------------------


def agreement_record_milestones(
    *, agreement: IndividualAgreement, first_contact_on: date | None, first_meeting_on: date | None
) -> IndividualAgreement:
    """Store the dates of the first contact made and the first meeting, as the contacts app
    worked them out, and the first-meeting deadline that follows.

    R1 stops at the first contact that reached the young person (an attempt does not);
    R2's deadline is the end of the 10th working day after that contact's date.
    Call inside the transaction that changed the contacts.
    """
    agreement.first_contact_on = first_contact_on
    agreement.first_meeting_due_on = (
        add_working_days(first_contact_on, FIRST_MEETING_WORKING_DAYS) if first_contact_on else None
    )
    agreement.first_meeting_on = first_meeting_on
    agreement.save(update_fields=["first_contact_on", "first_meeting_due_on", "first_meeting_on", "updated_at"])
    return agreement


def agreement_transition(
    *, actor: User, agreement: IndividualAgreement, to: str, end_date: date, reason: str
) -> IndividualAgreement:
    """End an agreement normally, or terminate it for failure to deliver.

    Side effects: the current mentor's assignment ends ("agreement ended"); audit events.
    """
    if not can_end_agreement(actor_for(actor), agreement):
        raise PermissionDenied("Only the provider's service manager can end an agreement.")
    errors: dict[str, str] = {}
    if to not in AGREEMENT_TRANSITIONS[agreement.status]:
        raise ValidationError(f"This agreement is {agreement.get_status_display().lower()} and cannot change.")
    if end_date > local_today():
        errors["end_date"] = "The end date cannot be in the future."
    elif end_date < agreement.start_date:
        errors["end_date"] = "The end date cannot be before the agreement started."
    if not reason.strip():
        errors["reason"] = "Enter why the agreement is ending."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        agreement = IndividualAgreement.objects.select_for_update().get(pk=agreement.pk)
        before = snapshot(agreement, ["status", "end_date", "end_reason"])
        agreement.status = to
        agreement.end_date = end_date
        agreement.end_reason = reason
        agreement.save(update_fields=["status", "end_date", "end_reason", "updated_at"])
        for assignment in agreement.assignments.filter(ended_on__isnull=True):
            _assignment_end(
                actor=actor,
                assignment=assignment,
                reason=AssignmentEndReason.AGREEMENT_ENDED,
                note=reason,
                ended_on=max(end_date, assignment.started_on),
            )
        audit_record(
            actor=actor,
            action=f"agreement.{to}",
            subject=agreement,
            young_person=agreement.young_person,
            before=before,
            after=snapshot(agreement, ["status", "end_date", "end_reason"]),
        )
    return agreement


# --- Assignments (R3, R4, R5, R7) -------------------------------------------------


def _check_mentor(*, agreement: IndividualAgreement, mentor: User) -> None:
    membership = getattr(mentor, "membership", None)
    if (
        membership is None
        or not membership.is_active
        or not mentor.is_active
        or membership.organisation_id != agreement.framework.provider_id
    ):
        raise ValidationError({"mentor": "Choose a mentor who works for this provider."})
    if membership.role == Role.VOLUNTEER:
        raise ValidationError({"mentor": "A volunteer cannot be a young person's mentor."})
    if membership.role != Role.MENTOR:
        raise ValidationError({"mentor": "Choose a member of staff with the mentor role."})
    # R4: a rejection is about this mentor for this young person, under any agreement.
    if Assignment.objects.filter(
        mentor=mentor,
        agreement__young_person_id=agreement.young_person_id,
        end_reason=AssignmentEndReason.REJECTED_BY_COUNCIL,
    ).exists():
        raise ValidationError({"mentor": "The council has rejected this mentor for this young person."})
    if agreement.assignments.filter(mentor=mentor, ended_on__isnull=True).exists():
        raise ValidationError({"mentor": "This mentor is already assigned to this young person."})
    limit = agreement.framework.provider.caseload_limit
    caseload = Assignment.objects.filter(mentor=mentor, ended_on__isnull=True).count()
    if caseload >= limit:
        raise ValidationError(
            {
                "mentor": f"{mentor.display_name} already has {caseload} young "
                f"{'person' if caseload == 1 else 'people'}, the most allowed."
            }
        )


def _assignment_start(
    *, actor: User, agreement: IndividualAgreement, mentor: User, started_on: date, opened_on: date | None
) -> Assignment:
    """Start ``mentor``'s assignment; a substitute keeps the dates of the substitution it closes (R3).

    ``opened_on`` is the previous mentor's last day (``None`` for a first mentor).
    """
    is_substitute = agreement.assignments.exists()
    substitution: dict[str, date | None] = {}
    if is_substitute and opened_on is not None:
        substitution = {
            "substitution_opened_on": opened_on,
            "substitution_due_on": agreement.substitution_due_on or opened_on + timedelta(days=SUBSTITUTION_DAYS),
        }
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                agreement=agreement,
                **same_scope_as(agreement),
                mentor=mentor,
                started_on=started_on,
                is_substitute=is_substitute,
                **substitution,
                assigned_by=actor,
            )
    except IntegrityError as exc:  # a concurrent assignment won the race
        raise ValidationError("This young person already has a mentor.") from exc
    forget_caseload(mentor.pk)
    audit_record(
        actor=actor,
        action="assignment.substitute_started" if is_substitute else "assignment.started",
        subject=assignment,
        young_person=agreement.young_person,
        after=snapshot(assignment),
    )
    if is_substitute:
        before = snapshot(agreement, ["substituted_on"])
        agreement.substituted_on = started_on
        agreement.save(update_fields=["substituted_on", "updated_at"])
        audit_record(
            actor=actor,
            action="agreement.mentor_substituted",
            subject=agreement,
            young_person=agreement.young_person,
            before=before,
            after=snapshot(agreement, ["substituted_on"]),
        )
        notify_organisation(
            organisation=agreement.framework.council,
            roles=(Role.VS_OFFICER,),
            young_person=agreement.young_person,
            verb="assignment.substituted",
            message=f"A substitute mentor, {mentor.display_name}, now works with "
            f"{agreement.young_person.initials} from {started_on:%-d %B %Y}.",
            email_subject="A substitute mentor has been assigned",
        )
    return assignment


def _assignment_end(*, actor: User, assignment: Assignment, reason: str, note: str, ended_on: date) -> Assignment:
    before = snapshot(assignment, ["ended_on", "end_reason", "end_note"])
    assignment.ended_on = ended_on
    assignment.end_reason = reason
    assignment.end_note = note
    assignment.ended_by = actor
    assignment.save(update_fields=["ended_on", "end_reason", "end_note", "ended_by", "updated_at"])
    forget_caseload(assignment.mentor_id)
    audit_record(
        actor=actor,
        action="assignment.ended",
        subject=assignment,
        young_person=assignment.agreement.young_person,
        before=before,
        after=snapshot(assignment, ["ended_on", "end_reason", "end_note"]),
    )
    return assignment


def _open_substitution(*, actor: User, agreement: IndividualAgreement, since: date) -> None:
    before = snapshot(agreement, ["substitution_due_on", "substituted_on"])
    agreement.substitution_due_on = since + timedelta(days=SUBSTITUTION_DAYS)
    agreement.substituted_on = None
    agreement.save(update_fields=["substitution_due_on", "substituted_on", "updated_at"])
    audit_record(
        actor=actor,
        action="agreement.substitution_opened",
        subject=agreement,
        young_person=agreement.young_person,
        before=before,
        after=snapshot(agreement, ["substitution_due_on", "substituted_on"]),
    )


def _validate_day(day: date, agreement: IndividualAgreement, field: str, what: str) -> None:
    if day > local_today():
        raise ValidationError({field: f"The {what} cannot be in the future."})
    if day < agreement.start_date:
        raise ValidationError({field: f"The {what} cannot be before the agreement started."})


def _check_start_after_previous(*, agreement: IndividualAgreement, started_on: date) -> date | None:
    """A substitute starts on or after the previous mentor's last day (R3); return that day.

    Starting earlier would overlap the two assignments and stop the 7-day clock before it
    opened. ``None`` when the agreement has had no mentor yet.
    """
    previous_end = (
        agreement.assignments.filter(ended_on__isnull=False).order_by("-ended_on").values_list("ended_on", flat=True)
    ).first()
    if previous_end is not None and started_on < previous_end:
        raise ValidationError(
            {
                "started_on": "The new mentor cannot start before the previous mentor's last day, "
                f"{previous_end:%-d %B %Y}."
            }
        )
    return previous_end


def assignment_create(
    *, actor: User, agreement: IndividualAgreement, mentor: User, started_on: date | None = None
) -> Assignment:
    """Assign a mentor to an agreement that has none.

    A second mentor while one is assigned is refused: a mentor changes only by
    substitution for a recorded reason (R3). When the agreement had a mentor before,
    this assignment is the substitute and stops the 7-day clock; the council is told.

    Side effects: an Assignment; audit events; for a substitute, the agreement's
    ``substituted_on`` and a notification to the council in the app and by email.
    """
    if not can_manage_assignments(actor_for(actor), agreement):
        raise PermissionDenied("Only the provider's service manager can assign mentors.")
    started_on = started_on or local_today()
    with transaction.atomic():
        agreement = (
            IndividualAgreement.objects.select_for_update()
            .select_related("framework__provider", "framework__council", "young_person")
            .get(pk=agreement.pk)
        )
        if not agreement.is_active:
            raise ValidationError("This agreement has ended: no mentor can be assigned.")
        if agreement.assignments.filter(ended_on__isnull=True).exists():
            raise ValidationError(
                {
                    "mentor": "This young person already has a mentor. A mentor changes only by "
                    "substitution, for a recorded reason."
                }
            )
        _validate_day(started_on, agreement, "started_on", "start date")
        previous_end = _check_start_after_previous(agreement=agreement, started_on=started_on)
        _check_mentor(agreement=agreement, mentor=mentor)
        return _assignment_start(
            actor=actor, agreement=agreement, mentor=mentor, started_on=started_on, opened_on=previous_end
        )


def assignment_substitute(
    *,
    actor: User,
    assignment: Assignment,
    reason: str,
    note: str,
    new_mentor: User | None = None,
    ended_on: date | None = None,
) -> Assignment | None:
    """End the current mentor's assignment for a permitted reason, and assign the
    substitute now if one is named (R3).

    The only reasons are the mentor becoming unavailable for reasons outside the
    provider's control, or the council rejecting the mentor. The 7-calendar-day
    substitution clock starts on ``ended_on``; the council is told at once.

    Side effects: the assignment ended with its reason; the agreement's substitution
    deadline; a new Assignment when ``new_mentor`` is given; audit events; the council
    notified in the app and by email.
    """
    agreement = assignment.agreement
    if not can_manage_assignments(actor_for(actor), agreement):
        raise PermissionDenied("Only the provider's service manager can substitute a mentor.")
    if reason not in SUBSTITUTION_REASONS:
        raise ValidationError(
            {"reason": "Choose why the mentor is changing: a mentor changes only for one of these reasons."}
        )
    if not note.strip():
        raise ValidationError({"note": "Describe what happened, for the record and for the council."})
    ended_on = ended_on or local_today()
    with transaction.atomic():
        agreement = (
            IndividualAgreement.objects.select_for_update()
            .select_related("framework__provider", "framework__council", "young_person")
            .get(pk=agreement.pk)
        )
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if not agreement.is_active:
            raise ValidationError("This agreement has ended: its mentor cannot change.")
        if not assignment.is_current:
            raise ValidationError("This mentor's assignment has already ended.")
        _validate_day(ended_on, agreement, "ended_on", "date the mentor stopped")
        if ended_on < assignment.started_on:
            raise ValidationError({"ended_on": "The mentor cannot stop before they started."})
        if new_mentor is not None:
            if new_mentor.pk == assignment.mentor_id:
                raise ValidationError({"new_mentor": "Choose a different mentor as the substitute."})
            try:
                _check_mentor(agreement=agreement, mentor=new_mentor)
            except ValidationError as exc:
                raise ValidationError({"new_mentor": exc.message_dict.get("mentor", exc.messages)}) from exc
        _assignment_end(actor=actor, assignment=assignment, reason=reason, note=note, ended_on=ended_on)
        _open_substitution(actor=actor, agreement=agreement, since=ended_on)
        notify_organisation(
            organisation=agreement.framework.council,
            roles=(Role.VS_OFFICER,),
            young_person=agreement.young_person,
            verb="assignment.mentor_unavailable",
            message=f"The mentor of {agreement.young_person.initials} has changed: "
            f"{AssignmentEndReason(reason).label.lower()}. A substitute is due by "
            f"{agreement.substitution_due_on:%-d %B %Y}.",
            email_subject="A mentor is being substituted",
        )
        if new_mentor is None:
            return None
        return _assignment_start(
            actor=actor, agreement=agreement, mentor=new_mentor, started_on=ended_on, opened_on=ended_on
        )


def assignment_reject(*, actor: User, assignment: Assignment, reason: str) -> Assignment:
    """The council rejects the mentor for its young person (R4); substitution is due in 7 days.

    Side effects: the assignment ended as rejected by the council; the agreement's
    substitution deadline; audit events; the provider's service managers notified.
    """
    if not can_reject_mentor(actor_for(actor), assignment):
        raise PermissionDenied("Only the council's Virtual School can reject a mentor.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the council rejects this mentor."})
    with transaction.atomic():
        agreement = (
            IndividualAgreement.objects.select_for_update()
            .select_related("framework__provider", "young_person")
            .get(pk=assignment.agreement_id)
        )
        assignment = Assignment.objects.select_for_update().select_related("mentor").get(pk=assignment.pk)
        if not assignment.is_current or not agreement.is_active:
            raise ValidationError("This mentor is no longer assigned to the young person.")
        today = max(local_today(), assignment.started_on)
        _assignment_end(
            actor=actor,
            assignment=assignment,
            reason=AssignmentEndReason.REJECTED_BY_COUNCIL,
            note=reason,
            ended_on=today,
        )
        _open_substitution(actor=actor, agreement=agreement, since=today)
        notify_organisation(
            organisation=agreement.framework.provider,
            roles=(Role.SERVICE_MANAGER,),
            young_person=agreement.young_person,
            verb="assignment.rejected",
            message=f"The council rejected {assignment.mentor.display_name} as mentor of "
            f"{agreement.young_person.initials}. A substitute is due by {agreement.substitution_due_on:%-d %B %Y}.",
            email_subject="The council has rejected a mentor",
        )
    return assignment
