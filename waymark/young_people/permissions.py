"""Who may see and change young people's records (docs/access.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from waymark.organisations.access import Actor
from waymark.organisations.enums import Role

if TYPE_CHECKING:
    from .models import YoungPerson

# Roles that read the record, besides the mentor assigned now.
READ_PROVIDER_ROLES = (Role.SERVICE_MANAGER, Role.DSL)
READ_COUNCIL_ROLES = (Role.VS_OFFICER,)


def can_list_young_people(actor: Actor | None) -> bool:
    return actor is not None and actor.has_role(Role.MENTOR, *READ_PROVIDER_ROLES, *READ_COUNCIL_ROLES)


def can_edit_young_person(actor: Actor | None, young_person: YoungPerson) -> bool:
    """Only the provider's service manager corrects the record."""
    return (
        actor is not None and actor.has_role(Role.SERVICE_MANAGER) and actor.organisation_id == young_person.provider_id
    )
