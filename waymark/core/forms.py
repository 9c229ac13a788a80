"""Small helpers shared by every form."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .bounds import check_date, check_datetime


def add_service_errors(form: forms.BaseForm, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: on the field it names when the
    form has that field, otherwise in the error summary."""
    mapping = field_map or {}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = mapping.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class GovUKDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GovUKTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


# --- Dates within bounds -------------------------------------------------------------
# Every date and time a page asks for uses these, so a date outside 1900 to 2100 or an
# offset beyond ±14:00 is a form error, never a server error (``waymark.core.bounds``).


class BoundedDateField(forms.DateField):
    default_validators = [check_date]


class BoundedDateTimeField(forms.DateTimeField):
    default_validators = [check_datetime]
