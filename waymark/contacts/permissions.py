"""Who may read and log contacts (docs/access.md)."""

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


# --- Contacts history, sessions and calendar feeds (#3) ---------------------------

# Staff who may be named as present when a volunteer takes part (R5): never a volunteer.
STAFF_PRESENT_ROLES = (Role.MENTOR, Role.SERVICE_MANAGER)
# Roles that read a young person's contacts and sessions, besides the mentor assigned now.
READ_SESSION_PROVIDER_ROLES = READ_PROVIDER_ROLES


def can_read_contact_notes(actor: Actor | None) -> bool:
    """Roles that read contacts with their notes; the selectors narrow them to their scope.

    A Virtual School officer sees counts only (docs/access.md: "counts and summaries in
    reports, not notes"); a volunteer reads only the contacts they took part in.
    """
    return actor is not None and actor.has_role(Role.MENTOR, *READ_PROVIDER_ROLES)


def can_read_contact_counts(actor: Actor | None) -> bool:
    """The council's Virtual School officer sees how many contacts there were, never the notes."""
    return actor is not None and actor.has_role(Role.VS_OFFICER)


def can_plan_session(actor: Actor | None, agreement: IndividualAgreement) -> bool:
    """Plan, change and close sessions: the mentor assigned now, or the service manager."""
    return can_log_contact(actor, agreement)


def can_list_sessions(actor: Actor | None) -> bool:
    """ "My sessions" (a mentor) or the provider's upcoming sessions (manager, DSL)."""
    return actor is not None and actor.has_role(Role.MENTOR, *READ_SESSION_PROVIDER_ROLES)


def can_list_joined_sessions(actor: Actor | None) -> bool:
    """A volunteer's "Sessions I join": initials and session details only (docs/access.md)."""
    return actor is not None and actor.has_role(Role.VOLUNTEER)


def can_have_calendar_feed(actor: Actor | None) -> bool:
    """Mentors and volunteers get a private iCalendar feed of their sessions."""
    return actor is not None and actor.organisation is not None and actor.has_role(Role.MENTOR, Role.VOLUNTEER)
