"""Logging contacts (R1, R2, R8)."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from waymark.agreements.models import IndividualAgreement
from waymark.agreements.services import agreement_refresh_milestones
from waymark.core.clock import local_date
from waymark.organisations.access import actor_for
from waymark.organisations.models import User
from waymark.privacy.services import audit_record, snapshot

from .enums import MEETING_MODES_RESTRICTED, ContactMode, ContactOutcome
from .models import Contact
from .permissions import can_log_contact

# A contact may be logged a little ahead of the server clock (a phone's clock drifts).
CLOCK_TOLERANCE = timedelta(minutes=5)


def _already_logged(agreement: IndividualAgreement, submission_token: UUID | None) -> Contact | None:
    """The contact a form with this token already created, if any."""
    if submission_token is None:
        return None
    existing = Contact.objects.filter(submission_token=submission_token).first()
    if existing is not None and existing.agreement_id != agreement.pk:
        raise ValidationError("This form was already used for another young person: open a new form.")
    return existing


def contact_log(
    *,
    actor: User,
    agreement: IndividualAgreement,
    occurred_at: datetime,
    mode: str,
    outcome: str,
    is_first_meeting: bool = False,
    duration_minutes: int | None = None,
    summary: str = "",
    submission_token: UUID | None = None,
) -> Contact:
    """Log a contact with the young person, attempted or made.

    An attempt is kept but does not stop the R1 clock. A first meeting must have reached
    the young person, face to face — or by phone or video where face-to-face contact is
    legally restricted (R8), in which case face-to-face contacts cannot be logged at all.
    Resubmitting the same form (same ``submission_token``) returns the contact already
    logged instead of creating a second.

    Side effects: a Contact; the agreement's first-contact and first-meeting dates
    recomputed; an audit event.
    """
    if not can_log_contact(actor_for(actor), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can log contacts.")
    if (existing := _already_logged(agreement, submission_token)) is not None:
        return existing
    errors: dict[str, str] = {}
    young_person = agreement.young_person
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    occurred_on = local_date(occurred_at)
    if occurred_at > timezone.now() + CLOCK_TOLERANCE:
        errors["occurred_at"] = "The contact cannot be in the future."
    elif occurred_on < agreement.start_date:
        errors["occurred_at"] = (
            f"The contact cannot be before the agreement started on {agreement.start_date:%-d %B %Y}."
        )
    if not agreement.is_active:
        errors["__all__"] = "This agreement has ended: no more contacts can be logged."
    elif agreement.end_date and occurred_on > agreement.end_date:
        errors["occurred_at"] = "The contact cannot be after the agreement ended."
    if mode not in ContactMode.values:
        errors["mode"] = "Choose how the contact happened."
    elif young_person.face_to_face_restricted and mode == ContactMode.FACE_TO_FACE:
        errors["mode"] = (
            "Face-to-face contact is legally restricted for this young person: choose phone, video or message (R8)."
        )
    if outcome not in ContactOutcome.values:
        errors["outcome"] = "Choose whether the contact was made or only attempted."
    if is_first_meeting and "mode" not in errors:
        if outcome != ContactOutcome.MADE:
            errors["is_first_meeting"] = "A first meeting must have reached the young person."
        elif young_person.face_to_face_restricted and mode not in MEETING_MODES_RESTRICTED:
            errors["is_first_meeting"] = (
                "Where face-to-face contact is restricted, the first meeting is by phone or video (R8)."
            )
        elif not young_person.face_to_face_restricted and mode != ContactMode.FACE_TO_FACE:
            errors["is_first_meeting"] = "A first meeting is face to face unless legal restrictions forbid it (R2, R8)."
    if duration_minutes is not None and not 1 <= duration_minutes <= 12 * 60:
        errors["duration_minutes"] = "Enter a length between 1 minute and 12 hours."
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        agreement = IndividualAgreement.objects.select_for_update().get(pk=agreement.pk)
        # The lock serialises submissions for this agreement: a double submit waits, then finds the first.
        if (existing := _already_logged(agreement, submission_token)) is not None:
            return existing
        if is_first_meeting and agreement.contacts.filter(is_first_meeting=True, outcome=ContactOutcome.MADE).exists():
            raise ValidationError({"is_first_meeting": "The first meeting has already been logged."})
        contact = Contact.objects.create(
            agreement=agreement,
            author=actor,
            occurred_at=occurred_at,
            occurred_on=occurred_on,
            mode=mode,
            outcome=outcome,
            is_first_meeting=is_first_meeting,
            duration_minutes=duration_minutes,
            summary=summary,
            submission_token=submission_token,
        )
        audit_record(
            actor=actor,
            action="contact.logged",
            subject=contact,
            young_person=young_person,
            after=snapshot(contact),
        )
        agreement_refresh_milestones(agreement=agreement)
    return contact
