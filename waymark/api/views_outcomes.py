"""The API for outcomes, indicators, missing episodes, measures, qualifications and
destinations: thin views over ``waymark.outcomes`` selectors and services, under the
same access rules as the Progress pages.

A record the user may not see answers 404 (a hidden agreement or outcome named in the
request body: a 400 "not found" on that field); one they may read but not record
answers 403; impossible values answer 400 with field errors.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.agreements.models import IndividualAgreement
from waymark.outcomes import selectors as sel
from waymark.outcomes import services
from waymark.outcomes.enums import IndicatorKind, MeasureKind
from waymark.outcomes.models import Outcome

from . import serializers_outcomes as s
from .views import PUBLIC_ID, ApiViewSet, _not_found

TAG = "progress"


def _agreement_for_writing(request: Request, public_id: Any) -> IndividualAgreement:
    """The agreement named in the body: 400 when hidden, 403 when read-only."""
    try:
        sel.progress_agreement_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise _not_found("agreement", "agreement") from exc
    return sel.progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)


def _outcome_for_writing(request: Request, public_id: Any) -> Outcome:
    try:
        sel.outcome_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise _not_found("outcome", "outcome") from exc
    return sel.outcome_get_for_user(user=request.user, public_id=public_id, write=True)


class _AgreementRecordFilter(django_filters.FilterSet):  # type: ignore[misc]
    agreement = django_filters.UUIDFilter(field_name="agreement__public_id", help_text=s.AGREEMENT_HELP)
    young_person = django_filters.UUIDFilter(
        field_name="agreement__young_person__public_id", help_text="The public id of the young person."
    )


class OutcomeFilter(django_filters.FilterSet):  # type: ignore[misc]
    agreement = django_filters.UUIDFilter(field_name="order_form__agreement__public_id", help_text=s.AGREEMENT_HELP)
    young_person = django_filters.UUIDFilter(
        field_name="order_form__young_person__public_id", help_text="The public id of the young person."
    )


class OutcomeReviewFilter(django_filters.FilterSet):  # type: ignore[misc]
    outcome = django_filters.UUIDFilter(field_name="outcome__public_id", help_text="The public id of the outcome.")


class IndicatorReadingFilter(_AgreementRecordFilter):
    indicator = django_filters.ChoiceFilter(field_name="kind", choices=IndicatorKind.choices)


class MeasureFilter(_AgreementRecordFilter):
    measure = django_filters.ChoiceFilter(field_name="kind", choices=MeasureKind.choices)


# --- Outcomes and reviews ----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Individual outcomes you may read, each with its reviews", tags=[TAG]),
    retrieve=extend_schema(summary="One outcome with its reviews", parameters=[PUBLIC_ID], tags=[TAG]),
)
class OutcomeViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.OutcomeSerializer
    filterset_class = OutcomeFilter

    def get_queryset(self) -> Any:
        return sel.outcome_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.outcome_get_for_user(user=request.user, public_id=public_id))


@extend_schema_view(
    list=extend_schema(summary="Outcome reviews you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One outcome review", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Review an outcome: a 0–10 rating with its evidence (mentor or service manager)",
        request=s.OutcomeReviewCreateSerializer,
        responses={201: s.OutcomeReviewSerializer},
        tags=[TAG],
    ),
)
class OutcomeReviewViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.OutcomeReviewSerializer
    input_serializers = {"create": s.OutcomeReviewCreateSerializer}
    filterset_class = OutcomeReviewFilter

    def get_queryset(self) -> Any:
        return sel.outcome_review_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.outcome_review_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        outcome = _outcome_for_writing(request, data.pop("outcome"))
        review = services.outcome_review_add(actor=request.user, outcome=outcome, **data)  # type: ignore[arg-type]
        return self.output(sel.outcome_review_get_for_user(user=request.user, public_id=review.public_id), code=201)


# --- Records of an agreement --------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Indicator readings you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One indicator reading", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record an indicator reading with its date and source (mentor or service manager)",
        request=s.IndicatorReadingCreateSerializer,
        responses={201: s.IndicatorReadingSerializer},
        tags=[TAG],
    ),
)
class IndicatorReadingViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.IndicatorReadingSerializer
    input_serializers = {"create": s.IndicatorReadingCreateSerializer}
    filterset_class = IndicatorReadingFilter

    def get_queryset(self) -> Any:
        return sel.indicator_reading_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.indicator_reading_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        reading = services.indicator_record(
            actor=request.user,  # type: ignore[arg-type]
            agreement=agreement,
            kind=data.pop("indicator"),
            **data,
        )
        return self.output(sel.indicator_reading_get_for_user(user=request.user, public_id=reading.public_id), code=201)


@extend_schema_view(
    list=extend_schema(summary="Missing episodes (SSDA903) you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One missing episode", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record a missing episode; episodes never overlap (mentor or service manager)",
        request=s.MissingEpisodeCreateSerializer,
        responses={201: s.MissingEpisodeSerializer},
        tags=[TAG],
    ),
    close=extend_schema(
        summary="End an open missing episode, with the return home interview (mentor or service manager)",
        parameters=[PUBLIC_ID],
        request=s.MissingEpisodeCloseSerializer,
        responses=s.MissingEpisodeSerializer,
        tags=[TAG],
    ),
)
class MissingEpisodeViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.MissingEpisodeSerializer
    input_serializers = {"create": s.MissingEpisodeCreateSerializer, "close": s.MissingEpisodeCloseSerializer}
    filterset_class = _AgreementRecordFilter

    def get_queryset(self) -> Any:
        return sel.missing_episode_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.missing_episode_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        episode = services.missing_episode_record(actor=request.user, agreement=agreement, **data)  # type: ignore[arg-type]
        return self.output(sel.missing_episode_get_for_user(user=request.user, public_id=episode.public_id), code=201)

    @action(detail=True, methods=["post"])
    def close(self, request: Request, public_id: str) -> Response:
        episode = sel.missing_episode_get_for_user(user=request.user, public_id=public_id, write=True)
        data = self.validated(request)
        services.missing_episode_close(actor=request.user, episode=episode, **data)  # type: ignore[arg-type]
        return self.output(sel.missing_episode_get_for_user(user=request.user, public_id=public_id))


@extend_schema_view(
    list=extend_schema(summary="Questionnaire results (SWEMWBS, Rosenberg, ONS4, SDQ) you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One questionnaire result", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record a completed questionnaire; it is scored and banded (mentor or service manager)",
        request=s.MeasureCreateSerializer,
        responses={201: s.MeasureSerializer},
        tags=[TAG],
    ),
)
class MeasureViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.MeasureSerializer
    input_serializers = {"create": s.MeasureCreateSerializer}
    filterset_class = MeasureFilter

    def get_queryset(self) -> Any:
        return sel.measure_result_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.measure_result_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        result = services.measure_record(
            actor=request.user,  # type: ignore[arg-type]
            agreement=agreement,
            kind=data.pop("measure"),
            **data,
        )
        return self.output(sel.measure_result_get_for_user(user=request.user, public_id=result.public_id), code=201)


@extend_schema_view(
    list=extend_schema(summary="Qualifications you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One qualification", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record a qualification achieved (mentor or service manager)",
        request=s.QualificationCreateSerializer,
        responses={201: s.QualificationSerializer},
        tags=[TAG],
    ),
)
class QualificationViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.QualificationSerializer
    input_serializers = {"create": s.QualificationCreateSerializer}
    filterset_class = _AgreementRecordFilter

    def get_queryset(self) -> Any:
        return sel.qualification_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.qualification_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        qualification = services.qualification_record(actor=request.user, agreement=agreement, **data)  # type: ignore[arg-type]
        return self.output(
            sel.qualification_get_for_user(user=request.user, public_id=qualification.public_id), code=201
        )


@extend_schema_view(
    list=extend_schema(summary="Post-16 destinations you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One post-16 destination", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record a post-16 destination as an NCCIS code; ACTIV and EET status are derived "
        "(mentor or service manager)",
        request=s.DestinationCreateSerializer,
        responses={201: s.DestinationSerializer},
        tags=[TAG],
    ),
)
class DestinationViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.DestinationSerializer
    input_serializers = {"create": s.DestinationCreateSerializer}
    filterset_class = _AgreementRecordFilter

    def get_queryset(self) -> Any:
        return sel.destination_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(sel.destination_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        destination = services.destination_record(actor=request.user, agreement=agreement, **data)  # type: ignore[arg-type]
        return self.output(sel.destination_get_for_user(user=request.user, public_id=destination.public_id), code=201)
