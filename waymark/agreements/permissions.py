"""Who may see and act on Order Forms, agreements and assignments (docs/access.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from waymark.organisations.access import Actor
from waymark.organisations.enums import Role

if TYPE_CHECKING:
    from .models import Assignment, FrameworkAgreement, IndividualAgreement, OrderForm

READ_PROVIDER_ROLES = (Role.SERVICE_MANAGER, Role.DSL, Role.FINANCE)
READ_COUNCIL_ROLES = (Role.VS_OFFICER,)
ASSIGNMENT_PROVIDER_ROLES = (Role.SERVICE_MANAGER, Role.DSL)


def can_list_agreements(actor: Actor | None) -> bool:
    return actor is not None and actor.has_role(Role.MENTOR, *READ_PROVIDER_ROLES, *READ_COUNCIL_ROLES)


def can_submit_order_form(actor: Actor | None, framework: FrameworkAgreement | None = None) -> bool:
    """A Virtual School officer submits online; a service manager records an emailed one."""
    if actor is None or actor.organisation is None:
        return False
    if actor.has_role(Role.VS_OFFICER):
        return framework is None or framework.council_id == actor.organisation_id
    if actor.has_role(Role.SERVICE_MANAGER):
        return framework is None or framework.provider_id == actor.organisation_id
    return False


def can_decide_order_form(actor: Actor | None, order_form: OrderForm) -> bool:
    return (
        actor is not None
        and actor.has_role(Role.SERVICE_MANAGER)
        and actor.organisation_id == order_form.framework.provider_id
    )


def can_manage_assignments(actor: Actor | None, agreement: IndividualAgreement) -> bool:
    """Assign and substitute mentors: the provider's service manager (R3)."""
    return (
        actor is not None
        and actor.has_role(Role.SERVICE_MANAGER)
        and actor.organisation_id == agreement.framework.provider_id
    )


def can_end_agreement(actor: Actor | None, agreement: IndividualAgreement) -> bool:
    return can_manage_assignments(actor, agreement)


def can_reject_mentor(actor: Actor | None, assignment: Assignment) -> bool:
    """The council may reject a mentor for its young person at any time (R4)."""
    return (
        actor is not None
        and actor.has_role(Role.VS_OFFICER)
        and actor.organisation_id == assignment.agreement.framework.council_id
    )


def can_read_agreement_notes(actor: Actor | None) -> bool:
    """Finance officers read Order Forms and agreements without their notes (referral
    reason, outcomes, decline and end reasons): docs/access.md "read provider (no notes)"."""
    return actor is not None and not actor.has_role(Role.FINANCE)


def can_list_order_forms(actor: Actor | None) -> bool:
    """The provider's manager, DSL and finance officer, and the council's Virtual School."""
    return actor is not None and actor.has_role(*READ_PROVIDER_ROLES, *READ_COUNCIL_ROLES)
