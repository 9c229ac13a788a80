"""The API for meetings: PEPs, LAC reviews, Team Around the Child and other planning
meetings, with the provider's contribution. Serializers check input only (the rules live
in ``waymark.meetings.services``); the viewset uses the same selectors, predicates and
services as the pages (docs/access.md): hidden answers 404 (or a 400 "not found" for an
agreement named in the body), visible but not writable answers 403.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.agreements.models import IndividualAgreement
from waymark.agreements.selectors import agreement_get_for_user
from waymark.core.api import (
    PUBLIC_ID,
    VERSION_RESPONSES,
    ApiFilterSet,
    ApiViewSet,
    BoundedDateField,
    PersonRefSerializer,
    conflict_on_stale_version,
    require_version,
    version_field,
)
from waymark.core.terms import school_term
from waymark.organisations.access import actor_for
from waymark.organisations.http import api_user

from .enums import MeetingAttendance, MeetingType
from .models import Meeting
from .permissions import can_write_meetings
from .selectors import meeting_get_for_user, meeting_list_visible_to, meeting_open
from .services import MAX_TEXT, meeting_record, meeting_update


class TermSerializer(serializers.Serializer[Any]):
    # DRF collects fields from the class body, so "label" is a field here, whatever the stubs say.
    label = serializers.CharField(read_only=True, help_text='For example "Spring term 2027".')  # type: ignore[assignment]
    start = BoundedDateField(read_only=True)
    end = BoundedDateField(read_only=True)


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
            "version",
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
    held_on = BoundedDateField(help_text="Not before the agreement started, nor more than a year ahead.")
    attendance = serializers.ChoiceField(
        choices=MeetingAttendance.choices,
        help_text='"written" needs at least one of the four contribution texts.',
    )
    engagement = _text()
    progress = _text()
    young_person_views = _text()
    recommended_actions = _text()


class MeetingChangeSerializer(MeetingWriteSerializer):
    """A change names the ``version`` it was based on: without it 428, stale 409."""

    version = version_field()


class MeetingCreateSerializer(MeetingWriteSerializer):
    agreement = serializers.UUIDField(help_text="The public id of the Individual Agreement.")


TAGS = ["meetings"]
WRITE_REFUSED = "Only the young person's mentor or the service manager can record meetings."


class MeetingFilter(ApiFilterSet):
    young_person = django_filters.UUIDFilter(
        field_name="agreement__young_person__public_id", help_text="Only this young person's meetings."
    )
    agreement = django_filters.UUIDFilter(field_name="agreement__public_id", help_text="Only this agreement's.")
    meeting_type = django_filters.ChoiceFilter(choices=MeetingType.choices)
    attendance = django_filters.ChoiceFilter(choices=MeetingAttendance.choices)

    class Meta:
        model = Meeting
        fields: list[str] = []


def _agreement_named(request: Request, public_id: UUID) -> IndividualAgreement:
    try:
        return agreement_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise ValidationError({"agreement": ["No agreement with this id was found."]}) from exc


@extend_schema_view(
    list=extend_schema(summary="Meetings you may read, with our contributions", tags=TAGS),
    retrieve=extend_schema(summary="One meeting (the read is audited)", parameters=[PUBLIC_ID], tags=TAGS),
    create=extend_schema(
        summary="Record a meeting (the mentor assigned now, or the service manager)",
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer},
        tags=TAGS,
    ),
    update=extend_schema(
        summary="Replace a meeting's details and contribution",
        parameters=[PUBLIC_ID],
        request=MeetingChangeSerializer,
        responses={200: MeetingSerializer, **VERSION_RESPONSES},
        tags=TAGS,
    ),
    partial_update=extend_schema(
        summary="Change some of a meeting's details or contribution",
        parameters=[PUBLIC_ID],
        request=MeetingChangeSerializer,
        responses={200: MeetingSerializer, **VERSION_RESPONSES},
        tags=TAGS,
    ),
)
class MeetingViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = MeetingSerializer
    input_serializers = {
        "create": MeetingCreateSerializer,
        "update": MeetingChangeSerializer,
        "partial_update": MeetingChangeSerializer,
    }
    filterset_class = MeetingFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return meeting_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(meeting_open)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_named(request, data.pop("agreement"))
        if not can_write_meetings(actor_for(request.user), agreement):
            raise PermissionDenied(WRITE_REFUSED)
        meeting = meeting_record(actor=api_user(request), agreement=agreement, **data)
        return self.output(meeting_get_for_user(user=request.user, public_id=meeting.public_id), code=201)

    def update(self, request: Request, public_id: str) -> Response:
        return self._change(request, public_id, partial=False)

    def partial_update(self, request: Request, public_id: str) -> Response:
        return self._change(request, public_id, partial=True)

    def _change(self, request: Request, public_id: str, *, partial: bool) -> Response:
        meeting = meeting_get_for_user(user=request.user, public_id=public_id, write=True)
        require_version(request)
        serializer = self.get_serializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected_version = data.pop("version")
        try:
            meeting_update(actor=api_user(request), meeting=meeting, data=data, expected_version=expected_version)
        except DjangoValidationError as exc:
            conflict_on_stale_version(exc)
        return self.output(meeting_get_for_user(user=request.user, public_id=public_id))
