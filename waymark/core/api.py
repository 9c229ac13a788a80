"""What every app's ``api.py`` shares, knowing no domain: the base viewset, the path
parameter for a public id, references to organisations and people, and the helpers that
answer a record named in the request body and a Django ``ValidationError`` as 400 field
errors.

The router, authentication, schema and error handler live in ``waymark.api``, which sits
above every app; the apps' serializers and viewsets live in each app's ``api.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.settings import api_settings

from .clock import local_moment

UUID_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
PUBLIC_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The record's public id."
)


# --- Errors -----------------------------------------------------------------------


def validation_error_detail(exc: DjangoValidationError, *, nest: dict[str, str] | None = None) -> dict[str, Any]:
    """``{field: [messages]}`` for a Django ValidationError; non-field messages under
    ``non_field_errors``. ``nest`` maps a field name to a parent key, so a nested
    object's errors come out as ``{parent: {field: [messages]}}``."""
    non_field_key = api_settings.NON_FIELD_ERRORS_KEY
    if not hasattr(exc, "error_dict"):
        return {non_field_key: list(exc.messages)}
    detail: dict[str, Any] = {}
    for field, messages in exc.message_dict.items():
        key = non_field_key if field == NON_FIELD_ERRORS else field
        parent = (nest or {}).get(key)
        if parent is not None:
            detail.setdefault(parent, {})[key] = list(messages)
        else:
            detail.setdefault(key, []).extend(messages)
    return detail


def not_found(field: str, what: str) -> ValidationError:
    """The 400 for a record named in the request body that the user may not see."""
    return ValidationError({field: [f"No {what} with this id was found."]})


def pick(qs: QuerySet[Any], public_id: UUID, field: str, what: str) -> Any:
    """One row of a selector's queryset named in the request body, or a 400 on ``field``."""
    found = qs.filter(public_id=public_id).first()
    if found is None:
        raise not_found(field, what)
    return found


def deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- Viewsets ---------------------------------------------------------------------


class ApiViewSet(viewsets.GenericViewSet[Any]):
    """Records named by their public id; querysets from the selectors only."""

    lookup_field = "public_id"
    lookup_value_regex = UUID_PATTERN
    filter_backends = [DjangoFilterBackend]
    # JSON in and out. The interactive docs are Swagger UI at /api/v1/docs/; DRF's browsable
    # API is left out because its pages carry inline styles the CSP forbids.
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    # Per action: the serializer that reads the request body; output uses serializer_class.
    input_serializers: dict[str, type[BaseSerializer[Any]]] = {}
    # The app's selector for one record: ``fetch_one(user=..., public_id=...)``. It answers
    # 404 for a record outside the user's scope (with the record's own name) and audits
    # the reads that must be audited; the list's filters do not apply to it.
    fetch_one: Callable[..., Model] | None = None

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return self.input_serializers.get(self.action, self.serializer_class)  # type: ignore[return-value]

    def retrieve(self, request: Request, public_id: str) -> Response:
        if self.fetch_one is None:
            raise TypeError(f"{type(self).__name__} names no fetch_one selector.")
        return self.output(type(self).fetch_one(user=request.user, public_id=public_id))  # type: ignore[misc]

    def validated(self, request: Request) -> dict[str, Any]:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def output(
        self, instance: Model, *, serializer: type[BaseSerializer[Any]] | None = None, code: int = 200
    ) -> Response:
        klass = serializer or self.serializer_class
        if klass is None:
            raise TypeError(f"{type(self).__name__} names no serializer_class.")
        return Response(klass(instance, context=self.get_serializer_context()).data, status=code)


# --- References to other records ----------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer[Any]):
    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonRefSerializer(serializers.Serializer[Any]):
    """A member of staff: their public id and the name they go by."""

    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)


LOCAL_TIME_HELP = (
    "A time without an offset is UK clock time: one the clocks skip when they go forward "
    "(for example 01:30 on 29 March 2026) is refused, and one that happens twice when they "
    "go back (01:30 on 25 October 2026) is taken as the first, before the clocks went back."
)


class LocalDateTimeField(serializers.DateTimeField):
    """A date and time that may be sent without an offset, as UK clock time.

    ``waymark.core.clock.local_moment`` turns it into an aware datetime, as on the forms:
    a time the clocks skipped answers 400 with a message saying what to enter instead.
    """

    def __init__(self, **kwargs: Any) -> None:
        help_text = kwargs.pop("help_text", "")
        kwargs["help_text"] = f"{help_text} {LOCAL_TIME_HELP}".strip()
        super().__init__(**kwargs)

    def enforce_timezone(self, value: datetime) -> datetime:
        if timezone.is_naive(value):
            try:
                return local_moment(value)
            except DjangoValidationError as exc:
                raise ValidationError(exc.messages) from exc
        result: datetime = super().enforce_timezone(value)
        return result
