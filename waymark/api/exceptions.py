"""Turn the errors services raise into API responses.

Services raise Django's ``ValidationError`` (with field names when a field is at fault),
``PermissionDenied`` and ``Http404``; the API answers 400 with field errors, 403 and 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


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


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django ``ValidationError`` as 400 with field errors.

    DRF's own handler already answers Django's ``PermissionDenied`` with 403 and
    ``Http404`` with 404.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=validation_error_detail(exc))
    return drf_exception_handler(exc, context)
