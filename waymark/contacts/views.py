from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from waymark.agreements.selectors import agreement_get_for_user
from waymark.core.forms import add_service_errors
from waymark.organisations.access import actor_for

from .forms import ContactForm
from .permissions import can_log_contact
from .services import contact_log

FIELD_MAP = {"occurred_at": "occurred_date"}


@login_required
def contact_new(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Log a contact: one screen on a phone. Safe to resubmit: the form's token makes
    a second submission return the contact already saved."""
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    if not can_log_contact(actor_for(request.user), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can log contacts.")
    young_person = agreement.young_person
    form = ContactForm(request.POST or None, restricted=young_person.face_to_face_restricted)
    if request.method == "POST" and form.is_valid():
        try:
            contact_log(
                actor=request.user,  # type: ignore[arg-type]
                agreement=agreement,
                occurred_at=form.occurred_at,
                mode=form.cleaned_data["mode"],
                outcome=form.cleaned_data["outcome"],
                is_first_meeting=form.cleaned_data["is_first_meeting"],
                duration_minutes=form.cleaned_data["duration_minutes"],
                summary=form.cleaned_data["summary"],
                submission_token=form.cleaned_data["submission_token"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc, FIELD_MAP)
        else:
            messages.success(request, "Contact logged.")
            return redirect("young_people:detail", public_id=young_person.public_id)
    back_url = reverse("young_people:detail", args=[young_person.public_id])
    return render(
        request,
        "contacts/contact_new.html",
        {"form": form, "agreement": agreement, "young_person": young_person, "back_url": back_url},
    )
