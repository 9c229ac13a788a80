"""Reading Order Forms, agreements and assignments, always through the user's scope."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from waymark.core.clock import local_today
from waymark.core.lookups import get_visible_or_404
from waymark.core.scoping import Caseload, record_q
from waymark.organisations.access import actor_for
from waymark.organisations.enums import Role
from waymark.organisations.models import User

from .deadlines import (
    OPEN_STATUSES,
    URGENT_STATUSES,
    undecided_order_form_counts,
    with_deadline_status,
    with_order_form_status,
)
from .enums import AgreementStatus, AssignmentEndReason, DeadlineStatus
from .models import Assignment, FrameworkAgreement, IndividualAgreement, OrderForm
from .permissions import ASSIGNMENT_PROVIDER_ROLES, READ_COUNCIL_ROLES, READ_PROVIDER_ROLES


def caseload_load(user_id: int) -> Caseload:
    """The agreements and young people ``user_id`` mentors now: one indexed query.

    Registered with ``core.scoping`` so every app's selectors scope a mentor by these ids.
    """
    rows = Assignment.objects.filter(mentor_id=user_id, ended_on__isnull=True).values_list(
        "agreement_id", "agreement__young_person_id"
    )
    pairs = list(rows)
    return Caseload(
        agreement_ids=frozenset(a for a, _ in pairs),
        young_person_ids=frozenset(y for _, y in pairs),
    )


def _current_assignments() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(ended_on__isnull=True).select_related("mentor"),
        to_attr="current_assignments",
    )


def agreement_list_visible_to(*, user: Any, today: date | None = None) -> QuerySet[IndividualAgreement]:
    """Individual Agreements ``user`` may read, with their deadline statuses annotated."""
    q = record_q(
        actor_for(user),
        young_person_path="young_person",
        agreement_path="",
        org_path="",
        provider_roles=READ_PROVIDER_ROLES,
        council_roles=READ_COUNCIL_ROLES,
    )
    if q is None:
        return IndividualAgreement.objects.none()
    qs = (
        IndividualAgreement.objects.filter(q)
        .select_related("young_person", "order_form", "framework__council", "framework__provider")
        .prefetch_related(_current_assignments())
    )
    return with_deadline_status(qs, today=today or local_today())


def agreement_get_for_user(*, user: Any, public_id: UUID | str) -> IndividualAgreement:
    return get_visible_or_404(agreement_list_visible_to(user=user), public_id, "agreement")


# Dashboard orderings: name -> fields.
AGREEMENT_SORTS: dict[str, tuple[str, ...]] = {
    "urgency": ("urgency", "order_form__first_contact_due_on"),
    "name": ("young_person__legal_last_name", "young_person__legal_first_name"),
    "received": ("order_form__received_on",),
    "first_contact_due": ("order_form__first_contact_due_on",),
    "first_meeting_due": ("first_meeting_due_on",),
}

DEADLINE_FILTERS: dict[str, Q] = {
    "attention": Q(first_contact_status__in=URGENT_STATUSES)
    | Q(first_meeting_status__in=URGENT_STATUSES)
    | Q(substitution_status__in=URGENT_STATUSES),
    "first_contact_overdue": Q(first_contact_status=DeadlineStatus.OVERDUE),
    "first_meeting_overdue": Q(first_meeting_status=DeadlineStatus.OVERDUE),
    "substitution_open": Q(substitution_status__in=OPEN_STATUSES),
}


def agreement_list_filtered(
    *,
    user: Any,
    text: str = "",
    status: str = "active",
    deadline: str = "",
    mentor: User | None = None,
    sort: str = "urgency",
    descending: bool = False,
) -> QuerySet[IndividualAgreement]:
    """The dashboard: ``agreement_list_visible_to`` narrowed by the filters and ordered.

    ``status`` is "active", "ended" (ended or terminated) or anything else for all;
    ``deadline`` one of DEADLINE_FILTERS or "no_mentor"; ``sort`` one of AGREEMENT_SORTS.
    """
    qs: QuerySet[Any] = agreement_list_visible_to(user=user)
    if status == "active":
        qs = qs.filter(status=AgreementStatus.ACTIVE)
    elif status == "ended":
        qs = qs.exclude(status=AgreementStatus.ACTIVE)
    if text := text.strip():
        qs = qs.filter(
            Q(young_person__legal_first_name__icontains=text)
            | Q(young_person__legal_last_name__icontains=text)
            | Q(young_person__preferred_name__icontains=text)
            | Q(young_person__local_child_id__iexact=text)
        )
    if mentor is not None:
        qs = qs.filter(assignments__mentor=mentor, assignments__ended_on__isnull=True)
    if deadline in DEADLINE_FILTERS:
        qs = qs.filter(DEADLINE_FILTERS[deadline])
    elif deadline == "no_mentor":
        qs = qs.exclude(pk__in=Assignment.objects.filter(ended_on__isnull=True).values("agreement_id"))
    fields = AGREEMENT_SORTS.get(sort, AGREEMENT_SORTS["urgency"])
    if descending:
        fields = tuple(f"-{f}" for f in fields)
    return qs.order_by(*fields, "pk")


def agreements_for_young_person(*, user: Any, young_person_id: int) -> QuerySet[IndividualAgreement]:
    return agreement_list_visible_to(user=user).filter(young_person_id=young_person_id)


def _order_forms_visible_to(user: Any) -> QuerySet[OrderForm]:
    q = record_q(
        actor_for(user),
        young_person_path="young_person",
        agreement_path="agreement",
        org_path="",
        provider_roles=READ_PROVIDER_ROLES,
        council_roles=READ_COUNCIL_ROLES,
    )
    if q is None:
        return OrderForm.objects.none()
    return OrderForm.objects.filter(q)


def order_form_list_visible_to(*, user: Any, today: date | None = None) -> QuerySet[OrderForm]:
    qs = (
        _order_forms_visible_to(user)
        .select_related("young_person", "framework__council", "framework__provider", "submitted_by", "decided_by")
        .prefetch_related("outcomes")
    )
    return with_order_form_status(qs, today=today or local_today())


def order_form_waiting_counts(*, user: Any, today: date | None = None) -> dict[str, int]:
    """Order Forms ``user`` may read that wait for a decision with their first contact
    overdue or due today (R1: the clock runs from receipt). For the dashboard."""
    return undecided_order_form_counts(_order_forms_visible_to(user), today=today or local_today())


def order_form_get_for_user(*, user: Any, public_id: UUID | str) -> OrderForm:
    return get_visible_or_404(order_form_list_visible_to(user=user), public_id, "Order Form")


def assignment_list_visible_to(*, user: Any) -> QuerySet[Assignment]:
    q = record_q(
        actor_for(user),
        young_person_path="agreement__young_person",
        agreement_path="agreement",
        org_path="",
        provider_roles=ASSIGNMENT_PROVIDER_ROLES,
        council_roles=READ_COUNCIL_ROLES,
    )
    if q is None:
        return Assignment.objects.none()
    return Assignment.objects.filter(q).select_related(
        "mentor", "assigned_by", "ended_by", "agreement__young_person", "agreement__framework"
    )


def assignment_get_for_user(*, user: Any, public_id: UUID | str) -> Assignment:
    return get_visible_or_404(assignment_list_visible_to(user=user), public_id, "assignment")


def framework_list_for_order_forms(*, user: Any, on: date | None = None) -> QuerySet[FrameworkAgreement]:
    """Framework agreements in force under which ``user`` may send or record Order Forms."""
    actor = actor_for(user)
    day = on or local_today()
    qs = FrameworkAgreement.objects.select_related("council", "provider").filter(start_date__lte=day, end_date__gte=day)
    if actor is None or actor.organisation is None:
        return qs.none()
    if actor.has_role(Role.VS_OFFICER):
        return qs.filter(council=actor.organisation)
    if actor.has_role(Role.SERVICE_MANAGER):
        return qs.filter(provider=actor.organisation)
    return qs.none()


def mentor_list_for_provider(*, provider_id: int) -> QuerySet[User]:
    """The active staff mentors of a provider, by name, with ``caseload``: their current assignments."""
    return (
        User.objects.filter(
            membership__organisation_id=provider_id,
            membership__role=Role.MENTOR,
            membership__is_active=True,
            is_active=True,
        )
        .annotate(caseload=Count("assignments", filter=Q(assignments__ended_on__isnull=True)))
        .order_by("full_name", "username")
    )


# A mentor whose assignment ended as "mentor unavailable" is taken to be unavailable for
# this many days after, unless they have started another assignment since (R4, #7).
UNAVAILABLE_DAYS = 28


def mentor_list_for_assignment(*, agreement: IndividualAgreement, today: date | None = None) -> QuerySet[User]:
    """Staff mentors who could be assigned to ``agreement``: those of its provider, in one query.

    Left out (R4): a mentor the council has rejected for this young person, under any
    agreement; and a mentor who is currently unavailable: an assignment ended as "mentor
    unavailable" in the last ``UNAVAILABLE_DAYS`` days, with no assignment started since.
    """
    today = today or local_today()
    rejected = Assignment.objects.filter(
        mentor=OuterRef("pk"),
        agreement__young_person_id=agreement.young_person_id,
        end_reason=AssignmentEndReason.REJECTED_BY_COUNCIL,
    )
    started_since = Assignment.objects.filter(mentor=OuterRef("mentor"), started_on__gt=OuterRef("ended_on"))
    unavailable = Assignment.objects.filter(
        mentor=OuterRef("pk"),
        end_reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        ended_on__gt=today - timedelta(days=UNAVAILABLE_DAYS),
    ).filter(~Exists(started_since))
    return mentor_list_for_provider(provider_id=agreement.framework.provider_id).exclude(
        Exists(rejected) | Exists(unavailable)
    )
