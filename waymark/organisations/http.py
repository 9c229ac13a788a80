"""The request a signed-in page receives."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind ``login_required``: its user is a signed-in :class:`User`.

    For type checking only; Django hands views a plain ``HttpRequest``.
    """

    user: User
