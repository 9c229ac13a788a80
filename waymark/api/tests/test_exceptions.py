"""The exception handler: service errors become 400/403/404 responses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from waymark.api.exceptions import exception_handler
from waymark.core.api import validation_error_detail


def test_field_errors_become_a_dict_of_lists():
    response = exception_handler(ValidationError({"received_on": "In the future.", "__all__": "Also wrong."}), {})

    assert response.status_code == 400
    assert response.data == {"received_on": ["In the future."], "non_field_errors": ["Also wrong."]}


def test_an_error_with_no_field_is_a_non_field_error():
    response = exception_handler(ValidationError("This agreement has ended."), {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["This agreement has ended."]}


def test_permission_denied_is_403_and_http404_is_404():
    denied = exception_handler(PermissionDenied("Not yours."), {})
    missing = exception_handler(Http404("No such agreement."), {})

    assert denied is not None and denied.status_code == 403
    assert denied.data == {"detail": "Not yours."}
    assert missing is not None and missing.status_code == 404


def test_nested_fields_are_grouped_under_their_parent():
    detail = validation_error_detail(
        ValidationError({"upn": "Bad.", "outcomes": "Missing."}), nest={"upn": "young_person"}
    )

    assert detail == {"young_person": {"upn": ["Bad."]}, "outcomes": ["Missing."]}


def test_other_exceptions_are_left_to_django():
    assert exception_handler(RuntimeError("boom"), {}) is None
