"""The request a signed-in page receives."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind ``login_required``: its user is a signed-in :class:`User`.

    For type checking only; Django hands views a plain ``HttpRequest``.
    """

    user: User


def api_user(request: Request) -> User:
    """The signed-in user of an API request (the API's permission classes let no anonymous
    request through; this says so to the type checker, and refuses one that slipped by)."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user
