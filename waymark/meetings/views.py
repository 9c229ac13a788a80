"""Pages for a young person's meetings: the Meetings tab, record, view, change, and the
one-page contribution PDF. Thin: selectors in, forms and services out."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from waymark.audit.services import audit_list_read
from waymark.core.forms import add_service_errors
from waymark.core.terms import school_term
from waymark.organisations.access import actor_for
from waymark.organisations.http import AuthenticatedHttpRequest
from waymark.young_people.selectors import young_person_get_for_user, young_person_open

from .documents import meeting_contribution_export
from .forms import MeetingForm
from .models import Meeting
from .permissions import can_read_meetings, can_write_meetings
from .selectors import (
    agreement_for_new_meeting,
    meeting_contact_summary,
    meeting_get_for_user,
    meeting_open,
    meetings_for_young_person,
)
from .services import meeting_record, meeting_update

PAGE_SIZE = 25


def _require_reader(request: HttpRequest) -> None:
    if not can_read_meetings(actor_for(request.user)):
        raise PermissionDenied("Your role does not read meetings.")


@login_required
def meeting_list(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """The young person's Meetings tab. Opening it is audited as a read of the record."""
    young_person = young_person_open(user=request.user, public_id=public_id)
    _require_reader(request)
    page = Paginator(meetings_for_young_person(user=request.user, young_person=young_person), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit_list_read(  # R14: the meetings shown, one event
        actor=request.user, model=Meeting, public_ids=[m.public_id for m in page], young_person=young_person
    )
    agreement = agreement_for_new_meeting(user=request.user, young_person=young_person)
    context: dict[str, Any] = {
        "young_person": young_person,
        "page": page,
        "rows": [(meeting, school_term(meeting.held_on)) for meeting in page.object_list],
        "can_record": agreement is not None
        and agreement.is_active
        and can_write_meetings(actor_for(request.user), agreement),
    }
    return render(request, "meetings/list.html", context)


@login_required
def meeting_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    young_person = young_person_get_for_user(user=request.user, public_id=public_id)
    agreement = agreement_for_new_meeting(user=request.user, young_person=young_person)
    if agreement is None:
        raise PermissionDenied("There is no Individual Agreement yet: meetings are recorded against one.")
    if not can_write_meetings(actor_for(request.user), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can record meetings.")
    if not agreement.is_active:
        raise PermissionDenied("This agreement has ended: no more meetings can be recorded.")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_record(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Meeting recorded.")
            return redirect("meetings:detail", public_id=meeting.public_id)
    back_url = reverse("meetings:list", args=[young_person.public_id])
    return render(
        request,
        "meetings/form.html",
        {"form": form, "young_person": young_person, "back_url": back_url, "heading": "Record a meeting"},
    )


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """One meeting and our contribution. Opening it is audited."""
    meeting = meeting_open(user=request.user, public_id=public_id)
    context = {
        "meeting": meeting,
        "young_person": meeting.agreement.young_person,
        "term": school_term(meeting.held_on),
        "contacts": meeting_contact_summary(meeting=meeting),
        "can_edit": can_write_meetings(actor_for(request.user), meeting.agreement),
    }
    return render(request, "meetings/detail.html", context)


@login_required
def meeting_edit(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    meeting = meeting_get_for_user(user=request.user, public_id=public_id, write=True)
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected_version = data.pop("version")
        try:
            meeting_update(actor=request.user, meeting=meeting, data=data, expected_version=expected_version)
        except ValidationError as exc:
            add_service_errors(form, exc, {"version": NON_FIELD_ERRORS})
            if "version" in getattr(exc, "error_dict", {}):
                # Saving again, knowingly, replaces the newer meeting.
                data_again = request.POST.copy()
                data_again["version"] = str(meeting_get_for_user(user=request.user, public_id=public_id).version)
                form.data = data_again
        else:
            messages.success(request, "Meeting updated.")
            return redirect("meetings:detail", public_id=meeting.public_id)
    back_url = reverse("meetings:detail", args=[meeting.public_id])
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "young_person": meeting.agreement.young_person,
            "back_url": back_url,
            "heading": "Change the meeting",
        },
    )


@login_required
def meeting_pdf(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Download the one-page contribution for the meeting (audited)."""
    meeting = meeting_get_for_user(user=request.user, public_id=public_id)
    document = meeting_contribution_export(actor=request.user, meeting=meeting)
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
