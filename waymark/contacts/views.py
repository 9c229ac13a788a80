"""Contacts and sessions pages: thin views over the services and selectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from waymark.agreements.models import IndividualAgreement
from waymark.agreements.selectors import agreement_get_for_user, agreements_for_young_person
from waymark.audit.services import audit_list_read
from waymark.core.forms import add_service_errors
from waymark.organisations.access import actor_for
from waymark.organisations.enums import Role
from waymark.organisations.http import AuthenticatedHttpRequest
from waymark.young_people.models import YoungPerson
from waymark.young_people.selectors import young_person_open

from .calendar import render_calendar
from .enums import ContactOutcome, Participant, SessionStatus
from .forms import ContactForm, SessionForm, SessionRecordForm
from .models import Contact, Session
from .permissions import (
    can_have_calendar_feed,
    can_list_joined_sessions,
    can_list_sessions,
    can_log_contact,
    can_plan_session,
    can_read_contact_counts,
    can_read_contact_notes,
)
from .selectors import (
    calendar_feed_for_user,
    calendar_feed_sessions,
    contact_counts_for_young_person,
    contacts_for_young_person,
    session_get_for_user,
    sessions_joined,
    sessions_not_held_for_young_person,
    sessions_planned,
    sessions_planned_for_young_person,
    staff_of,
    volunteers_of,
)
from .services import (
    calendar_feed_reset,
    calendar_feed_stop,
    contact_log,
    session_plan,
    session_transition,
    session_update,
)
from .timebands import time_band_labels

CONTACT_FIELD_MAP = {"occurred_at": "occurred_date"}
SESSION_FIELD_MAP = {"starts_at": "starts_date"}
HISTORY_PAGE_SIZE = 20
SESSIONS_PAGE_SIZE = 25
NOT_HELD_SHOWN = 10
PARTICIPANT_LABELS = dict(Participant.choices)


def _history_url(young_person: YoungPerson) -> str:
    return reverse("contacts:history", args=[young_person.public_id])


def _people_choices(agreement: IndividualAgreement) -> dict[str, Any]:
    """Volunteers and staff of the agreement's provider, when it has volunteers at all."""
    provider_id = agreement.framework.provider_id
    volunteers = volunteers_of(provider_id=provider_id)
    if not volunteers.exists():
        return {}
    return {"volunteers": volunteers, "staff": staff_of(provider_id=provider_id)}


# --- Contacts --------------------------------------------------------------------


@login_required
def contact_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Log a contact: one screen on a phone, the rarely used fields folded away. Safe to
    resubmit: the form's token makes a second submission return the contact already saved."""
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    if not can_log_contact(actor_for(request.user), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can log contacts.")
    young_person = agreement.young_person
    people = _people_choices(agreement)
    initial = {"staff_present": request.user.public_id} if people else None
    form = ContactForm(request.POST or None, initial=initial, restricted=young_person.face_to_face_restricted, **people)
    if request.method == "POST" and form.is_valid():
        try:
            contact_log(actor=request.user, agreement=agreement, **form.contact_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc, CONTACT_FIELD_MAP)
        else:
            messages.success(request, "Contact logged.")
            if form.time_note:
                messages.info(request, form.time_note)
            return redirect("contacts:history", public_id=young_person.public_id)
    back_url = _history_url(young_person)
    return render(
        request,
        "contacts/contact_new.html",
        {"form": form, "agreement": agreement, "young_person": young_person, "back_url": back_url},
    )


TAG_CLASSES = {
    "Made": "govuk-tag--green",
    "Attempted": "govuk-tag--grey",
    "First meeting": "govuk-tag--blue",
    "Planned session": "govuk-tag--light-blue",
}
TIME_BAND_CLASS = "govuk-tag--purple"


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    tags: list[tuple[str, str]]  # (label, GOV.UK tag class)
    participants: list[str]


def _contact_row(contact: Contact) -> ContactRow:
    labels = ["Made" if contact.outcome == ContactOutcome.MADE else "Attempted"]
    if contact.is_first_meeting:
        labels.append("First meeting")
    bands = time_band_labels(
        is_evening=contact.is_evening, is_late_evening=contact.is_late_evening, is_weekend=contact.is_weekend
    )
    if getattr(contact, "session", None) is not None:
        labels.append("Planned session")
    tags = [(label, TAG_CLASSES[label]) for label in labels] + [(band, TIME_BAND_CLASS) for band in bands]
    participants = [PARTICIPANT_LABELS.get(code, code) for code in contact.participants]
    if contact.other_participants:
        participants.append(contact.other_participants)
    return ContactRow(contact=contact, tags=tags, participants=participants)


@login_required
def history(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """The young person's "Contacts and sessions" tab: planned sessions, then contacts
    newest first with their R9 tags, then sessions that did not happen. The council's
    Virtual School sees the counts only. Opening it is audited (R14)."""
    young_person = young_person_open(user=request.user, public_id=public_id)
    actor = actor_for(request.user)
    context: dict[str, Any] = {
        "young_person": young_person,
        "counts": contact_counts_for_young_person(user=request.user, young_person=young_person),
    }
    if not can_read_contact_notes(actor):
        if not can_read_contact_counts(actor):
            raise PermissionDenied("Your role does not read contacts.")
        return render(request, "contacts/history_counts.html", context)
    agreement = agreements_for_young_person(user=request.user, young_person_id=young_person.pk).first()
    can_write = agreement is not None and agreement.is_active and can_log_contact(actor, agreement)
    page = Paginator(
        contacts_for_young_person(user=request.user, young_person=young_person), HISTORY_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    # R14: the contacts and their notes shown on this page, one event.
    audit_list_read(
        actor=request.user, model=Contact, public_ids=[c.public_id for c in page], young_person=young_person
    )
    not_held = sessions_not_held_for_young_person(user=request.user, young_person=young_person)
    context.update(
        {
            "agreement": agreement,
            "can_write": can_write,
            "planned": list(sessions_planned_for_young_person(user=request.user, young_person=young_person)[:50]),
            "page": page,
            "rows": [_contact_row(c) for c in page],
            "not_held": list(not_held[:NOT_HELD_SHOWN]),
            "not_held_count": not_held.count(),
            "now": timezone.now(),
        }
    )
    return render(request, "contacts/history.html", context)


# --- Sessions --------------------------------------------------------------------


@login_required
def session_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Plan a session ahead: when, how long, where, and a volunteer if one is joining."""
    agreement = agreement_get_for_user(user=request.user, public_id=public_id)
    if not can_plan_session(actor_for(request.user), agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can plan sessions.")
    young_person = agreement.young_person
    volunteers = _people_choices(agreement).get("volunteers")
    form = SessionForm(request.POST or None, initial={"duration_minutes": 60}, volunteers=volunteers)
    if request.method == "POST" and form.is_valid():
        try:
            session_plan(actor=request.user, agreement=agreement, **form.session_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc, SESSION_FIELD_MAP)
        else:
            messages.success(request, "Session planned.")
            if form.time_note:
                messages.info(request, form.time_note)
            return redirect("contacts:history", public_id=young_person.public_id)
    return render(
        request,
        "contacts/session_form.html",
        {
            "form": form,
            "young_person": young_person,
            "back_url": _history_url(young_person),
            "heading": "Plan a session",
            "button": "Plan session",
        },
    )


def _session_for_change(request: HttpRequest, public_id: UUID) -> Session:
    """A session the user may see (else 404) and change (else 403)."""
    session = session_get_for_user(user=request.user, public_id=public_id)
    if not can_plan_session(actor_for(request.user), session.agreement):
        raise PermissionDenied("Only the young person's mentor or the service manager can change sessions.")
    return session


def _closed(request: HttpRequest, session: Session) -> HttpResponse:
    messages.info(request, f"This session is {session.get_status_display().lower()}: it can no longer be changed.")
    return redirect("contacts:history", public_id=session.agreement.young_person.public_id)


@login_required
def session_edit(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    session = _session_for_change(request, public_id)
    if session.status != SessionStatus.PLANNED:
        return _closed(request, session)
    young_person = session.agreement.young_person
    local = timezone.localtime(session.starts_at)
    initial = {
        "starts_date": local.date(),
        "starts_time": local.time().replace(second=0, microsecond=0),
        "duration_minutes": session.duration_minutes,
        "location": session.location,
        "purpose": session.purpose,
        "volunteer": session.volunteer.public_id if session.volunteer else None,
    }
    volunteers = _people_choices(session.agreement).get("volunteers")
    form = SessionForm(request.POST or None, initial=initial, volunteers=volunteers, version=session.version)
    if request.method == "POST" and form.is_valid():
        try:
            session_update(
                actor=request.user,
                session=session,
                expected_version=form.cleaned_data["version"],
                **form.session_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {**SESSION_FIELD_MAP, "version": NON_FIELD_ERRORS})
            if "version" in getattr(exc, "error_dict", {}):
                # Saving again, knowingly, replaces the newer session.
                session.refresh_from_db(fields=["version"])
                data_again = request.POST.copy()
                data_again["version"] = str(session.version)
                form.data = data_again
        else:
            messages.success(request, "Session changed.")
            if form.time_note:
                messages.info(request, form.time_note)
            return redirect("contacts:history", public_id=young_person.public_id)
    return render(
        request,
        "contacts/session_form.html",
        {
            "form": form,
            "young_person": young_person,
            "session": session,
            "back_url": _history_url(young_person),
            "heading": "Change the session",
            "button": "Save changes",
        },
    )


RECORDED_MESSAGES = {
    SessionStatus.HELD: "Session recorded as held. It is now in the contacts.",
    SessionStatus.CANCELLED: "Session recorded as cancelled.",
    SessionStatus.DID_NOT_ATTEND: "Session recorded as not attended.",
}


@login_required
def session_record(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Record what happened at a planned session. Held makes it a contact; safe to resubmit."""
    session = _session_for_change(request, public_id)
    if session.status != SessionStatus.PLANNED and request.method != "POST":
        return _closed(request, session)
    young_person = session.agreement.young_person
    form = SessionRecordForm(
        request.POST or None,
        initial={"duration_minutes": session.duration_minutes},
        restricted=young_person.face_to_face_restricted,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = session_transition(actor=request.user, session=session, **form.transition_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc, {"occurred_at": "status"})
        else:
            messages.success(request, RECORDED_MESSAGES[SessionStatus(session.status)])
            return redirect("contacts:history", public_id=young_person.public_id)
    return render(
        request,
        "contacts/session_record.html",
        {"form": form, "young_person": young_person, "session": session, "back_url": _history_url(young_person)},
    )


@login_required
def my_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A mentor's planned sessions across their young people (a manager or DSL: the
    provider's), those waiting for a record of what happened first."""
    actor = actor_for(request.user)
    if actor is None or not can_list_sessions(actor):
        raise PermissionDenied("Your role has no list of sessions.")
    page = Paginator(sessions_planned(user=request.user), SESSIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    sessions = list(page)
    audit_list_read(actor=request.user, model=Session, public_ids=[s.public_id for s in sessions])  # R14
    return render(
        request,
        "contacts/my_sessions.html",
        {
            "title": "My sessions" if actor.has_role(Role.MENTOR) else "Upcoming sessions",
            "page": page,
            "to_record": [s for s in sessions if s.starts_at <= now],
            "coming": [s for s in sessions if s.starts_at > now],
            "can_change": actor.has_role(Role.MENTOR, Role.SERVICE_MANAGER),
            "can_have_feed": can_have_calendar_feed(actor),
        },
    )


@login_required
def volunteer_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A volunteer's sessions: the young person's initials and the session's details only."""
    if not can_list_joined_sessions(actor_for(request.user)):
        raise PermissionDenied("Only volunteers have a list of sessions they join.")
    joined = sessions_joined(user=request.user)
    page = Paginator(joined.filter(status=SessionStatus.PLANNED), SESSIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    earlier = list(joined.exclude(status=SessionStatus.PLANNED).order_by("-starts_at", "-pk")[:NOT_HELD_SHOWN])
    # One event for both lists on the page (R14).
    audit_list_read(
        actor=request.user, model=Session, public_ids=[s.public_id for s in page] + [s.public_id for s in earlier]
    )
    return render(request, "contacts/volunteer_sessions.html", {"page": page, "earlier": earlier})


# --- Calendar feed -----------------------------------------------------------------


@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create, reset or turn off the private calendar feed. A new address is shown once."""
    if not can_have_calendar_feed(actor_for(request.user)):
        raise PermissionDenied("Only mentors and volunteers have a calendar feed of their sessions.")
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            calendar_feed_stop(actor=request.user)
            messages.success(request, "Calendar feed turned off. Its address no longer works.")
            return redirect("contacts:calendar")
        _, token = calendar_feed_reset(actor=request.user)
        feed_url = request.build_absolute_uri(reverse("contacts:calendar_feed", args=[token]))
    feed = calendar_feed_for_user(user=request.user)
    return render(request, "contacts/calendar.html", {"feed": feed, "feed_url": feed_url})


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed at a secret address: no sign-in, no names (initials only)."""
    sessions = calendar_feed_sessions(token=token)
    response = HttpResponse(render_calendar(sessions), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
