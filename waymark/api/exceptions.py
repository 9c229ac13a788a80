"""Turn the errors services raise into API responses.

Services raise Django's ``ValidationError`` (with field names when a field is at fault),
``PermissionDenied`` and ``Http404``; the API answers 400 with field errors, 403 and 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from waymark.core.api import validation_error_detail


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django ``ValidationError`` as 400 with field errors.

    DRF's own handler already answers Django's ``PermissionDenied`` with 403 and
    ``Http404`` with 404.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=validation_error_detail(exc))
    return drf_exception_handler(exc, context)
