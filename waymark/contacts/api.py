"""The API for contacts and sessions: serializers (shape and input validation only) and
viewsets, thin over the selectors and services the pages use (docs/architecture.md).

A contact or session the user may not see answers 404 (an agreement or person named in
the request body: a 400 "not found" on that field); one they see but may not change
answers 403. Sessions are planned contacts, closed only through ``session_transition``;
a session names its young person by public id and initials only, because volunteers
read the sessions they join (docs/access.md).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import IntegrityError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.agreements.api import agreement_from_body
from waymark.core.api import (
    PUBLIC_ID,
    ApiFilterSet,
    ApiViewSet,
    BoundedIsoDateTimeFilter,
    LocalDateTimeField,
    PersonRefSerializer,
    deny_unless,
    pick,
)
from waymark.organisations.access import actor_for
from waymark.organisations.http import api_user

from .enums import CancelledBy, ContactMode, ContactOutcome, Participant, SessionStatus
from .models import Contact, Session
from .permissions import can_log_contact, can_plan_session
from .selectors import (
    contact_get_for_user,
    contact_list_visible_to,
    provider_people_any_role,
    session_get_for_user,
    session_list_visible_to,
)
from .services import MAX_MINUTES, SESSION_MIN_MINUTES, contact_log, session_plan, session_transition

# --- Contacts -------------------------------------------------------------------------


class ContactSerializer(serializers.ModelSerializer[Contact]):
    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    young_person = serializers.UUIDField(source="agreement.young_person.public_id", read_only=True)
    author = PersonRefSerializer(read_only=True)
    participants = serializers.ListField(
        child=serializers.ChoiceField(choices=Participant.choices), read_only=True, help_text="Who took part."
    )
    is_evening = serializers.BooleanField(read_only=True, help_text="18:00 to 20:59 in London (R9).")
    is_late_evening = serializers.BooleanField(read_only=True, help_text="21:00 to 06:59 in London (R9).")
    is_weekend = serializers.BooleanField(read_only=True, help_text="Saturday or Sunday in London (R9).")
    volunteer = PersonRefSerializer(read_only=True, allow_null=True)
    staff_present = PersonRefSerializer(
        read_only=True, allow_null=True, help_text="The member of staff present when a volunteer took part (R5)."
    )

    class Meta:
        model = Contact
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "author",
            "occurred_at",
            "occurred_on",
            "mode",
            "outcome",
            "is_first_meeting",
            "duration_minutes",
            "location",
            "participants",
            "other_participants",
            "summary",
            "young_person_words",
            "next_steps",
            "is_evening",
            "is_late_evening",
            "is_weekend",
            "volunteer",
            "staff_present",
            "created_at",
        ]
        read_only_fields = fields


class ContactCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text="The public id of the Individual Agreement.")
    occurred_at = LocalDateTimeField()
    mode = serializers.ChoiceField(choices=ContactMode.choices)
    outcome = serializers.ChoiceField(choices=ContactOutcome.choices)
    is_first_meeting = serializers.BooleanField(default=False)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=12 * 60, required=False, allow_null=True)
    summary = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    submission_token = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="A fresh UUID per contact: sending the same one again returns the contact already logged "
        "instead of logging a second.",
    )
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    participants = serializers.ListField(
        child=serializers.ChoiceField(choices=Participant.choices), required=False, default=list, max_length=10
    )
    other_participants = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    young_person_words = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    next_steps = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    volunteer = serializers.UUIDField(
        required=False, allow_null=True, help_text="The public id of a volunteer of the provider who took part."
    )
    staff_present = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The public id of the mentor or service manager present: required when a volunteer took part (R5).",
    )


@extend_schema_view(
    list=extend_schema(summary="Contacts you may read, with their notes", tags=["contacts"]),
    retrieve=extend_schema(summary="One contact", parameters=[PUBLIC_ID], tags=["contacts"]),
    create=extend_schema(
        summary="Log a contact, attempted or made (the mentor assigned now, or the service manager)",
        request=ContactCreateSerializer,
        responses={201: ContactSerializer},
        tags=["contacts"],
    ),
)
class ContactViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = ContactSerializer
    input_serializers = {"create": ContactCreateSerializer}

    def get_queryset(self) -> QuerySet[Any]:
        return contact_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(contact_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = agreement_from_body(request, data.pop("agreement"))
        deny_unless(
            can_log_contact(actor_for(request.user), agreement),
            "Only the young person's mentor or the service manager can log contacts.",
        )
        provider_id = agreement.framework.provider_id
        for field in ("volunteer", "staff_present"):
            if data.get(field) is not None:
                data[field] = pick(provider_people_any_role(provider_id=provider_id), data[field], field, "person")
        try:
            contact = contact_log(actor=api_user(request), agreement=agreement, **data)
        except IntegrityError as exc:  # the submission token was used for another agreement
            raise ValidationError({"submission_token": ["This submission token has already been used."]}) from exc
        # A resubmission (same token) returns the contact already logged, with the same answer.
        return self.output(contact_get_for_user(user=request.user, public_id=contact.public_id), code=201)


# --- Sessions -------------------------------------------------------------------------


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
    starts_at = LocalDateTimeField(help_text="In the future: a session in the past cannot be planned.")
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
    occurred_at = LocalDateTimeField(
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


class SessionFilter(ApiFilterSet):
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices)
    starts_after = BoundedIsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = BoundedIsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")


@extend_schema_view(
    list=extend_schema(summary="Sessions you may read, soonest first", tags=["sessions"]),
    retrieve=extend_schema(summary="One session", parameters=[PUBLIC_ID], tags=["sessions"]),
    create=extend_schema(
        summary="Plan a session (the mentor assigned now, or the service manager)",
        request=SessionCreateSerializer,
        responses={201: SessionSerializer},
        tags=["sessions"],
    ),
    transition=extend_schema(
        summary="Record what happened at a planned session: held, cancelled or did not attend",
        parameters=[PUBLIC_ID],
        request=SessionTransitionSerializer,
        responses=SessionSerializer,
        tags=["sessions"],
    ),
)
class SessionViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = SessionSerializer
    input_serializers = {"create": SessionCreateSerializer, "transition": SessionTransitionSerializer}
    filterset_class = SessionFilter

    def get_queryset(self) -> QuerySet[Any]:
        return session_list_visible_to(user=self.request.user).order_by("starts_at", "pk")

    fetch_one = staticmethod(session_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = agreement_from_body(request, data.pop("agreement"))
        deny_unless(
            can_plan_session(actor_for(request.user), agreement),
            "Only the young person's mentor or the service manager can plan sessions.",
        )
        if data.get("volunteer") is not None:
            people = provider_people_any_role(provider_id=agreement.framework.provider_id)
            data["volunteer"] = pick(people, data["volunteer"], "volunteer", "volunteer")
        session = session_plan(actor=api_user(request), agreement=agreement, **data)
        return self.output(session_get_for_user(user=request.user, public_id=session.public_id), code=201)

    @action(detail=True, methods=["post"])
    def transition(self, request: Request, public_id: str) -> Response:
        session = session_get_for_user(user=request.user, public_id=public_id)
        deny_unless(
            can_plan_session(actor_for(request.user), session.agreement),
            "Only the young person's mentor or the service manager can record sessions.",
        )
        data = self.validated(request)
        to = data.pop("status")
        session_transition(actor=api_user(request), session=session, to=to, **data)
        return self.output(session_get_for_user(user=request.user, public_id=public_id))
