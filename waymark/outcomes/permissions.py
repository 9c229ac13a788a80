"""Who may read and record outcomes, indicators and measures (docs/access.md).

Read and write: the mentor assigned now and the provider's service manager. Read: the
provider's designated safeguarding lead and the council's Virtual School officer.
Contract managers see aggregates only (not through these records); everybody else
sees nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from waymark.organisations.access import Actor
from waymark.organisations.enums import Role

if TYPE_CHECKING:
    from waymark.agreements.models import IndividualAgreement

READ_PROVIDER_ROLES = (Role.SERVICE_MANAGER, Role.DSL)
READ_COUNCIL_ROLES = (Role.VS_OFFICER,)

RECORD_DENIED = "Only the young person's mentor or the provider's service manager can record progress."


def can_read_progress(actor: Actor | None) -> bool:
    """Whether the role reads progress records at all (scope decides which)."""
    return actor is not None and actor.has_role(Role.MENTOR, *READ_PROVIDER_ROLES, *READ_COUNCIL_ROLES)


def _is_current_mentor(actor: Actor, agreement: IndividualAgreement) -> bool:
    current = getattr(agreement, "current_assignments", None)
    if current is not None:
        return any(a.mentor_id == actor.user.pk for a in current)
    return agreement.assignments.filter(mentor=actor.user, ended_on__isnull=True).exists()


def can_record_progress(actor: Actor | None, agreement: IndividualAgreement) -> bool:
    """The mentor assigned now, or the service manager of the agreement's provider."""
    if actor is None or actor.organisation_id is None:
        return False
    if actor.organisation_id != agreement.young_person.provider_id:
        return False
    if actor.has_role(Role.SERVICE_MANAGER):
        return True
    if actor.has_role(Role.MENTOR):
        return _is_current_mentor(actor, agreement)
    return False
