"""Reading contacts through the user's scope."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from waymark.core.scoping import record_q
from waymark.organisations.access import actor_for

from .models import Contact
from .permissions import READ_PROVIDER_ROLES


def contact_list_visible_to(*, user: Any) -> QuerySet[Contact]:
    """Contacts with their notes: the mentor's own agreements, the provider's managers and DSL.

    Council users see counts and summaries in termly reports, never the notes (ACCESS.md).
    """
    q = record_q(
        actor_for(user),
        young_person_path="agreement__young_person",
        agreement_path="agreement",
        provider_roles=READ_PROVIDER_ROLES,
    )
    if q is None:
        return Contact.objects.none()
    return Contact.objects.filter(q).select_related("author", "agreement__young_person")


def contact_get_for_user(*, user: Any, public_id: UUID | str) -> Contact:
    try:
        return contact_list_visible_to(user=user).get(public_id=public_id)
    except (Contact.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("No such contact.") from exc
