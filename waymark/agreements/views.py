"""Pages for agreements, Order Forms and mentor assignments. Thin: forms in, services out."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from waymark.audit.services import audit_list_read, audit_record
from waymark.core.forms import add_service_errors
from waymark.organisations.access import actor_for
from waymark.organisations.enums import Role
from waymark.organisations.http import AuthenticatedHttpRequest

from . import services
from .enums import OrderFormStatus
from .forms import (
    AgreementFilterForm,
    AssignForm,
    DeclineForm,
    EndAgreementForm,
    OrderFormForm,
    OrderFormYoungPersonForm,
    RejectMentorForm,
    SubstituteForm,
)
from .models import IndividualAgreement, OrderForm
from .permissions import (
    can_decide_order_form,
    can_end_agreement,
    can_list_agreements,
    can_list_order_forms,
    can_manage_assignments,
    can_read_agreement_notes,
    can_reject_mentor,
    can_submit_order_form,
)
from .selectors import (
    AGREEMENT_SORTS,
    agreement_get_for_user,
    agreement_list_filtered,
    framework_list_for_order_forms,
    mentor_list_for_assignment,
    mentor_list_for_provider,
    order_form_get_for_user,
    order_form_list_visible_to,
    order_form_waiting_counts,
)

PAGE_SIZE = 50

LIST_TITLES: dict[str, str] = {
    Role.MENTOR: "My young people",
    Role.VS_OFFICER: "Our young people",
}


@login_required
def agreement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The dashboard of agreements and their deadlines (manager), "My young people"
    (mentor), "Our young people" (Virtual School). Filter results come back as a
    partial for htmx."""
    actor = actor_for(request.user)
    if actor is None or not can_list_agreements(actor):
        raise PermissionDenied("Your role has no list of young people.")
    mentors = None
    if actor.has_role(Role.SERVICE_MANAGER, Role.DSL) and actor.organisation is not None:
        mentors = mentor_list_for_provider(provider_id=actor.organisation.pk)
    form = AgreementFilterForm(request.GET or None, mentors=mentors)
    data = form.cleaned_data if form.is_valid() else {}
    sort = data.get("sort") or "urgency"
    direction = data.get("direction") or "asc"
    qs = agreement_list_filtered(
        user=request.user,
        text=data.get("q") or "",
        status=data.get("status") or "active",
        deadline=data.get("deadline") or "",
        mentor=data.get("mentor"),
        sort=sort,
        descending=direction == "desc",
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_list_read(actor=request.user, model=qs.model, public_ids=[row.public_id for row in page])  # R14
    context: dict[str, Any] = {
        "title": LIST_TITLES.get(actor.role or "", "Young people and deadlines"),
        "form": form,
        "page": page,
        "sort": sort,
        "direction": direction,
        "next_direction": {k: "desc" if (k == sort and direction == "asc") else "asc" for k in AGREEMENT_SORTS},
        "is_council": actor.is_council_staff,
        "can_submit_order_form": can_submit_order_form(actor),
    }
    template = "agreements/_agreement_table.html" if request.htmx else "agreements/agreement_list.html"  # type: ignore[attr-defined]
    if not request.htmx and can_list_order_forms(actor):  # type: ignore[attr-defined]
        context["waiting"] = order_form_waiting_counts(user=request.user)
    return render(request, template, context)


def _back(agreement: IndividualAgreement) -> str:
    return reverse("young_people:detail", args=[agreement.young_person.public_id])


def _mentors(agreement: IndividualAgreement) -> Any:
    return mentor_list_for_assignment(agreement=agreement)


@login_required
def assign(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    if not can_manage_assignments(actor_for(request.user), agreement):
        raise PermissionDenied("Only the provider's service manager can assign mentors.")
    form = AssignForm(request.POST or None, mentors=_mentors(agreement))
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_create(
                actor=request.user,
                agreement=agreement,
                mentor=form.cleaned_data["mentor"],
                started_on=form.cleaned_data["started_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['mentor'].display_name} is now the mentor.")
            return redirect("young_people:detail", public_id=agreement.young_person.public_id)
    return render(
        request, "agreements/assign.html", {"form": form, "agreement": agreement, "back_url": _back(agreement)}
    )


@login_required
def substitute(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    if not can_manage_assignments(actor_for(request.user), agreement):
        raise PermissionDenied("Only the provider's service manager can substitute a mentor.")
    current = agreement.current_assignments[0] if agreement.current_assignments else None  # type: ignore[attr-defined]
    if current is None:
        messages.info(request, "This young person has no mentor now: assign one instead.")
        return redirect("agreements:assign", public_id=agreement.public_id)
    form = SubstituteForm(request.POST or None, mentors=_mentors(agreement).exclude(pk=current.mentor_id))
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_substitute(
                actor=request.user,
                assignment=current,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                new_mentor=form.cleaned_data["new_mentor"],
                ended_on=form.cleaned_data["ended_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The mentor change is recorded and the council has been told.")
            return redirect("young_people:detail", public_id=agreement.young_person.public_id)
    return render(
        request,
        "agreements/substitute.html",
        {"form": form, "agreement": agreement, "current": current, "back_url": _back(agreement)},
    )


@login_required
def reject_mentor(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    current = agreement.current_assignments[0] if agreement.current_assignments else None  # type: ignore[attr-defined]
    if current is None or not can_reject_mentor(actor_for(request.user), current):
        raise PermissionDenied("Only the council's Virtual School can reject the current mentor.")
    form = RejectMentorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_reject(actor=request.user, assignment=current, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The mentor is rejected. The provider must assign a substitute within 7 days.")
            return redirect("young_people:detail", public_id=agreement.young_person.public_id)
    return render(
        request,
        "agreements/reject_mentor.html",
        {"form": form, "agreement": agreement, "current": current, "back_url": _back(agreement)},
    )


@login_required
def end_agreement(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    if not can_end_agreement(actor_for(request.user), agreement):
        raise PermissionDenied("Only the provider's service manager can end an agreement.")
    form = EndAgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_transition(
                actor=request.user,
                agreement=agreement,
                to=form.cleaned_data["status"],
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The agreement has ended.")
            return redirect("young_people:detail", public_id=agreement.young_person.public_id)
    return render(request, "agreements/end.html", {"form": form, "agreement": agreement, "back_url": _back(agreement)})


# --- Order Forms --------------------------------------------------------------------


@login_required
def order_form_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not can_list_order_forms(actor):
        raise PermissionDenied("Your role does not handle Order Forms.")
    status = request.GET.get("status", OrderFormStatus.RECEIVED)
    qs = order_form_list_visible_to(user=request.user)
    if status in OrderFormStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-received_on", "-created_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    audit_list_read(actor=request.user, model=OrderForm, public_ids=[row.public_id for row in page])  # R14
    return render(
        request,
        "agreements/order_form_list.html",
        {
            "page": page,
            "status": status,
            "statuses": OrderFormStatus.choices,
            "can_submit": can_submit_order_form(actor),
        },
    )


@login_required
def order_form_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if actor is None or not can_submit_order_form(actor):
        raise PermissionDenied("Only a Virtual School officer or a service manager can send Order Forms.")
    frameworks = framework_list_for_order_forms(user=request.user)
    ask_received_on = actor.has_role(Role.SERVICE_MANAGER)
    form = OrderFormForm(request.POST or None, frameworks=frameworks, ask_received_on=ask_received_on)
    yp_form = OrderFormYoungPersonForm(request.POST or None, prefix="yp")
    if request.method == "POST" and form.is_valid() & yp_form.is_valid():
        try:
            order_form = services.order_form_receive(
                actor=request.user,
                framework=form.cleaned_data["framework"],
                young_person=yp_form.cleaned_data,
                referral_reason=form.cleaned_data["referral_reason"],
                outcomes=form.outcomes,
                received_on=form.cleaned_data.get("received_on"),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and set(exc.message_dict) & set(yp_form.fields):
                add_service_errors(yp_form, exc)
            else:
                add_service_errors(form, exc, {"outcomes": "outcome_1"})
        else:
            messages.success(
                request,
                f"Order Form received. First contact is due by "
                f"{order_form.first_contact_due_on.day} {order_form.first_contact_due_on:%B %Y}.",
            )
            return redirect("order_forms:detail", public_id=order_form.public_id)
    return render(
        request,
        "agreements/order_form_new.html",
        {"form": form, "yp_form": yp_form, "ask_received_on": ask_received_on, "has_frameworks": frameworks.exists()},
    )


@login_required
def order_form_detail(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    order_form = order_form_get_for_user(user=request.user, public_id=public_id)
    actor = actor_for(request.user)
    # Reading the form is reading the young person's details (R14).
    audit_record(
        actor=request.user, action="order_form.viewed", subject=order_form, young_person=order_form.young_person
    )
    return render(
        request,
        "agreements/order_form_detail.html",
        {
            "order_form": order_form,
            "can_decide": order_form.status == OrderFormStatus.RECEIVED and can_decide_order_form(actor, order_form),
            "can_read_notes": can_read_agreement_notes(actor),
            "decline_form": DeclineForm(),
        },
    )


@login_required
@require_POST
def order_form_accept(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    order_form = order_form_get_for_user(user=request.user, public_id=public_id)
    try:
        agreement = services.order_form_accept(actor=request.user, order_form=order_form)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("order_forms:detail", public_id=order_form.public_id)
    messages.success(request, "Order Form accepted: the Individual Agreement is in place. Now assign a mentor.")
    return redirect("agreements:assign", public_id=agreement.public_id)


@login_required
def order_form_decline(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    order_form = order_form_get_for_user(user=request.user, public_id=public_id)
    if not can_decide_order_form(actor_for(request.user), order_form):
        raise PermissionDenied("Only the provider's service manager can decline an Order Form.")
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.order_form_decline(actor=request.user, order_form=order_form, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Order Form declined. The council has been told.")
            return redirect("order_forms:list")
    return render(
        request,
        "agreements/order_form_decline.html",
        {
            "form": form,
            "order_form": order_form,
            "back_url": reverse("order_forms:detail", args=[order_form.public_id]),
        },
    )
