"""Serializers for the ``meetings`` resource. Input checks only; rules live in
``waymark.meetings.services``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from waymark.core.terms import school_term
from waymark.meetings.enums import MeetingAttendance, MeetingType
from waymark.meetings.models import Meeting
from waymark.meetings.services import MAX_TEXT

from .serializers import PersonRefSerializer


class TermSerializer(serializers.Serializer[Any]):
    # DRF collects fields from the class body, so "label" is a field here, whatever the stubs say.
    label = serializers.CharField(read_only=True, help_text='For example "Spring term 2027".')  # type: ignore[assignment]
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    young_person = serializers.UUIDField(source="agreement.young_person.public_id", read_only=True)
    author = PersonRefSerializer(read_only=True)
    term = serializers.SerializerMethodField(
        help_text="The school term of the meeting (DfE boundaries: autumn 1 Aug–31 Dec, spring 1 Jan–Easter "
        "Sunday, summer Easter Monday–31 Jul)."
    )

    class Meta:
        model = Meeting
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "meeting_type",
            "held_on",
            "term",
            "attendance",
            "engagement",
            "progress",
            "young_person_views",
            "recommended_actions",
            "author",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(TermSerializer)
    def get_term(self, meeting: Meeting) -> dict[str, Any]:
        return dict(TermSerializer(school_term(meeting.held_on)._asdict()).data)


def _text() -> serializers.CharField:
    # Left out of a PUT or POST: empty. Left out of a PATCH: unchanged (DRF applies no
    # defaults to partial updates).
    return serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True, default="")


class MeetingWriteSerializer(serializers.Serializer[Any]):
    """The fields of a meeting that can be written (all of them for PUT)."""

    meeting_type = serializers.ChoiceField(choices=MeetingType.choices)
    held_on = serializers.DateField(help_text="Not before the agreement started, nor more than a year ahead.")
    attendance = serializers.ChoiceField(
        choices=MeetingAttendance.choices,
        help_text='"written" needs at least one of the four contribution texts.',
    )
    engagement = _text()
    progress = _text()
    young_person_views = _text()
    recommended_actions = _text()


class MeetingCreateSerializer(MeetingWriteSerializer):
    agreement = serializers.UUIDField(help_text="The public id of the Individual Agreement.")
