"""Sessions in the API: their shape and input validation only (no rules: see
``waymark.contacts.services``). A session names its young person by public id and
initials only, because volunteers read the sessions they join (ACCESS.md)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from waymark.contacts.enums import CancelledBy, ContactMode, Participant, SessionStatus
from waymark.contacts.models import Session
from waymark.contacts.services import MAX_MINUTES, SESSION_MIN_MINUTES

from .serializers import PersonRefSerializer


class YoungPersonInitialsSerializer(serializers.Serializer[Any]):
    public_id = serializers.UUIDField(read_only=True)
    initials = serializers.CharField(read_only=True)


class SessionSerializer(serializers.ModelSerializer[Session]):
    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    young_person = YoungPersonInitialsSerializer(source="agreement.young_person", read_only=True)
    mentor = PersonRefSerializer(read_only=True, help_text="Leads the session; the member of staff present (R5).")
    volunteer = PersonRefSerializer(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=SessionStatus.choices, read_only=True)
    contact = serializers.UUIDField(
        source="contact.public_id", read_only=True, allow_null=True, help_text="The contact a held session became."
    )

    class Meta:
        model = Session
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "mentor",
            "volunteer",
            "starts_at",
            "duration_minutes",
            "location",
            "purpose",
            "status",
            "cancelled_by",
            "status_note",
            "contact",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SessionCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text="The public id of the Individual Agreement.")
    starts_at = serializers.DateTimeField(help_text="In the future: a session in the past cannot be planned.")
    duration_minutes = serializers.IntegerField(min_value=SESSION_MIN_MINUTES, max_value=MAX_MINUTES, default=60)
    location = serializers.CharField(max_length=200, help_text="Shown in calendar feeds: no names.")
    purpose = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    volunteer = serializers.UUIDField(
        required=False, allow_null=True, help_text="The public id of a volunteer of the provider joining the session."
    )


class SessionTransitionSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in SessionStatus if s != SessionStatus.PLANNED],
        help_text="What happened. Held logs a made contact; did not attend logs none; cancelled needs cancelled_by.",
    )
    cancelled_by = serializers.ChoiceField(choices=CancelledBy.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    mode = serializers.ChoiceField(
        choices=ContactMode.choices, required=False, allow_blank=True, default="", help_text="Required when held."
    )
    occurred_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When it was held; the planned start unless given."
    )
    duration_minutes = serializers.IntegerField(
        min_value=1,
        max_value=MAX_MINUTES,
        required=False,
        allow_null=True,
        help_text="The planned length unless given.",
    )
    location = serializers.CharField(
        max_length=200, required=False, allow_null=True, help_text="The planned place unless given."
    )
    summary = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    participants = serializers.ListField(
        child=serializers.ChoiceField(choices=Participant.choices),
        required=False,
        allow_null=True,
        max_length=10,
        help_text="The young person unless given.",
    )
    other_participants = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    young_person_words = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    next_steps = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    is_first_meeting = serializers.BooleanField(default=False)
    submission_token = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="A fresh UUID per attempt: sending the same one again for a held session changes nothing.",
    )
