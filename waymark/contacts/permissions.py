"""Who may read and log contacts (ACCESS.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from waymark.organisations.access import Actor
from waymark.organisations.enums import Role

if TYPE_CHECKING:
    from waymark.agreements.models import IndividualAgreement

READ_PROVIDER_ROLES = (Role.SERVICE_MANAGER, Role.DSL)


def can_log_contact(actor: Actor | None, agreement: IndividualAgreement) -> bool:
    """The mentor assigned now, or the provider's service manager."""
    if actor is None or actor.organisation_id != agreement.framework.provider_id:
        return False
    if actor.has_role(Role.SERVICE_MANAGER):
        return True
    if actor.has_role(Role.MENTOR):
        return any(a.mentor_id == actor.user.pk for a in agreement.assignments.all() if a.ended_on is None)
    return False
