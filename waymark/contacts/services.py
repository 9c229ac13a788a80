"""Logging contacts, planning and closing sessions, and calendar feeds (R1, R2, R5, R8, R9).

Every function here is the only way its change happens: views, the API, commands and
tasks call it. Each runs in one transaction and writes its audit event inside it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from waymark.agreements.models import IndividualAgreement
from waymark.agreements.services import agreement_record_milestones
from waymark.audit.services import audit_record, snapshot
from waymark.core.clock import local_date, local_moment, local_today, long_date
from waymark.organisations.access import actor_for
from waymark.organisations.enums import Role
from waymark.organisations.models import User, same_scope_as

from .calendar import calendar_token_digest
from .enums import (
    MEETING_MODES_RESTRICTED,
    REMOTE_MODES,
    SESSION_TRANSITIONS,
    CancelledBy,
    ContactMode,
    ContactOutcome,
    Participant,
    SessionStatus,
)
from .models import CalendarFeed, Contact, Session
from .permissions import STAFF_PRESENT_ROLES, can_have_calendar_feed, can_log_contact, can_plan_session
from .timebands import time_bands

# A contact may be logged a little ahead of the server clock (a phone's clock drifts).
CLOCK_TOLERANCE = timedelta(minutes=5)
MAX_MINUTES = 12 * 60
SESSION_MIN_MINUTES = 5
# A session is planned at most this many years ahead: further than that is a typing
# mistake, not a plan (#7).
SESSION_MAX_YEARS_AHEAD = 2
SESSION_STALE_EDIT = (
    "Someone else changed this session while you were editing it. The form shows what you typed; "
    "check the session again before saving, or your changes will replace theirs."
)

# Longest text per field: the model's max_length, which the database does not enforce
# for text columns, so the service does.
TEXT_LIMITS = {
    "summary": 10000,
    "location": 200,
    "other_participants": 200,
    "young_person_words": 4000,
    "next_steps": 4000,
}
SESSION_TEXT_LIMITS = {"location": 200, "purpose": 500}
NOTE_LIMIT = 2000


def _latest_session_day() -> date:
    """The last day a session may be planned for: two years from today."""
    today = local_today()
    try:
        return today.replace(year=today.year + SESSION_MAX_YEARS_AHEAD)
    except ValueError:  # 29 February, two years on, is not a day
        return today.replace(year=today.year + SESSION_MAX_YEARS_AHEAD, day=28)


def _provider_role(user: User | None, provider_id: int) -> str | None:
    """The active role ``user`` holds in the provider, or None."""
    if user is None or not user.is_active:
        return None
    membership = getattr(user, "membership", None)
    if membership is None or not membership.is_active or membership.organisation_id != provider_id:
        return None
    return str(membership.role)


def _check_people(
    errors: dict[str, str], *, provider_id: int, volunteer: User | None, staff_present: User | None
) -> None:
    """R5: a volunteer is a volunteer of this provider, and never the only adult."""
    if volunteer is not None and _provider_role(volunteer, provider_id) != Role.VOLUNTEER:
        errors["volunteer"] = "Choose a volunteer of this provider."
    if staff_present is not None:
        role = _provider_role(staff_present, provider_id)
        if role == Role.VOLUNTEER:
            errors["staff_present"] = (
                "A volunteer cannot be the member of staff present: a volunteer can never be the only adult."
            )
        elif role not in STAFF_PRESENT_ROLES:
            errors["staff_present"] = "Choose a mentor or service manager of this provider."
    elif volunteer is not None:
        errors["staff_present"] = "A volunteer can never be the only adult: name the member of staff who was present."


def _check_texts(errors: dict[str, str], limits: dict[str, int], values: dict[str, str]) -> None:
    for name, limit in limits.items():
        if len(values.get(name) or "") > limit:
            errors[name] = f"Enter no more than {limit:,} characters."


def _aware(moment: datetime, field: str) -> datetime:
    """An aware ``moment``; a naive one is a UK wall-clock time (refused if the clocks skipped it)."""
    return local_moment(moment, field=field)


# --- Contacts ------------------------------------------------------------------


def _already_logged(agreement: IndividualAgreement, submission_token: UUID | None) -> Contact | None:
    """The contact a form with this token already created, if any."""
    if submission_token is None:
        return None
    existing = Contact.objects.filter(submission_token=submission_token).first()
    if existing is not None and existing.agreement_id != agreement.pk:
        raise ValidationError("This form was already used for another young person: open a new form.")
    return existing


def _participant_codes(participants: Iterable[str] | None, errors: dict[str, str]) -> list[str]:
    """The participant codes in the order of the list; unknown codes are an error."""
    given = set(participants or [])
    unknown = given - set(Participant.values)
    if unknown:
        errors["participants"] = "Choose who took part from the list."
    return [code for code in Participant.values if code in given]


RESTRICTED_MODE_MESSAGE = (
    "Face-to-face contact is legally restricted for this young person: choose phone, video call or message."
)


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
    location: str = "",
    participants: Iterable[str] | None = None,
    other_participants: str = "",
    young_person_words: str = "",
    next_steps: str = "",
    volunteer: User | None = None,
    staff_present: User | None = None,
) -> Contact:
    """Log a contact with the young person, attempted or made.

    An attempt is kept but does not stop the R1 clock. A first meeting must have reached
    the young person, face to face — or by phone or video where face-to-face contact is
    legally restricted (R8), in which case face-to-face contacts cannot be logged at all.
    A volunteer who took part is a volunteer of the provider, and the member of staff
    present (a mentor or service manager, never a volunteer) is named (R5). Evening,
    late-evening and weekend flags come from ``occurred_at`` (R9, ``timebands``).
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
    occurred_at = _aware(occurred_at, "occurred_at")
    occurred_on = local_date(occurred_at)
    if occurred_at > timezone.now() + CLOCK_TOLERANCE:
        errors["occurred_at"] = "The contact cannot be in the future."
    elif occurred_on < agreement.start_date:
        errors["occurred_at"] = (
            f"The contact cannot be before the agreement started on {long_date(agreement.start_date)}."
        )
    if not agreement.is_active:
        errors["__all__"] = "This agreement has ended: no more contacts can be logged."
    elif agreement.end_date and occurred_on > agreement.end_date:
        errors["occurred_at"] = "The contact cannot be after the agreement ended."
    if mode not in ContactMode.values:
        errors["mode"] = "Choose how the contact happened."
    elif young_person.face_to_face_restricted and mode not in REMOTE_MODES:
        # R8: only the remote modes, whatever the caller (form, API or script) sends.
        errors["mode"] = RESTRICTED_MODE_MESSAGE
    if outcome not in ContactOutcome.values:
        errors["outcome"] = "Choose whether the contact was made or only attempted."
    if is_first_meeting and "mode" not in errors:
        if outcome != ContactOutcome.MADE:
            errors["is_first_meeting"] = "A first meeting must have reached the young person."
        elif young_person.face_to_face_restricted and mode not in MEETING_MODES_RESTRICTED:
            errors["is_first_meeting"] = (
                "Face-to-face contact is legally restricted for this young person: "
                "the first meeting is by phone or video call."
            )
        elif not young_person.face_to_face_restricted and mode != ContactMode.FACE_TO_FACE:
            errors["is_first_meeting"] = "A first meeting is face to face unless legal restrictions forbid it."
    if duration_minutes is not None and not 1 <= duration_minutes <= MAX_MINUTES:
        errors["duration_minutes"] = "Enter a length between 1 minute and 12 hours (720 minutes)."
    codes = _participant_codes(participants, errors)
    texts = {
        "summary": summary,
        "location": location,
        "other_participants": other_participants,
        "young_person_words": young_person_words,
        "next_steps": next_steps,
    }
    _check_texts(errors, TEXT_LIMITS, texts)
    if young_person_words.strip() and outcome == ContactOutcome.ATTEMPTED and "young_person_words" not in errors:
        errors["young_person_words"] = (
            "The young person's own words can only be recorded for a contact that reached them."
        )
    _check_people(errors, provider_id=agreement.framework.provider_id, volunteer=volunteer, staff_present=staff_present)
    if errors:
        raise ValidationError(errors)
    bands = time_bands(occurred_at)

    try:
        with transaction.atomic():
            agreement = IndividualAgreement.objects.select_for_update().get(pk=agreement.pk)
            # The lock serialises submissions for this agreement: a double submit waits, then finds the first.
            if (existing := _already_logged(agreement, submission_token)) is not None:
                return existing
            if (
                is_first_meeting
                and agreement.contacts.filter(is_first_meeting=True, outcome=ContactOutcome.MADE).exists()
            ):
                raise ValidationError({"is_first_meeting": "The first meeting has already been logged."})
            contact = Contact.objects.create(
                agreement=agreement,
                **same_scope_as(agreement),
                author=actor,
                occurred_at=occurred_at,
                occurred_on=occurred_on,
                mode=mode,
                outcome=outcome,
                is_first_meeting=is_first_meeting,
                duration_minutes=duration_minutes,
                summary=summary,
                location=location.strip(),
                participants=codes,
                other_participants=other_participants.strip(),
                young_person_words=young_person_words,
                next_steps=next_steps,
                is_evening=bands.is_evening,
                is_late_evening=bands.is_late_evening,
                is_weekend=bands.is_weekend,
                volunteer=volunteer,
                staff_present=staff_present,
                submission_token=submission_token,
            )
            audit_record(
                actor=actor,
                action="contact.logged",
                subject=contact,
                young_person=young_person,
                after=snapshot(contact),
            )
            _refresh_milestones(agreement)
    except IntegrityError:
        # The token was used at the same moment by a submission the lock did not hold back
        # (another agreement's): the same answer as when it was used before.
        if (existing := _already_logged(agreement, submission_token)) is not None:
            return existing
        raise
    return contact


# --- Sessions ------------------------------------------------------------------

SESSION_FIELDS = ["starts_at", "duration_minutes", "location", "purpose", "volunteer_id"]


def _current_mentor(agreement: IndividualAgreement) -> User | None:
    assignment = agreement.assignments.filter(ended_on__isnull=True).select_related("mentor").first()
    return assignment.mentor if assignment is not None else None


def _session_errors(
    *,
    agreement: IndividualAgreement,
    starts_at: datetime,
    duration_minutes: int,
    location: str,
    purpose: str,
    volunteer: User | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if starts_at < timezone.now():
        errors["starts_at"] = "A session in the past cannot be planned: record a contact for it instead."
    elif local_date(starts_at) > (latest := _latest_session_day()):
        errors["starts_at"] = (
            f"A session can be planned up to two years ahead: choose a date on or before {long_date(latest)}."
        )
    elif agreement.end_date and local_date(starts_at) > agreement.end_date:
        errors["starts_at"] = f"The session cannot be after the agreement ends on {long_date(agreement.end_date)}."
    if not agreement.is_active:
        errors["__all__"] = "This agreement has ended: no sessions can be planned."
    if not SESSION_MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        errors["duration_minutes"] = "Enter a length between 5 minutes and 12 hours (720 minutes)."
    if not location.strip():
        errors["location"] = "Enter where the session will be."
    _check_texts(errors, SESSION_TEXT_LIMITS, {"location": location, "purpose": purpose})
    # R5: the mentor leads every session, so a volunteer joining is never the only adult.
    _check_people(errors, provider_id=agreement.framework.provider_id, volunteer=volunteer, staff_present=None)
    errors.pop("staff_present", None)
    return errors


def session_plan(
    *,
    actor: User,
    agreement: IndividualAgreement,
    starts_at: datetime,
    location: str,
    duration_minutes: int = 60,
    purpose: str = "",
    volunteer: User | None = None,
) -> Session:
    """Plan a session with the young person, led by their mentor assigned now.

    Refused in the past, on an ended agreement, or without a mentor. A volunteer may
    join: the mentor leading the session is the member of staff present (R5).

    Side effects: a planned Session; an audit event.
    """
    if not can_plan_session(actor_for(actor), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can plan sessions.")
    starts_at = _aware(starts_at, "starts_at")
    errors = _session_errors(
        agreement=agreement,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        purpose=purpose,
        volunteer=volunteer,
    )
    mentor = _current_mentor(agreement)
    if mentor is None:
        errors["__all__"] = "Assign a mentor first: every session is led by the young person's mentor."
    if errors or mentor is None:
        raise ValidationError(errors)
    with transaction.atomic():
        session = Session.objects.create(
            agreement=agreement,
            **same_scope_as(agreement),
            mentor=mentor,
            volunteer=volunteer,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            location=location.strip(),
            purpose=purpose.strip(),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="session.planned",
            subject=session,
            young_person=agreement.young_person,
            after=snapshot(session),
        )
    return session


def session_update(
    *,
    actor: User,
    session: Session,
    starts_at: datetime,
    location: str,
    duration_minutes: int,
    purpose: str = "",
    volunteer: User | None = None,
    expected_version: int | None = None,
) -> Session:
    """Change a planned session's time, length, place, plan or volunteer.

    Only while it is planned; the same rules as planning it apply. With
    ``expected_version`` (the version the person started from), a session changed by
    someone else since is refused rather than silently overwritten.

    Side effects: the Session saved; an audit event with what changed.
    """
    agreement = session.agreement
    if not can_plan_session(actor_for(actor), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can change sessions.")
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(
            f"This session is {session.get_status_display().lower()}: only a planned session can be changed."
        )
    starts_at = _aware(starts_at, "starts_at")
    errors = _session_errors(
        agreement=agreement,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        purpose=purpose,
        volunteer=volunteer,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.status != SessionStatus.PLANNED:
            raise ValidationError("This session has just been closed: only a planned session can be changed.")
        if expected_version is not None and expected_version != session.version:
            raise ValidationError({"version": SESSION_STALE_EDIT})
        before = snapshot(session, SESSION_FIELDS)
        session.starts_at = starts_at
        session.duration_minutes = duration_minutes
        session.location = location.strip()
        session.purpose = purpose.strip()
        session.volunteer = volunteer
        session.version += 1
        session.save(update_fields=[*(f.removesuffix("_id") for f in SESSION_FIELDS), "version", "updated_at"])
        audit_record(
            actor=actor,
            action="session.updated",
            subject=session,
            young_person=agreement.young_person,
            before=before,
            after=snapshot(session, SESSION_FIELDS),
        )
    return session


def _already_held(session: Session, to: str, submission_token: UUID | None) -> bool:
    """True when this is a resubmission of the form that recorded the session as held."""
    return (
        to == SessionStatus.HELD
        and session.status == SessionStatus.HELD
        and submission_token is not None
        and session.contact is not None
        and session.contact.submission_token == submission_token
    )


def session_transition(
    *,
    actor: User,
    session: Session,
    to: str,
    note: str = "",
    cancelled_by: str = "",
    mode: str = "",
    occurred_at: datetime | None = None,
    duration_minutes: int | None = None,
    summary: str = "",
    location: str | None = None,
    participants: Iterable[str] | None = None,
    other_participants: str = "",
    young_person_words: str = "",
    next_steps: str = "",
    is_first_meeting: bool = False,
    staff_present: User | None = None,
    submission_token: UUID | None = None,
) -> Session:
    """Close a planned session: the only way a session's status changes.

    - **held**: the session becomes a made contact, logged through ``contact_log`` with
      its rules (R8 modes, R9 flags, R5: a volunteer who joined is named with the
      mentor as the member of staff present, unless ``staff_present`` says otherwise).
      When and where default to the plan. It cannot be held before it has started.
    - **cancelled**: says who cancelled (``cancelled_by``).
    - **did_not_attend**: the young person did not come. No contact is logged — a
      missed session is not an interaction — but the session is kept and shown.

    Moves that ``SESSION_TRANSITIONS`` does not allow are refused. Sending the same
    ``submission_token`` again for a session already held returns it unchanged.

    Side effects: the Session saved (and linked to its Contact when held); an audit
    event "session.<status>" with the old and new status.
    """
    agreement = session.agreement
    if not can_plan_session(actor_for(actor), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can record sessions.")
    if _already_held(session, to, submission_token):
        return session
    if to not in SessionStatus.values:
        raise ValidationError({"status": "Choose what happened."})
    if to not in SESSION_TRANSITIONS[session.status]:
        raise ValidationError(
            {
                "status": f"This session is already {session.get_status_display().lower()}: "
                f"it cannot be recorded as {SessionStatus(to).label.lower()}."
            }
        )
    errors: dict[str, str] = {}
    now = timezone.now()
    if to == SessionStatus.CANCELLED and cancelled_by not in CancelledBy.values:
        errors["cancelled_by"] = "Say who cancelled the session."
    if to == SessionStatus.DID_NOT_ATTEND and session.starts_at > now + CLOCK_TOLERANCE:
        errors["status"] = "A session cannot be marked as not attended before it has started."
    if to == SessionStatus.HELD and _aware(occurred_at or session.starts_at, "occurred_at") > now + CLOCK_TOLERANCE:
        errors["status"] = "A session cannot be recorded as held before it has started."
    if len(note) > NOTE_LIMIT:
        errors["note"] = f"Enter no more than {NOTE_LIMIT:,} characters."
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("agreement__young_person", "contact")
            .get(pk=session.pk)
        )
        if _already_held(session, to, submission_token):  # a double submit that waited for the first
            return session
        if to not in SESSION_TRANSITIONS[session.status]:
            raise ValidationError({"status": "This session has just been closed by someone else."})
        before = snapshot(session, ["status", "cancelled_by", "status_note", "contact_id"])
        if to == SessionStatus.HELD:
            session.contact = contact_log(
                actor=actor,
                agreement=agreement,
                occurred_at=_aware(occurred_at or session.starts_at, "occurred_at"),
                mode=mode,
                outcome=ContactOutcome.MADE,
                is_first_meeting=is_first_meeting,
                duration_minutes=session.duration_minutes if duration_minutes is None else duration_minutes,
                summary=summary,
                submission_token=submission_token,
                location=session.location if location is None else location,
                participants=[Participant.YOUNG_PERSON] if participants is None else participants,
                other_participants=other_participants,
                young_person_words=young_person_words,
                next_steps=next_steps,
                volunteer=session.volunteer,
                staff_present=(staff_present or session.mentor) if session.volunteer_id else staff_present,
            )
        session.status = to
        session.cancelled_by = cancelled_by if to == SessionStatus.CANCELLED else ""
        session.status_note = note.strip()
        session.save(update_fields=["status", "cancelled_by", "status_note", "contact", "updated_at"])
        audit_record(
            actor=actor,
            action=f"session.{to}",
            subject=session,
            young_person=session.agreement.young_person,
            before=before,
            after=snapshot(session, ["status", "cancelled_by", "status_note", "contact_id"]),
        )
    return session


# --- Calendar feeds ------------------------------------------------------------


def calendar_feed_reset(*, actor: User) -> tuple[CalendarFeed, str]:
    """Give ``actor`` a private calendar feed, or a new secret address for it.

    Returns the feed and the secret, which is shown once and never stored: only its
    SHA-256 digest is kept, so the old address stops working at once.

    Side effects: a CalendarFeed created or its digest replaced; an audit event.
    """
    if not can_have_calendar_feed(actor_for(actor)):
        raise PermissionDenied("Only mentors and volunteers have a calendar feed of their sessions.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
        action = "calendar_feed.reset" if feed is not None else "calendar_feed.created"
        if feed is None:
            feed = CalendarFeed.objects.create(user=actor, digest=calendar_token_digest(token))
        else:
            feed.digest = calendar_token_digest(token)
            feed.save(update_fields=["digest", "updated_at"])
        # The digest is a secret's fingerprint: it stays out of the audit log too.
        audit_record(actor=actor, action=action, subject=feed)
    return feed, token


def calendar_feed_stop(*, actor: User) -> bool:
    """Turn ``actor``'s calendar feed off: its address stops working.

    Side effects: the CalendarFeed deleted; an audit event. False when there was none.
    """
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
        if feed is None:
            return False
        audit_record(actor=actor, action="calendar_feed.stopped", subject=feed)
        feed.delete()
    return True


def _refresh_milestones(agreement: IndividualAgreement) -> None:
    """Work out the first contact made and the first meeting from the agreement's contacts
    and hand them to the agreement (R1, R2)."""
    made = Contact.objects.filter(agreement=agreement, outcome=ContactOutcome.MADE).order_by("occurred_on")
    first = made.values_list("occurred_on", flat=True).first()
    first_meeting = made.filter(is_first_meeting=True).values_list("occurred_on", flat=True).first()
    agreement_record_milestones(agreement=agreement, first_contact_on=first, first_meeting_on=first_meeting)
