"""Recording meetings — PEPs, LAC reviews, Team Around the Child and other planning
meetings — and what the provider contributed to them (issue #3, uk-domain.md §2).

A meeting may be recorded ahead (a contribution is often written before the PEP), but
never more than a year ahead, before the agreement started or after it ended.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waymark.agreements.models import IndividualAgreement
from waymark.audit.services import audit_record, snapshot
from waymark.core.clock import local_today, long_date
from waymark.organisations.access import actor_for
from waymark.organisations.models import User, same_scope_as

from .enums import MeetingAttendance, MeetingType
from .models import Meeting
from .permissions import can_write_meetings

CONTRIBUTION_FIELDS = ("engagement", "progress", "young_person_views", "recommended_actions")
EDITABLE_FIELDS = ("meeting_type", "held_on", "attendance", *CONTRIBUTION_FIELDS)
MAX_TEXT = 4000
MAX_DAYS_AHEAD = 365
STALE_EDIT = (
    "Someone else changed this meeting while you were editing it. The form shows what you typed; "
    "check the meeting again before saving, or your changes will replace theirs."
)
WRITE_REFUSED = "Only the young person's mentor or the service manager can record meetings."


def _clean(agreement: IndividualAgreement, values: dict[str, Any], today: date) -> dict[str, Any]:
    """``values`` with text trimmed, or a ValidationError naming every field at fault."""
    errors: dict[str, str] = {}
    cleaned = dict(values)
    if cleaned.get("meeting_type") not in MeetingType.values:
        errors["meeting_type"] = "Choose the type of meeting."
    if cleaned.get("attendance") not in MeetingAttendance.values:
        errors["attendance"] = "Choose whether we attended, contributed in writing, or neither."
    held_on = cleaned.get("held_on")
    if not isinstance(held_on, date):
        errors["held_on"] = "Enter the date of the meeting."
    elif held_on < agreement.start_date:
        errors["held_on"] = f"The meeting cannot be before the agreement started on {long_date(agreement.start_date)}."
    elif agreement.end_date is not None and held_on > agreement.end_date:
        errors["held_on"] = f"The meeting cannot be after the agreement ended on {long_date(agreement.end_date)}."
    elif held_on > today + timedelta(days=MAX_DAYS_AHEAD):
        errors["held_on"] = "The meeting cannot be more than a year ahead."
    for name in CONTRIBUTION_FIELDS:
        text = cleaned.get(name) or ""
        if not isinstance(text, str):
            errors[name] = "Enter text."
            continue
        cleaned[name] = text.strip()
        if len(cleaned[name]) > MAX_TEXT:
            errors[name] = f"Keep this to {MAX_TEXT:,} characters or fewer."
    if cleaned.get("attendance") == MeetingAttendance.WRITTEN and not any(
        cleaned.get(name) for name in CONTRIBUTION_FIELDS
    ):
        errors.setdefault(
            "engagement",
            "A written contribution cannot be empty: write about engagement, progress, "
            "the young person's views or recommended actions.",
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def meeting_record(
    *,
    actor: User,
    agreement: IndividualAgreement,
    meeting_type: str,
    held_on: date,
    attendance: str,
    engagement: str = "",
    progress: str = "",
    young_person_views: str = "",
    recommended_actions: str = "",
    today: date | None = None,
) -> Meeting:
    """Record a meeting about the young person and our part in it.

    Refused unless ``actor`` is the mentor assigned now or the provider's service manager,
    the agreement is active, and the date lies between the agreement's start and a year
    from ``today``. A written contribution must say something.

    Side effects: a Meeting authored by ``actor``; an audit event ``meeting.recorded``.
    """
    if not can_write_meetings(actor_for(actor), agreement):
        raise PermissionDenied(WRITE_REFUSED)
    if not agreement.is_active:
        raise ValidationError("This agreement has ended: no more meetings can be recorded.")
    values = _clean(
        agreement,
        {
            "meeting_type": meeting_type,
            "held_on": held_on,
            "attendance": attendance,
            "engagement": engagement,
            "progress": progress,
            "young_person_views": young_person_views,
            "recommended_actions": recommended_actions,
        },
        today or local_today(),
    )
    with transaction.atomic():
        meeting = Meeting.objects.create(agreement=agreement, **same_scope_as(agreement), author=actor, **values)
        audit_record(
            actor=actor,
            action="meeting.recorded",
            subject=meeting,
            young_person=agreement.young_person,
            after=snapshot(meeting, list(EDITABLE_FIELDS)),
        )
    return meeting


def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    data: Mapping[str, Any],
    today: date | None = None,
    expected_version: int | None = None,
) -> Meeting:
    """Change a meeting's details or contribution; fields missing from ``data`` keep their
    values. The same rules as ``meeting_record`` apply to the result; the author stays.
    With ``expected_version`` (the version the person started from), a meeting changed by
    someone else since is refused rather than silently overwritten.

    Side effects: the meeting saved; an audit event ``meeting.updated`` with the changed
    fields before and after (nothing is written when nothing changed).
    """
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Meetings have no editable fields {sorted(unknown)}.")
    agreement = meeting.agreement
    if not can_write_meetings(actor_for(actor), agreement):
        raise PermissionDenied(WRITE_REFUSED)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("agreement__young_person").get(pk=meeting.pk)
        if expected_version is not None and expected_version != meeting.version:
            raise ValidationError({"version": STALE_EDIT})
        before = snapshot(meeting, list(EDITABLE_FIELDS))
        current = {name: getattr(meeting, name) for name in EDITABLE_FIELDS}
        values = _clean(agreement, {**current, **data}, today or local_today())
        for name, value in values.items():
            setattr(meeting, name, value)
        after = snapshot(meeting, list(EDITABLE_FIELDS))
        changed = [name for name in EDITABLE_FIELDS if before[name] != after[name]]
        if changed:
            meeting.version += 1
            meeting.save()
            audit_record(
                actor=actor,
                action="meeting.updated",
                subject=meeting,
                young_person=meeting.agreement.young_person,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
    return meeting
