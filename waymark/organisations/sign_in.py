"""Sign-in views that wrap allauth's, so that every way in passes the second factor."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as totp_views
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The admin's sign-in page sends people to the service's own sign-in, which asks for
    the second factor, and then back to the admin page they wanted."""
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        # Signed in already: the admin sent them here because they may not use it.
        # (allauth's sign-in would send a signed-in person straight back: a loop.)
        raise PermissionDenied
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


class ActivateTOTPView(totp_views.ActivateTOTPView):  # type: ignore[misc]
    """allauth's authenticator app set-up, which also counts as this session's second
    factor: the person has just entered a code from the app."""

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        authenticator = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        record_authentication(self.request, self.request.user, "mfa", id=authenticator.pk, type=authenticator.type)
        return response
