"""Changing a young person's record (R14: records accurate and kept up to date)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from waymark.audit.services import audit_record, snapshot
from waymark.organisations.access import actor_for
from waymark.organisations.models import User

from .models import YoungPerson
from .permissions import can_edit_young_person

EDITABLE_FIELDS = [
    "legal_first_name",
    "legal_last_name",
    "preferred_name",
    "date_of_birth",
    "upn",
    "school_or_setting",
    "social_worker_name",
    "social_worker_email",
    "social_worker_phone",
    "carer_name",
    "carer_email",
    "carer_phone",
    "needs",
    "communication_needs",
    "face_to_face_restricted",
    "restriction_details",
]

# A young person's record as an Order Form gives it, and as the API shows it: what may be
# edited, with the council's own id for the young person, which never changes afterwards.
YOUNG_PERSON_FIELDS = [*EDITABLE_FIELDS[:4], "local_child_id", *EDITABLE_FIELDS[4:]]


STALE_EDIT = (
    "Someone else changed this record while you were editing it. The form shows what you typed; "
    "check the record again before saving, or your changes will replace theirs."
)


def young_person_update(
    *, actor: User, young_person: YoungPerson, data: dict[str, Any], expected_version: int | None = None
) -> YoungPerson:
    """Correct or update a young person's record.

    The local child id, council and provider never change here. With ``expected_version``
    (the version the person started editing), a record changed by someone else since is
    refused rather than silently overwritten. Side effects: the record saved after full
    validation with its version increased; an audit event with the fields before and after.
    """
    if not can_edit_young_person(actor_for(actor), young_person):
        raise PermissionDenied("Only the provider's service manager can change this record.")
    with transaction.atomic():
        young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
        if expected_version is not None and expected_version != young_person.version:
            raise ValidationError({"version": STALE_EDIT})
        before = snapshot(young_person, EDITABLE_FIELDS)
        for name in EDITABLE_FIELDS:
            if name in data:
                setattr(young_person, name, data[name])
        young_person.full_clean()
        young_person.version += 1
        young_person.save()
        after = snapshot(young_person, EDITABLE_FIELDS)
        changed = [k for k in EDITABLE_FIELDS if before[k] != after[k]]
        audit_record(
            actor=actor,
            action="young_person.updated",
            subject=young_person,
            young_person=young_person,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return young_person


def young_person_receive(
    *, actor: User, council_id: int, provider_id: int, data: dict[str, Any], existing: YoungPerson | None
) -> YoungPerson:
    """The young person an Order Form is about: a new record, or the council's ``existing``
    record of them (same council, provider and local child id, locked by the caller)
    refreshed with the form's details.

    The caller (receiving an Order Form) has checked the actor may send it. Side effects:
    the record created, or saved with its version increased; an audit event
    ``young_person.created`` or ``young_person.updated``.
    """
    with transaction.atomic():
        if existing is not None:
            before = snapshot(existing, YOUNG_PERSON_FIELDS)
            for name in EDITABLE_FIELDS:
                if name in data:
                    setattr(existing, name, data[name])
            existing.full_clean()
            existing.version += 1
            existing.save()
            audit_record(
                actor=actor,
                action="young_person.updated",
                subject=existing,
                young_person=existing,
                before=before,
                after=snapshot(existing, YOUNG_PERSON_FIELDS),
            )
            return existing
        young_person = YoungPerson(
            council_id=council_id,
            provider_id=provider_id,
            **{k: v for k, v in data.items() if k in YOUNG_PERSON_FIELDS},
        )
        young_person.full_clean()
        young_person.save()
        audit_record(
            actor=actor,
            action="young_person.created",
            subject=young_person,
            young_person=young_person,
            after=snapshot(young_person, YOUNG_PERSON_FIELDS),
        )
    return young_person
