"""Multi-factor sign-in enforced for every session when WAYMARK_REQUIRE_MFA is on."""

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/healthz")
# Setting up an authenticator app, and the rest of allauth's pages, for someone who has none.
SET_UP_PREFIX = "/accounts/"


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether this session's sign-in included a second-factor step.

    allauth records each step of a sign-in in the session; a code from an authenticator
    app (at sign-in, or when asked to confirm it is you) is a ``{"method": "mfa"}`` record.
    A password alone, or a session made any other way, has none.
    """
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class RequireMFAMiddleware:
    """Every signed-in session must have passed the second factor (when required).

    Someone without an authenticator app is sent to set one up; someone with one whose
    session has not passed it (signed in by password alone) is asked for a code. Until
    then no page, admin page or session API answer is served. API requests with a token
    carry no session user and are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not settings.WAYMARK_REQUIRE_MFA
            or not request.user.is_authenticated
            or request.path.startswith(ALWAYS_ALLOWED_PREFIXES)
            or passed_second_factor(request)
        ):
            return self.get_response(request)
        if not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            if request.path.startswith(SET_UP_PREFIX):
                return self.get_response(request)
            return redirect("mfa_activate_totp")
        if request.path in (reverse("mfa_reauthenticate"), reverse("account_logout")):
            return self.get_response(request)
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
