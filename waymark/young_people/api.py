"""The API for young people's records: serializers (shape and input validation only)
and the viewset, thin over the selectors and services the pages use (docs/architecture.md).
A record the user may not see answers 404; one they may read but not change answers 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.core.api import (
    PUBLIC_ID,
    VERSION_RESPONSES,
    ApiViewSet,
    BoundedDatesMixin,
    OrganisationRefSerializer,
    conflict_on_stale_version,
    require_version,
    version_field,
)
from waymark.organisations.http import api_user

from .models import YoungPerson
from .selectors import young_person_get_for_user, young_person_list_visible_to, young_person_open
from .services import EDITABLE_FIELDS, YOUNG_PERSON_FIELDS, young_person_update


class YoungPersonSerializer(serializers.ModelSerializer[YoungPerson]):
    council = OrganisationRefSerializer(read_only=True)
    provider = OrganisationRefSerializer(read_only=True)
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = YoungPerson
        fields = [
            "public_id",
            "council",
            "provider",
            "display_name",
            *YOUNG_PERSON_FIELDS,
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class YoungPersonUpdateSerializer(BoundedDatesMixin, serializers.ModelSerializer[YoungPerson]):
    """The fields a service manager may correct; send only those that change, with the
    ``version`` you read. Without it the change answers 428; if someone changed the record
    since you read it, 409, and nothing is saved."""

    version = version_field()

    class Meta:
        model = YoungPerson
        fields = [*EDITABLE_FIELDS, "version"]
        extra_kwargs = {name: {"required": False} for name in EDITABLE_FIELDS}


@extend_schema_view(
    list=extend_schema(summary="Young people you may read", tags=["young people"]),
    retrieve=extend_schema(
        summary="One young person's record (the read is audited)", parameters=[PUBLIC_ID], tags=["young people"]
    ),
    partial_update=extend_schema(
        summary="Correct a young person's record (service manager of the provider)",
        parameters=[PUBLIC_ID],
        request=YoungPersonUpdateSerializer,
        responses={
            200: YoungPersonSerializer,
            **VERSION_RESPONSES,
        },
        tags=["young people"],
    ),
)
class YoungPersonViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = YoungPersonSerializer
    input_serializers = {"partial_update": YoungPersonUpdateSerializer}
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return young_person_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(young_person_open)

    def partial_update(self, request: Request, public_id: str) -> Response:
        young_person = young_person_get_for_user(user=request.user, public_id=public_id, write=True)
        require_version(request)
        data = self.validated(request)
        try:
            young_person = young_person_update(
                actor=api_user(request),
                young_person=young_person,
                data=data,
                expected_version=data.pop("version"),
            )
        except DjangoValidationError as exc:
            conflict_on_stale_version(exc)
        return self.output(young_person_get_for_user(user=request.user, public_id=young_person.public_id))
