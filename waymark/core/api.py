"""What every app's ``api.py`` shares, knowing no domain: the base viewset, the path
parameter for a public id, references to organisations and people, and the helpers that
answer a record named in the request body and a Django ``ValidationError`` as 400 field
errors.

The router, authentication, schema and error handler live in ``waymark.api``, which sits
above every app; the apps' serializers and viewsets live in each app's ``api.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NoReturn, cast
from uuid import UUID

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.settings import api_settings

from .bounds import check_date, check_datetime
from .clock import local_moment
from .forms import BoundedDateField as BoundedDateFormField
from .models import IdempotencyKey
from .reads import record_list_read

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


# --- Idempotent creates ------------------------------------------------------------
# A client that retries a create (a timeout, a lost answer) sends the same
# ``Idempotency-Key`` header; the retry is answered with the first response, and no
# second row is made (R1: a contact logged once is counted once).

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_TTL = timedelta(hours=24)
# A first request still unanswered after this long is taken to have died.
IDEMPOTENCY_PENDING_TTL = timedelta(minutes=1)
IDEMPOTENCY_KEY_MAX = 255

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "A unique value per record you mean to create (a UUID), at most 255 characters. Send the same "
        "value when you retry: for 24 hours the first response is answered again and nothing is created "
        "twice. The same value with a different body answers 422."
    ),
)


class IdempotencyRefused(APIException):
    status_code = 422
    default_code = "idempotency_key_reused"


class IdempotencyInProgress(APIException):
    status_code = 409
    default_code = "idempotency_key_in_progress"
    default_detail = "A request with this Idempotency-Key is still being answered: try again in a moment."


class _Replay(Exception):
    def __init__(self, record: IdempotencyKey) -> None:
        self.record = record


def _body_hash(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class IdempotentCreateMixin:
    """For a viewset: its ``create`` honours the ``Idempotency-Key`` header.

    The first request with a key claims it (a row without a response), then stores its
    successful response; the same key and body again answers that response; the same key
    with another body answers 422; while the first is still running, 409. A failed
    create releases its key, so the client may retry with it. Keys expire after 24 hours.
    """

    idempotency_record: IdempotencyKey | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self.idempotency_record = None
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if getattr(self, "action", None) != "create" or key is None:
            return
        key = key.strip()
        if not key or len(key) > IDEMPOTENCY_KEY_MAX:
            raise ValidationError({IDEMPOTENCY_HEADER: ["Send an Idempotency-Key of 1 to 255 characters."]})
        self.idempotency_record = self._claim(request, key)

    def _claim(self, request: Request, key: str) -> IdempotencyKey:
        now = timezone.now()
        IdempotencyKey.objects.filter(created_at__lt=now - IDEMPOTENCY_TTL).delete()
        user_id = cast(int, request.user.pk)  # authenticated: ``initial`` checked the permissions first
        endpoint = f"{request.method} {request.path}"[:255]
        body_hash = _body_hash(request.data)
        found = IdempotencyKey.objects.filter(user_id=user_id, endpoint=endpoint, key=key).first()
        if found is not None and found.status_code is None and found.created_at < now - IDEMPOTENCY_PENDING_TTL:
            found.delete()
            found = None
        if found is None:
            try:
                with transaction.atomic():
                    return IdempotencyKey.objects.create(
                        user_id=user_id, endpoint=endpoint, key=key, body_hash=body_hash, created_at=now
                    )
            except IntegrityError:
                raise IdempotencyInProgress() from None
        if found.body_hash != body_hash:
            raise IdempotencyRefused(
                "This Idempotency-Key was already used with a different request body: send a new key for a new record."
            )
        if found.status_code is None:
            raise IdempotencyInProgress()
        raise _Replay(found)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, _Replay):
            return Response(exc.record.response_body, status=exc.record.status_code)
        return super().handle_exception(exc)  # type: ignore[misc,no-any-return]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        record, self.idempotency_record = self.idempotency_record, None
        if record is not None:
            if 200 <= response.status_code < 300:
                record.status_code = response.status_code
                record.response_body = response.data
                record.save(update_fields=["status_code", "response_body"])
            else:
                record.delete()
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]


class ApiAutoSchema(AutoSchema):
    """The schema of every viewset: creates document the ``Idempotency-Key`` header."""

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "action", None) == "create":
            parameters.append(IDEMPOTENCY_PARAMETER)
        return parameters


# --- Versions: no lost updates -------------------------------------------------------
# A change names the version of the record it was based on. Without it: 428 Precondition
# Required; based on an older version than the record's: 409 Conflict, and nothing is
# saved (the pages refuse it too, on the form). 409, not 412: the version travels in the
# body, not in an If-Match header.

VERSION_REQUIRED = "Send the version of the record you read, so no one's change is overwritten without notice."
VERSION_STALE = (
    "Someone else changed this record since you read it: read it again, and send your change with its current version."
)


class VersionRequired(APIException):
    status_code = 428
    default_code = "version_required"
    default_detail = VERSION_REQUIRED


class VersionConflict(APIException):
    status_code = 409
    default_code = "version_conflict"
    default_detail = VERSION_STALE


def require_version(request: Request) -> None:
    """428 unless the request body names the version it was based on."""
    if isinstance(request.data, dict) and request.data.get("version") is None:
        raise VersionRequired()


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, help_text="The version you read: required, so no one's change is silently overwritten."
    )


def conflict_on_stale_version(exc: DjangoValidationError) -> NoReturn:
    """A service's refusal naming ``version`` is a 409 (re-raise anything else)."""
    if "version" in getattr(exc, "error_dict", {}):
        raise VersionConflict() from exc
    raise exc


VERSION_RESPONSES = {
    409: OpenApiResponse(description=VERSION_STALE),
    428: OpenApiResponse(description=VERSION_REQUIRED),
}


# --- Viewsets ---------------------------------------------------------------------


class ApiViewSet(IdempotentCreateMixin, viewsets.GenericViewSet[Any]):
    """Records named by their public id; querysets from the selectors only. Creates
    honour the ``Idempotency-Key`` header."""

    schema = ApiAutoSchema()

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

    def paginate_queryset(self, queryset: QuerySet[Any]) -> list[Any] | None:
        # Every list answered is a read of personal data (R14): one event per request,
        # naming the rows of this page, written by the recorder the audit app registers.
        page = super().paginate_queryset(queryset)
        if self.action == "list":
            self.on_list(self.request, queryset.model, page if page is not None else list(queryset))
        return page

    def on_list(self, request: Request, model: type[Model], rows: list[Any]) -> None:
        """Record the list read of ``rows``, records of ``model``."""
        record_list_read(actor=request.user, model=model, rows=rows)

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


class LocalDateTimeField(BoundedDateTimeField):
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
                check_datetime(value)
                return local_moment(value)
            except DjangoValidationError as exc:
                raise _as_drf(exc) from exc
        result: datetime = super().enforce_timezone(value)
        return result
