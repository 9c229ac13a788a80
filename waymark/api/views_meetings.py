"""The ``meetings`` resource: PEPs, LAC reviews, Team Around the Child and other
planning meetings, with the provider's contribution. Same selectors, predicates and
services as the pages (ACCESS.md): hidden answers 404 (or a 400 "not found" for an
agreement named in the body), visible but not writable answers 403.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.agreements.models import IndividualAgreement
from waymark.agreements.selectors import agreement_get_for_user
from waymark.meetings.enums import MeetingAttendance, MeetingType
from waymark.meetings.models import Meeting
from waymark.meetings.permissions import can_write_meetings
from waymark.meetings.selectors import meeting_get_for_user, meeting_list_visible_to, meeting_open
from waymark.meetings.services import meeting_record, meeting_update
from waymark.organisations.access import actor_for

from .serializers_meetings import MeetingCreateSerializer, MeetingSerializer, MeetingWriteSerializer
from .views import PUBLIC_ID, ApiViewSet

TAGS = ["meetings"]
WRITE_REFUSED = "Only the young person's mentor or the service manager can record meetings."


class MeetingFilter(django_filters.FilterSet):  # type: ignore[misc]
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
        request=MeetingWriteSerializer,
        responses=MeetingSerializer,
        tags=TAGS,
    ),
    partial_update=extend_schema(
        summary="Change some of a meeting's details or contribution",
        parameters=[PUBLIC_ID],
        request=MeetingWriteSerializer,
        responses=MeetingSerializer,
        tags=TAGS,
    ),
)
class MeetingViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = MeetingSerializer
    input_serializers = {
        "create": MeetingCreateSerializer,
        "update": MeetingWriteSerializer,
        "partial_update": MeetingWriteSerializer,
    }
    filterset_class = MeetingFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return meeting_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(meeting_open(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_named(request, data.pop("agreement"))
        if not can_write_meetings(actor_for(request.user), agreement):
            raise PermissionDenied(WRITE_REFUSED)
        meeting = meeting_record(actor=request.user, agreement=agreement, **data)  # type: ignore[arg-type]
        return self.output(meeting_get_for_user(user=request.user, public_id=meeting.public_id), code=201)

    def update(self, request: Request, public_id: str) -> Response:
        return self._change(request, public_id, partial=False)

    def partial_update(self, request: Request, public_id: str) -> Response:
        return self._change(request, public_id, partial=True)

    def _change(self, request: Request, public_id: str, *, partial: bool) -> Response:
        meeting = meeting_get_for_user(user=request.user, public_id=public_id, write=True)
        serializer = self.get_serializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        meeting_update(actor=request.user, meeting=meeting, data=dict(serializer.validated_data))  # type: ignore[arg-type]
        return self.output(meeting_get_for_user(user=request.user, public_id=public_id))
