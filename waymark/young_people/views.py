from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from waymark.agreements.permissions import can_end_agreement, can_manage_assignments, can_reject_mentor
from waymark.agreements.selectors import agreements_for_young_person
from waymark.contacts.permissions import can_log_contact
from waymark.core.forms import add_service_errors
from waymark.organisations.access import actor_for

from .forms import YoungPersonEditForm
from .permissions import can_edit_young_person
from .selectors import young_person_get_for_user, young_person_open
from .services import young_person_update
from .timeline import young_person_timeline

NON_FIELD = "__all__"


@login_required
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
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
    return render(request, "young_people/detail.html", context)


@login_required
def edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    young_person = young_person_get_for_user(user=request.user, public_id=public_id, write=True)
    form = YoungPersonEditForm(request.POST or None, instance=young_person)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            young_person_update(
                actor=request.user,  # type: ignore[arg-type]
                young_person=young_person,
                data=data,
                expected_version=data.pop("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {"version": NON_FIELD})
            if "version" in getattr(exc, "error_dict", {}):
                # Saving again, knowingly, replaces the newer record.
                current = young_person_get_for_user(user=request.user, public_id=public_id, write=True)
                data_again = request.POST.copy()
                data_again["version"] = str(current.version)
                form.data = data_again
        else:
            messages.success(request, "Record updated.")
            return redirect("young_people:detail", public_id=young_person.public_id)
    # A ModelForm changes its instance while validating: show the saved name in the heading.
    young_person.refresh_from_db()
    back_url = reverse("young_people:detail", args=[young_person.public_id])
    return render(request, "young_people/edit.html", {"form": form, "young_person": young_person, "back_url": back_url})
