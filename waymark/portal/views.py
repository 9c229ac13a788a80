"""Each role's home page, and the young person's page that brings every part of the record together."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from waymark.agreements.permissions import (
    can_end_agreement,
    can_list_agreements,
    can_manage_assignments,
    can_reject_mentor,
)
from waymark.agreements.selectors import agreements_for_young_person
from waymark.contacts.permissions import can_log_contact
from waymark.organisations.access import actor_for
from waymark.organisations.http import AuthenticatedHttpRequest
from waymark.young_people.permissions import can_edit_young_person
from waymark.young_people.selectors import young_person_open

from .timeline import young_person_timeline


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send each person to the page their role starts from."""
    actor = actor_for(request.user)
    if can_list_agreements(actor):
        return redirect("agreements:list")
    return render(request, "portal/home.html", {"actor": actor})


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for load balancers. Holds no data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def young_person_page(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """The young person's page: record, agreement and deadlines, timeline. Opening it is audited."""
    young_person = young_person_open(user=request.user, public_id=public_id)
    actor = actor_for(request.user)
    agreements = list(agreements_for_young_person(user=request.user, young_person_id=young_person.pk))
    agreement = agreements[0] if agreements else None
    current = agreement.current_assignments[0] if agreement and agreement.current_assignments else None  # type: ignore[attr-defined]
    outcomes = list(agreement.order_form.outcomes.all()) if agreement else []
    context = {
        "young_person": young_person,
        "agreement": agreement,
        "earlier_agreements": agreements[1:],
        "current_assignment": current,
        "outcomes": outcomes,
        "timeline": young_person_timeline(user=request.user, young_person=young_person),
        "can_edit": can_edit_young_person(actor, young_person),
        "can_assign": agreement is not None and agreement.is_active and can_manage_assignments(actor, agreement),
        "can_end": agreement is not None and agreement.is_active and can_end_agreement(actor, agreement),
        "can_reject": current is not None
        and agreement is not None
        and agreement.is_active
        and can_reject_mentor(actor, current),
        "can_log_contact": agreement is not None and agreement.is_active and can_log_contact(actor, agreement),
    }
    return render(request, "portal/young_person.html", context)
