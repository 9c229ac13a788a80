"""The API for outcomes, indicators, missing episodes, measures, qualifications and
destinations: serializers for shapes and types only, and thin viewsets over the
``waymark.outcomes`` selectors and services, under the same access rules as the Progress
pages. The rules (ranges, dates, overlaps, scoring) live in the services.

A record the user may not see answers 404 (a hidden agreement or outcome named in the
request body: a 400 "not found" on that field); one they may read but not record
answers 403; impossible values answer 400 with field errors. Every related value read
here is loaded by the selector that built the queryset, so a list costs the same number
of queries whatever its length.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.agreements.models import IndividualAgreement
from waymark.core.api import PUBLIC_ID, ApiFilterSet, ApiViewSet, BoundedDateField, PersonRefSerializer, not_found
from waymark.organisations.http import api_user

from . import nccis, services
from . import selectors as sel
from .enums import IndicatorKind, IndicatorSource, Informant, MeasureKind, MissingCode
from .models import (
    Destination,
    IndicatorReading,
    MeasureResult,
    MissingEpisode,
    Outcome,
    OutcomeReview,
    Qualification,
)

AGREEMENT_HELP = "The public id of the Individual Agreement."


class _AgreementRecordSerializer(serializers.ModelSerializer[Any]):
    """The agreement, young person and author of a record that belongs to an agreement."""

    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    young_person = serializers.UUIDField(source="agreement.young_person.public_id", read_only=True)
    author = PersonRefSerializer(read_only=True)


# --- Outcomes and reviews --------------------------------------------------------------


class OutcomeReviewSerializer(serializers.ModelSerializer[OutcomeReview]):
    outcome = serializers.UUIDField(source="outcome.public_id", read_only=True)
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = OutcomeReview
        fields = ["public_id", "outcome", "reviewed_on", "rating", "evidence", "author", "created_at"]
        read_only_fields = fields


class OutcomeReviewNestedSerializer(serializers.ModelSerializer[OutcomeReview]):
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = OutcomeReview
        fields = ["public_id", "reviewed_on", "rating", "evidence", "author", "created_at"]
        read_only_fields = fields


class OutcomeSerializer(serializers.ModelSerializer[Outcome]):
    agreement = serializers.UUIDField(source="order_form.agreement.public_id", read_only=True)
    young_person = serializers.UUIDField(source="order_form.young_person.public_id", read_only=True)
    reviews = OutcomeReviewNestedSerializer(many=True, read_only=True, help_text="Oldest first.")

    class Meta:
        model = Outcome
        fields = ["public_id", "agreement", "young_person", "description", "position", "reviews"]
        read_only_fields = fields


class OutcomeReviewCreateSerializer(serializers.Serializer[Any]):
    outcome = serializers.UUIDField(help_text="The public id of the outcome.")
    reviewed_on = BoundedDateField(help_text="Not in the future, not before the agreement started.")
    rating = serializers.IntegerField(help_text="From 0 (not achieved at all) to 10 (fully achieved).")
    evidence = serializers.CharField(max_length=4000, allow_blank=True, help_text="Required: what supports the rating.")


# --- Indicators ------------------------------------------------------------------------


class IndicatorReadingSerializer(_AgreementRecordSerializer):
    indicator = serializers.ChoiceField(source="kind", choices=IndicatorKind.choices, read_only=True)

    class Meta:
        model = IndicatorReading
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "indicator",
            "recorded_on",
            "value",
            "source",
            "note",
            "author",
            "created_at",
        ]
        read_only_fields = fields


class IndicatorReadingCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text=AGREEMENT_HELP)
    indicator = serializers.ChoiceField(choices=IndicatorKind.choices)
    recorded_on = BoundedDateField()
    value = serializers.DecimalField(
        max_digits=12,
        decimal_places=6,
        help_text="Attendance: a percentage 0–100. Suspensions, exclusions, placement moves: a whole number from 0. "
        "Key adults, resilience, problem behaviour: a rating 1–5.",
    )
    source = serializers.ChoiceField(choices=IndicatorSource.choices)  # type: ignore[assignment]
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


# --- Missing episodes ------------------------------------------------------------------


class MissingEpisodeSerializer(_AgreementRecordSerializer):
    class Meta:
        model = MissingEpisode
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "code",
            "start_date",
            "end_date",
            "return_interview_offered",
            "return_interview_accepted",
            "source",
            "note",
            "author",
            "created_at",
        ]
        read_only_fields = fields


class MissingEpisodeCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text=AGREEMENT_HELP)
    code = serializers.ChoiceField(choices=MissingCode.choices, help_text="SSDA903 MISSING code.")
    start_date = BoundedDateField()
    end_date = BoundedDateField(
        required=False, allow_null=True, default=None, help_text="Null while the young person is still missing."
    )
    return_interview_offered = serializers.BooleanField(required=False, allow_null=True, default=None)
    return_interview_accepted = serializers.BooleanField(required=False, allow_null=True, default=None)
    source = serializers.ChoiceField(choices=IndicatorSource.choices)  # type: ignore[assignment]
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MissingEpisodeCloseSerializer(serializers.Serializer[Any]):
    end_date = BoundedDateField()
    return_interview_offered = serializers.BooleanField(required=False, allow_null=True, default=None)
    return_interview_accepted = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- Measures --------------------------------------------------------------------------


class MeasureSerializer(_AgreementRecordSerializer):
    measure = serializers.ChoiceField(source="kind", choices=MeasureKind.choices, read_only=True)
    items = serializers.JSONField(read_only=True, help_text="Item answers in questionnaire order; empty for the SDQ.")
    subscores = serializers.JSONField(read_only=True, help_text="Subscale or question -> {score, band}.")

    class Meta:
        model = MeasureResult
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "measure",
            "completed_on",
            "informant",
            "items",
            "score",
            "subscores",
            "band",
            "author",
            "created_at",
        ]
        read_only_fields = fields


class MeasureCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text=AGREEMENT_HELP)
    measure = serializers.ChoiceField(choices=MeasureKind.choices)
    completed_on = BoundedDateField()
    informant = serializers.ChoiceField(
        choices=Informant.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Who completed it: required for the SDQ; SWEMWBS, Rosenberg and ONS4 are the young person's own.",
    )
    items = serializers.JSONField(
        required=False,
        allow_null=True,
        default=None,
        help_text="SWEMWBS: 7 whole numbers 1–5. Rosenberg: 10 answers SA, A, D or SD (UMD order). "
        "ONS4: 4 whole numbers 0–10 (life satisfaction, worthwhile, happiness, anxiety). Not for the SDQ.",
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="SDQ only: total (0–40, required) and any of emotional, conduct, hyperactivity, peer, "
        "prosocial (0–10).",
    )


# --- Qualifications and destinations -----------------------------------------------------


class QualificationSerializer(_AgreementRecordSerializer):
    class Meta:
        model = Qualification
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "title",
            "level",
            "grade",
            "awarding_body",
            "achieved_on",
            "author",
            "created_at",
        ]
        read_only_fields = fields


class QualificationCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text=AGREEMENT_HELP)
    title = serializers.CharField(max_length=200, allow_blank=True)
    level = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    grade = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    awarding_body = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    achieved_on = BoundedDateField()


class DestinationSerializer(_AgreementRecordSerializer):
    activity = serializers.SerializerMethodField()

    class Meta:
        model = Destination
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "recorded_on",
            "nccis_code",
            "activity",
            "activ_code",
            "eet_status",
            "note",
            "author",
            "created_at",
        ]
        read_only_fields = fields

    def get_activity(self, destination: Destination) -> str:
        """The NCCIS activity's description."""
        found = nccis.ACTIVITIES.get(destination.nccis_code)
        return found.label if found else ""


class DestinationCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text=AGREEMENT_HELP)
    recorded_on = BoundedDateField()
    nccis_code = serializers.CharField(max_length=10, help_text="An NCCIS current-activity code, e.g. 230.")
    full_time = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Required where the ACTIV code depends on hours (higher education, apprenticeships, jobs, training).",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


TAG = "progress"


def _agreement_for_writing(request: Request, public_id: Any) -> IndividualAgreement:
    """The agreement named in the body: 400 when hidden, 403 when read-only."""
    try:
        sel.progress_agreement_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise not_found("agreement", "agreement") from exc
    return sel.progress_agreement_get_for_user(user=request.user, public_id=public_id, write=True)


def _outcome_for_writing(request: Request, public_id: Any) -> Outcome:
    try:
        sel.outcome_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise not_found("outcome", "outcome") from exc
    return sel.outcome_get_for_user(user=request.user, public_id=public_id, write=True)


class _AgreementRecordFilter(ApiFilterSet):
    agreement = django_filters.UUIDFilter(field_name="agreement__public_id", help_text=AGREEMENT_HELP)
    young_person = django_filters.UUIDFilter(
        field_name="agreement__young_person__public_id", help_text="The public id of the young person."
    )


class OutcomeFilter(ApiFilterSet):
    agreement = django_filters.UUIDFilter(field_name="order_form__agreement__public_id", help_text=AGREEMENT_HELP)
    young_person = django_filters.UUIDFilter(
        field_name="order_form__young_person__public_id", help_text="The public id of the young person."
    )


class OutcomeReviewFilter(ApiFilterSet):
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
    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter

    def get_queryset(self) -> Any:
        return sel.outcome_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.outcome_get_for_user)


@extend_schema_view(
    list=extend_schema(summary="Outcome reviews you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One outcome review", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Review an outcome: a 0–10 rating with its evidence (mentor or service manager)",
        request=OutcomeReviewCreateSerializer,
        responses={201: OutcomeReviewSerializer},
        tags=[TAG],
    ),
)
class OutcomeReviewViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = OutcomeReviewSerializer
    input_serializers = {"create": OutcomeReviewCreateSerializer}
    filterset_class = OutcomeReviewFilter

    def get_queryset(self) -> Any:
        return sel.outcome_review_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.outcome_review_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        outcome = _outcome_for_writing(request, data.pop("outcome"))
        review = services.outcome_review_add(actor=api_user(request), outcome=outcome, **data)
        return self.output(sel.outcome_review_get_for_user(user=request.user, public_id=review.public_id), code=201)


# --- Records of an agreement --------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Indicator readings you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One indicator reading", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record an indicator reading with its date and source (mentor or service manager)",
        request=IndicatorReadingCreateSerializer,
        responses={201: IndicatorReadingSerializer},
        tags=[TAG],
    ),
)
class IndicatorReadingViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = IndicatorReadingSerializer
    input_serializers = {"create": IndicatorReadingCreateSerializer}
    filterset_class = IndicatorReadingFilter

    def get_queryset(self) -> Any:
        return sel.indicator_reading_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.indicator_reading_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        reading = services.indicator_record(
            actor=api_user(request),
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
        request=MissingEpisodeCreateSerializer,
        responses={201: MissingEpisodeSerializer},
        tags=[TAG],
    ),
    close=extend_schema(
        summary="End an open missing episode, with the return home interview (mentor or service manager)",
        parameters=[PUBLIC_ID],
        request=MissingEpisodeCloseSerializer,
        responses=MissingEpisodeSerializer,
        tags=[TAG],
    ),
)
class MissingEpisodeViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = MissingEpisodeSerializer
    input_serializers = {"create": MissingEpisodeCreateSerializer, "close": MissingEpisodeCloseSerializer}
    filterset_class = _AgreementRecordFilter

    def get_queryset(self) -> Any:
        return sel.missing_episode_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.missing_episode_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        episode = services.missing_episode_record(actor=api_user(request), agreement=agreement, **data)
        return self.output(sel.missing_episode_get_for_user(user=request.user, public_id=episode.public_id), code=201)

    @action(detail=True, methods=["post"])
    def close(self, request: Request, public_id: str) -> Response:
        episode = sel.missing_episode_get_for_user(user=request.user, public_id=public_id, write=True)
        data = self.validated(request)
        services.missing_episode_close(actor=api_user(request), episode=episode, **data)
        return self.output(sel.missing_episode_get_for_user(user=request.user, public_id=public_id))


@extend_schema_view(
    list=extend_schema(summary="Questionnaire results (SWEMWBS, Rosenberg, ONS4, SDQ) you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One questionnaire result", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record a completed questionnaire; it is scored and banded (mentor or service manager)",
        request=MeasureCreateSerializer,
        responses={201: MeasureSerializer},
        tags=[TAG],
    ),
)
class MeasureViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = MeasureSerializer
    input_serializers = {"create": MeasureCreateSerializer}
    filterset_class = MeasureFilter

    def get_queryset(self) -> Any:
        return sel.measure_result_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.measure_result_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        result = services.measure_record(
            actor=api_user(request),
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
        request=QualificationCreateSerializer,
        responses={201: QualificationSerializer},
        tags=[TAG],
    ),
)
class QualificationViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = QualificationSerializer
    input_serializers = {"create": QualificationCreateSerializer}
    filterset_class = _AgreementRecordFilter

    def get_queryset(self) -> Any:
        return sel.qualification_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.qualification_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        qualification = services.qualification_record(actor=api_user(request), agreement=agreement, **data)
        return self.output(
            sel.qualification_get_for_user(user=request.user, public_id=qualification.public_id), code=201
        )


@extend_schema_view(
    list=extend_schema(summary="Post-16 destinations you may read", tags=[TAG]),
    retrieve=extend_schema(summary="One post-16 destination", parameters=[PUBLIC_ID], tags=[TAG]),
    create=extend_schema(
        summary="Record a post-16 destination as an NCCIS code; ACTIV and EET status are derived "
        "(mentor or service manager)",
        request=DestinationCreateSerializer,
        responses={201: DestinationSerializer},
        tags=[TAG],
    ),
)
class DestinationViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = DestinationSerializer
    input_serializers = {"create": DestinationCreateSerializer}
    filterset_class = _AgreementRecordFilter

    def get_queryset(self) -> Any:
        return sel.destination_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(sel.destination_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_for_writing(request, data.pop("agreement"))
        destination = services.destination_record(actor=api_user(request), agreement=agreement, **data)
        return self.output(sel.destination_get_for_user(user=request.user, public_id=destination.public_id), code=201)
