"""Reading young people's records, always through the user's scope."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from waymark.audit.services import audit_record
from waymark.core.lookups import get_visible_or_404
from waymark.core.scoping import record_q
from waymark.organisations.access import actor_for

from .models import YoungPerson
from .permissions import READ_COUNCIL_ROLES, READ_PROVIDER_ROLES, can_edit_young_person


def young_person_list_visible_to(*, user: Any) -> QuerySet[YoungPerson]:
    """The young people ``user`` may read."""
    q = record_q(
        actor_for(user),
        young_person_path="",
        provider_roles=READ_PROVIDER_ROLES,
        council_roles=READ_COUNCIL_ROLES,
    )
    if q is None:
        return YoungPerson.objects.none()
    return YoungPerson.objects.filter(q).select_related("council", "provider")


def young_person_get_for_user(*, user: Any, public_id: UUID | str, write: bool = False) -> YoungPerson:
    """One young person: 404 when hidden from ``user``, 403 when ``write`` is refused."""
    young_person = get_visible_or_404(young_person_list_visible_to(user=user), public_id, "young person")
    if write and not can_edit_young_person(actor_for(user), young_person):
        raise PermissionDenied("You can read this record but not change it.")
    return young_person


def young_person_open(*, user: Any, public_id: UUID | str) -> YoungPerson:
    """Fetch a young person's record for reading and record that ``user`` opened it (R14)."""
    young_person = young_person_get_for_user(user=user, public_id=public_id)
    audit_record(actor=user, action="young_person.viewed", subject=young_person, young_person=young_person)
    return young_person
