from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path

from waymark.organisations.sign_in import ActivateTOTPView, admin_sign_in


def _managed_by_administrators(request: HttpRequest) -> HttpResponse:
    """Accounts are created and changed by administrators: people do not add email
    addresses or sign up themselves."""
    raise Http404


urlpatterns = [
    path("", include("waymark.portal.urls")),
    path("accounts/email/", _managed_by_administrators),
    path("accounts/signup/", _managed_by_administrators),
    path("accounts/2fa/totp/activate/", ActivateTOTPView.as_view(), name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    path("young-people/", include("waymark.portal.urls_young_people")),
    path("", include("waymark.agreements.urls")),
    path("order-forms/", include("waymark.agreements.urls_order_forms")),
    path("", include("waymark.contacts.urls")),
    path("", include("waymark.meetings.urls")),
    path("", include("waymark.outcomes.urls")),
    path("notifications/", include("waymark.notifications.urls")),
    path("api/v1/", include("waymark.api.urls")),
    path("admin/login/", admin_sign_in, name="admin_sign_in"),
    path("admin/", admin.site.urls),
]
