"""Reading outcomes, indicators, measures and destinations through the user's scope.

One scope for every record type (``waymark.core.scoping.record_q``): the mentor assigned
now, the provider's service manager and DSL, the council's Virtual School officer.
Hidden records answer 404; visible ones that the user may not change answer 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, Q, QuerySet

from waymark.agreements.models import Assignment, IndividualAgreement
from waymark.core.lookups import get_visible_or_404
from waymark.core.scoping import record_q
from waymark.organisations.access import actor_for
from waymark.young_people.models import YoungPerson

from .models import Destination, IndicatorReading, MeasureResult, MissingEpisode, Outcome, OutcomeReview, Qualification
from .permissions import READ_COUNCIL_ROLES, READ_PROVIDER_ROLES, RECORD_DENIED, can_record_progress


def _scope(user: Any, *, young_person_path: str, agreement_path: str) -> Q | None:
    return record_q(
        actor_for(user),
        young_person_path=young_person_path,
        agreement_path=agreement_path,
        org_path="",
        provider_roles=READ_PROVIDER_ROLES,
        council_roles=READ_COUNCIL_ROLES,
    )


def _agreement_records(user: Any, model: type[Model]) -> QuerySet[Any]:
    """Rows of ``model`` (which has an ``agreement``) that ``user`` may read."""
    q = _scope(user, young_person_path="agreement__young_person", agreement_path="agreement")
    if q is None:
        return model._default_manager.none()
    return model._default_manager.filter(q).select_related("agreement__young_person", "author")


def _current_assignments() -> Prefetch:
    return Prefetch(
        "assignments", queryset=Assignment.objects.filter(ended_on__isnull=True), to_attr="current_assignments"
    )


# --- Agreements whose progress the user reads ------------------------------------------


def progress_agreement_list_visible_to(*, user: Any) -> QuerySet[IndividualAgreement]:
    """Individual Agreements whose outcomes and indicators ``user`` may read."""
    q = _scope(user, young_person_path="young_person", agreement_path="")
    if q is None:
        return IndividualAgreement.objects.none()
    return (
        IndividualAgreement.objects.filter(q)
        .select_related("young_person", "order_form")
        .prefetch_related(_current_assignments())
    )


def progress_agreement_get_for_user(*, user: Any, public_id: UUID | str, write: bool = False) -> IndividualAgreement:
    """One agreement, for reading its progress or (``write``) recording it: 404 when
    hidden from ``user``, 403 when they may read but not record."""
    agreement: IndividualAgreement = get_visible_or_404(
        progress_agreement_list_visible_to(user=user), public_id, "agreement"
    )
    if write and not can_record_progress(actor_for(user), agreement):
        raise PermissionDenied(RECORD_DENIED)
    return agreement


# --- Outcomes and their reviews -----------------------------------------------------------


def _reviews() -> Prefetch:
    return Prefetch("reviews", queryset=OutcomeReview.objects.select_related("author"))


def outcome_list_visible_to(*, user: Any) -> QuerySet[Outcome]:
    """The Order Form outcomes of agreements ``user`` may read, with their reviews."""
    q = _scope(user, young_person_path="order_form__young_person", agreement_path="order_form__agreement")
    if q is None:
        return Outcome.objects.none()
    return (
        Outcome.objects.filter(q, order_form__agreement__isnull=False)
        .select_related("order_form__agreement__young_person", "order_form__young_person")
        .prefetch_related(_reviews())
    )


def outcome_get_for_user(*, user: Any, public_id: UUID | str, write: bool = False) -> Outcome:
    outcome: Outcome = get_visible_or_404(outcome_list_visible_to(user=user), public_id, "outcome")
    if write:
        if not can_record_progress(actor_for(user), outcome.order_form.agreement):
            raise PermissionDenied(RECORD_DENIED)
    return outcome


def outcome_review_list_visible_to(*, user: Any) -> QuerySet[OutcomeReview]:
    q = _scope(
        user,
        young_person_path="outcome__order_form__young_person",
        agreement_path="outcome__order_form__agreement",
    )
    if q is None:
        return OutcomeReview.objects.none()
    return OutcomeReview.objects.filter(q).select_related(
        "outcome__order_form__agreement", "outcome__order_form__young_person", "author"
    )


def outcome_review_get_for_user(*, user: Any, public_id: UUID | str) -> OutcomeReview:
    return get_visible_or_404(outcome_review_list_visible_to(user=user), public_id, "outcome review")


# --- Records of an agreement ------------------------------------------------------------


def indicator_reading_list_visible_to(*, user: Any) -> QuerySet[IndicatorReading]:
    return _agreement_records(user, IndicatorReading)


def indicator_reading_get_for_user(*, user: Any, public_id: UUID | str) -> IndicatorReading:
    return get_visible_or_404(indicator_reading_list_visible_to(user=user), public_id, "indicator reading")


def missing_episode_list_visible_to(*, user: Any) -> QuerySet[MissingEpisode]:
    return _agreement_records(user, MissingEpisode)


def missing_episode_get_for_user(*, user: Any, public_id: UUID | str, write: bool = False) -> MissingEpisode:
    episode: MissingEpisode = get_visible_or_404(
        missing_episode_list_visible_to(user=user), public_id, "missing episode"
    )
    if write and not can_record_progress(actor_for(user), episode.agreement):
        raise PermissionDenied(RECORD_DENIED)
    return episode


def measure_result_list_visible_to(*, user: Any) -> QuerySet[MeasureResult]:
    return _agreement_records(user, MeasureResult)


def measure_result_get_for_user(*, user: Any, public_id: UUID | str) -> MeasureResult:
    return get_visible_or_404(measure_result_list_visible_to(user=user), public_id, "measure")


def qualification_list_visible_to(*, user: Any) -> QuerySet[Qualification]:
    return _agreement_records(user, Qualification)


def qualification_get_for_user(*, user: Any, public_id: UUID | str) -> Qualification:
    return get_visible_or_404(qualification_list_visible_to(user=user), public_id, "qualification")


def destination_list_visible_to(*, user: Any) -> QuerySet[Destination]:
    return _agreement_records(user, Destination)


def destination_get_for_user(*, user: Any, public_id: UUID | str) -> Destination:
    return get_visible_or_404(destination_list_visible_to(user=user), public_id, "destination")


# --- A young person's whole progress, in one query per record type ---------------------


@dataclass
class Progress:
    """Everything the user may read of one young person's progress, oldest first."""

    agreements: list[IndividualAgreement]
    outcomes: list[Outcome] = field(default_factory=list)
    readings: list[IndicatorReading] = field(default_factory=list)
    episodes: list[MissingEpisode] = field(default_factory=list)
    measures: list[MeasureResult] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    destinations: list[Destination] = field(default_factory=list)

    @property
    def current(self) -> IndividualAgreement | None:
        """The agreement new records go to: the latest active one."""
        return next((a for a in self.agreements if a.is_active), None)

    @property
    def latest_destination(self) -> Destination | None:
        return self.destinations[-1] if self.destinations else None


def progress_for_young_person(*, user: Any, young_person: YoungPerson) -> Progress:
    """One young person's outcomes, indicators, measures, missing episodes,
    qualifications and destinations as ``user`` may read them.

    A fixed number of queries however long the history: one per record type (and one
    for the outcomes' reviews).
    """
    agreements = list(
        progress_agreement_list_visible_to(user=user).filter(young_person=young_person).order_by("-start_date")
    )
    if not agreements:
        return Progress(agreements=[])
    mine = Q(agreement__young_person=young_person)
    return Progress(
        agreements=agreements,
        outcomes=list(
            outcome_list_visible_to(user=user)
            .filter(order_form__young_person=young_person)
            .order_by("order_form__received_on", "position", "pk")
        ),
        readings=list(indicator_reading_list_visible_to(user=user).filter(mine).order_by("kind", "recorded_on", "pk")),
        episodes=list(missing_episode_list_visible_to(user=user).filter(mine).order_by("start_date", "pk")),
        measures=list(
            measure_result_list_visible_to(user=user).filter(mine).order_by("kind", "informant", "completed_on", "pk")
        ),
        qualifications=list(qualification_list_visible_to(user=user).filter(mine).order_by("achieved_on", "pk")),
        destinations=list(destination_list_visible_to(user=user).filter(mine).order_by("recorded_on", "pk")),
    )
