"""Who may read and write meetings and their contributions (docs/access.md).

Meetings are part of the mentoring record: the mentor assigned now and the provider's
service manager read and write them; the provider's DSL reads them. The council's
Virtual School officer reads them too — a contribution is written *for* the council's
own PEP, LAC review or Team Around the Child meeting — but never writes one. Everyone
else is refused, and the selectors hide the record from them altogether.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from waymark.organisations.access import Actor
from waymark.organisations.enums import Role

if TYPE_CHECKING:
    from waymark.agreements.models import IndividualAgreement

# Roles that read meetings, besides the mentor assigned now.
READ_PROVIDER_ROLES = (Role.SERVICE_MANAGER, Role.DSL)
READ_COUNCIL_ROLES = (Role.VS_OFFICER,)


def can_read_meetings(actor: Actor | None) -> bool:
    """The roles that read meetings at all; the selectors narrow them to their scope."""
    return actor is not None and actor.has_role(Role.MENTOR, *READ_PROVIDER_ROLES, *READ_COUNCIL_ROLES)


def can_write_meetings(actor: Actor | None, agreement: IndividualAgreement) -> bool:
    """Record or change a meeting: the mentor assigned now, or the provider's service manager.

    Uses the agreement's ``current_assignments`` when the agreement selectors prefetched
    them, and asks the database otherwise.
    """
    if actor is None or actor.organisation_id != agreement.framework.provider_id:
        return False
    if actor.has_role(Role.SERVICE_MANAGER):
        return True
    if actor.has_role(Role.MENTOR):
        current = getattr(agreement, "current_assignments", None)
        if current is None:
            current = [a for a in agreement.assignments.all() if a.ended_on is None]
        return any(a.mentor_id == actor.user.pk for a in current)
    return False
