"""Serializers for outcomes, indicators, missing episodes, measures, qualifications and
destinations: shapes and types only. The rules (ranges, dates, overlaps, scoring) live
in ``waymark.outcomes.services`` and come back as 400 field errors.

Every related value read here is loaded by the selector that built the queryset, so a
list costs the same number of queries whatever its length.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from waymark.outcomes import nccis
from waymark.outcomes.enums import IndicatorKind, IndicatorSource, Informant, MeasureKind, MissingCode
from waymark.outcomes.models import (
    Destination,
    IndicatorReading,
    MeasureResult,
    MissingEpisode,
    Outcome,
    OutcomeReview,
    Qualification,
)

from .serializers import PersonRefSerializer

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
    reviewed_on = serializers.DateField(help_text="Not in the future, not before the agreement started.")
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
    recorded_on = serializers.DateField()
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
    start_date = serializers.DateField()
    end_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Null while the young person is still missing."
    )
    return_interview_offered = serializers.BooleanField(required=False, allow_null=True, default=None)
    return_interview_accepted = serializers.BooleanField(required=False, allow_null=True, default=None)
    source = serializers.ChoiceField(choices=IndicatorSource.choices)  # type: ignore[assignment]
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MissingEpisodeCloseSerializer(serializers.Serializer[Any]):
    end_date = serializers.DateField()
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
    completed_on = serializers.DateField()
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
    achieved_on = serializers.DateField()


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
    recorded_on = serializers.DateField()
    nccis_code = serializers.CharField(max_length=10, help_text="An NCCIS current-activity code, e.g. 230.")
    full_time = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Required where the ACTIV code depends on hours (higher education, apprenticeships, jobs, training).",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
