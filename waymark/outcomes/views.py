"""Pages: a young person's Progress tab (distance travelled) and the forms that record
progress. Thin: selectors read, services write, ``progress.py`` lays the page out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from waymark.agreements.models import IndividualAgreement
from waymark.core.clock import local_today
from waymark.core.forms import add_service_errors
from waymark.organisations.access import actor_for
from waymark.organisations.http import AuthenticatedHttpRequest
from waymark.young_people.selectors import young_person_open

from . import measures
from .enums import IndicatorKind, MeasureKind
from .forms import (
    DestinationForm,
    IndicatorForm,
    MeasureForm,
    MissingEpisodeCloseForm,
    MissingEpisodeForm,
    OutcomeReviewForm,
    QualificationForm,
)
from .permissions import can_record_progress
from .progress import progress_page
from .scales import INDICATORS
from .selectors import (
    missing_episode_get_for_user,
    outcome_get_for_user,
    progress_agreement_get_for_user,
    progress_for_young_person,
)
from .services import (
    destination_record,
    indicator_record,
    measure_record,
    missing_episode_close,
    missing_episode_record,
    outcome_review_add,
    qualification_record,
)


@login_required
def progress(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Distance travelled: every outcome, indicator and measure over time as charts with
    their numbers in tables, missing episodes, qualifications and the latest destination.
    Opening it is audited (R14). A fixed number of queries whatever the history."""
    young_person = young_person_open(user=request.user, public_id=public_id)
    data = progress_for_young_person(user=request.user, young_person=young_person)
    current = data.current
    can_record = current is not None and can_record_progress(actor_for(request.user), current)
    context = {
        "young_person": young_person,
        "agreement": current,
        "has_agreement": bool(data.agreements),
        "page": progress_page(data, today=local_today()),
        "can_record": can_record,
        "indicator_kinds": IndicatorKind.choices,
        "measure_kinds": MeasureKind.choices,
        "swemwbs_attribution": measures.SWEMWBS_ATTRIBUTION,
    }
    return render(request, "outcomes/progress.html", context)


def _progress_url(agreement: IndividualAgreement, anchor: str) -> str:
    return f"{reverse('outcomes:progress', args=[agreement.young_person.public_id])}#{anchor}"


def _record_page(
    request: HttpRequest,
    *,
    agreement: IndividualAgreement,
    form: forms.Form,
    save: Callable[[dict[str, Any]], object],
    heading: str,
    anchor: str,
    done: str,
    intro: str = "",
    attribution: str = "",
    field_map: dict[str, str] | None = None,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` (a service) and go back to the
    Progress page, or show the service's errors on the form with the input kept."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc, field_map)
        else:
            messages.success(request, done)
            return redirect(_progress_url(agreement, anchor))
    context = {
        "form": form,
        "young_person": agreement.young_person,
        "heading": heading,
        "intro": intro,
        "attribution": attribution,
        "back_url": _progress_url(agreement, anchor),
    }
    return render(request, "outcomes/record_form.html", context)


def _actor(request: HttpRequest) -> Any:
    return request.user


@login_required
def review_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    outcome = outcome_get_for_user(user=request.user, public_id=public_id, write=True)
    agreement = outcome.order_form.agreement
    form = OutcomeReviewForm(request.POST or None)
    return _record_page(
        request,
        agreement=agreement,
        form=form,
        save=lambda data: outcome_review_add(actor=_actor(request), outcome=outcome, **data),
        heading="Review an outcome",
        intro=f"Outcome: {outcome.description}",
        anchor="outcomes",
        done="Outcome review saved.",
    )


@login_required
def indicator_new(request: AuthenticatedHttpRequest, public_id: UUID, kind: str) -> HttpResponse:
    spec = INDICATORS.get(kind)
    if spec is None:
        raise Http404("No such indicator.")
    agreement = progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)
    form = IndicatorForm(request.POST or None, spec=spec)
    return _record_page(
        request,
        agreement=agreement,
        form=form,
        save=lambda data: indicator_record(actor=_actor(request), agreement=agreement, kind=kind, **data),
        heading=f"Record {IndicatorKind(kind).label[0].lower()}{IndicatorKind(kind).label[1:]}",
        anchor="indicators",
        done="Reading saved.",
    )


@login_required
def missing_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)
    form = MissingEpisodeForm(request.POST or None)
    return _record_page(
        request,
        agreement=agreement,
        form=form,
        save=lambda data: missing_episode_record(actor=_actor(request), agreement=agreement, **data),
        heading="Record a missing episode",
        intro="Record every episode, however short. Episodes cannot overlap: an open episode runs until it is ended.",
        anchor="missing-episodes",
        done="Missing episode saved.",
    )


@login_required
def missing_close(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    episode = missing_episode_get_for_user(user=request.user, public_id=public_id, write=True)
    form = MissingEpisodeCloseForm(request.POST or None)
    return _record_page(
        request,
        agreement=episode.agreement,
        form=form,
        save=lambda data: missing_episode_close(actor=_actor(request), episode=episode, **data),
        heading="Record the end of a missing episode",
        intro=f"{episode.get_code_display()}, from {episode.start_date.day} {episode.start_date:%B %Y}.",
        anchor="missing-episodes",
        done="Missing episode ended.",
    )


@login_required
def measure_new(request: AuthenticatedHttpRequest, public_id: UUID, kind: str) -> HttpResponse:
    if kind not in MeasureKind.values:
        raise Http404("No such questionnaire.")
    agreement = progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)
    form = MeasureForm(request.POST or None, kind=kind)
    intros = {
        MeasureKind.SWEMWBS: "Enter the score the young person gave each of the seven statements, in the order "
        "of the form, from 1 (none of the time) to 5 (all of the time).",
        MeasureKind.ROSENBERG: "Rosenberg self-esteem scale (public domain). Record the young person's own answers.",
        MeasureKind.ONS4: "ONS personal wellbeing questions (Open Government Licence). Record the young person's own "
        "answers from 0 to 10.",
        MeasureKind.SDQ: "Enter the scores from the scored SDQ: the total difficulties score and any subscale "
        "scores you have. The SDQ's questions are not kept here.",
    }

    def save(data: dict[str, Any]) -> object:
        return measure_record(
            actor=_actor(request),
            agreement=agreement,
            kind=kind,
            completed_on=data["completed_on"],
            informant=data.get("informant"),
            items=form.items,
            scores=form.scores,
        )

    return _record_page(
        request,
        agreement=agreement,
        form=form,
        save=save,
        heading=f"Record {MeasureKind(kind).label}",
        intro=intros[MeasureKind(kind)],
        attribution=measures.SWEMWBS_ATTRIBUTION if kind == MeasureKind.SWEMWBS else "",
        anchor="measures",
        done="Questionnaire saved.",
        field_map={"scores": "__all__", "items": "__all__"},
    )


@login_required
def qualification_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)
    form = QualificationForm(request.POST or None)
    return _record_page(
        request,
        agreement=agreement,
        form=form,
        save=lambda data: qualification_record(actor=_actor(request), agreement=agreement, **data),
        heading="Record a qualification",
        anchor="qualifications",
        done="Qualification saved.",
    )


@login_required
def destination_new(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    agreement = progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)
    form = DestinationForm(request.POST or None)
    return _record_page(
        request,
        agreement=agreement,
        form=form,
        save=lambda data: destination_record(actor=_actor(request), agreement=agreement, **data),
        heading="Record a post-16 destination",
        intro="Record the young person's current activity as an NCCIS code. The SSDA903 ACTIV code and whether they "
        "are in education, employment or training (EET) are worked out from it.",
        anchor="destination",
        done="Destination saved.",
    )
