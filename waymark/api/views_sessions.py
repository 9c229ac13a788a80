"""Sessions in the API: planned contacts, closed only through ``session_transition``.

The same selectors and predicates as the pages: a session the user may not see answers
404; one they see but may not change answers 403.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.contacts.enums import SessionStatus
from waymark.contacts.permissions import can_plan_session
from waymark.contacts.selectors import provider_people_any_role, session_get_for_user, session_list_visible_to
from waymark.contacts.services import session_plan, session_transition
from waymark.organisations.access import actor_for

from . import serializers_sessions as s
from .views import PUBLIC_ID, ApiViewSet, _agreement_from_body, _deny_unless, _pick


class SessionFilter(django_filters.FilterSet):  # type: ignore[misc]
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices)
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")


@extend_schema_view(
    list=extend_schema(summary="Sessions you may read, soonest first", tags=["sessions"]),
    retrieve=extend_schema(summary="One session", parameters=[PUBLIC_ID], tags=["sessions"]),
    create=extend_schema(
        summary="Plan a session (the mentor assigned now, or the service manager)",
        request=s.SessionCreateSerializer,
        responses={201: s.SessionSerializer},
        tags=["sessions"],
    ),
    transition=extend_schema(
        summary="Record what happened at a planned session: held, cancelled or did not attend",
        parameters=[PUBLIC_ID],
        request=s.SessionTransitionSerializer,
        responses=s.SessionSerializer,
        tags=["sessions"],
    ),
)
class SessionViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.SessionSerializer
    input_serializers = {"create": s.SessionCreateSerializer, "transition": s.SessionTransitionSerializer}
    filterset_class = SessionFilter

    def get_queryset(self) -> QuerySet[Any]:
        return session_list_visible_to(user=self.request.user).order_by("starts_at", "pk")

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(session_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_from_body(request, data.pop("agreement"))
        _deny_unless(
            can_plan_session(actor_for(request.user), agreement),
            "Only the young person's mentor or the service manager can plan sessions.",
        )
        if data.get("volunteer") is not None:
            people = provider_people_any_role(provider_id=agreement.framework.provider_id)
            data["volunteer"] = _pick(people, data["volunteer"], "volunteer", "volunteer")
        session = session_plan(actor=request.user, agreement=agreement, **data)  # type: ignore[arg-type]
        return self.output(session_get_for_user(user=request.user, public_id=session.public_id), code=201)

    @action(detail=True, methods=["post"])
    def transition(self, request: Request, public_id: str) -> Response:
        session = session_get_for_user(user=request.user, public_id=public_id)
        _deny_unless(
            can_plan_session(actor_for(request.user), session.agreement),
            "Only the young person's mentor or the service manager can record sessions.",
        )
        data = self.validated(request)
        to = data.pop("status")
        session_transition(actor=request.user, session=session, to=to, **data)  # type: ignore[arg-type]
        return self.output(session_get_for_user(user=request.user, public_id=public_id))
