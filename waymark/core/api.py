"""What every app's ``api.py`` shares, knowing no domain: the base viewset, the path
parameter for a public id, references to organisations and people, and the helpers that
answer a record named in the request body and a Django ``ValidationError`` as 400 field
errors.

The router, authentication, schema and error handler live in ``waymark.api``, which sits
above every app; the apps' serializers and viewsets live in each app's ``api.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Model, QuerySet
from django_filters.fields import IsoDateTimeField
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

from .bounds import check_date, check_datetime
from .forms import BoundedDateField as BoundedDateFormField

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


# --- Dates within bounds ----------------------------------------------------------
# Every date and time the API reads, in a body or a filter, uses these, so a date
# outside 1900 to 2100 or an offset beyond ±14:00 answers 400 on its field, never 500
# (``waymark.core.bounds``).


def _as_drf(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(list(exc.messages))


class BoundedDateField(serializers.DateField):
    default_validators = [check_date]


class BoundedDateTimeField(serializers.DateTimeField):
    def enforce_timezone(self, value: Any) -> Any:
        # Checked as sent, before converting it to London time (which may overflow).
        try:
            check_datetime(value)
        except DjangoValidationError as exc:
            raise _as_drf(exc) from exc
        return super().enforce_timezone(value)


class BoundedDatesMixin:
    """For a ModelSerializer: the model's date and datetime fields are bounded too."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: BoundedDateField,
        models.DateTimeField: BoundedDateTimeField,
    }


class BoundedIsoDateTimeFormField(IsoDateTimeField):  # type: ignore[misc]
    default_validators = [check_datetime]


class BoundedDateFilter(django_filters.DateFilter):  # type: ignore[misc]
    field_class = BoundedDateFormField


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):  # type: ignore[misc]
    field_class = BoundedIsoDateTimeFormField


class ApiFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """The base of every API FilterSet: filters generated from ``Meta.fields`` for dates
    and datetimes are bounded as well."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.DateField: {"filter_class": BoundedDateFilter},
        models.DateTimeField: {"filter_class": BoundedIsoDateTimeFilter},
    }


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
