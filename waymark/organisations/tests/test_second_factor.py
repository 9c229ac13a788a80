"""Every session passes the second factor before any data is served, when it is required
(always in production, #7): pages, the admin (whose sign-in goes through the service's
own) and the API by session. API tokens are not sessions and keep working."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from waymark.api.services import api_token_create
from waymark.organisations.models import User
from waymark.testing.factories import PASSWORD, UserFactory
from waymark.testing.totp import SECRET, totp_code

pytestmark = pytest.mark.django_db

# What production sets that bears on signing in (config/settings/production.py); the
# redirect to HTTPS is left out, as the test client speaks plain HTTP.
production_like = override_settings(
    WAYMARK_REQUIRE_MFA=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    DEBUG=False,
)


@pytest.fixture(autouse=True)
def _clear_rate_limits_and_used_codes():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def administrator() -> User:
    user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, SECRET)
    return user


def browser() -> Client:
    return Client()


def sign_in_with_password_and_code(client: Client, user: User, next_url: str) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD, "next": next_url})
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_authenticate"))
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert (response.status_code, response["Location"]) == (302, next_url)


@production_like
def test_the_admin_sign_in_page_sends_people_to_the_service_sign_in():
    response = browser().get("/admin/login/?next=/admin/organisations/organisation/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Forganisations%2Forganisation%2F"


@production_like
def test_the_admin_sign_in_form_no_longer_signs_anyone_in(administrator):
    client = browser()

    response = client.post("/admin/login/", {"username": administrator.username, "password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=%2Fadmin%2F")
    assert "_auth_user_id" not in client.session


@production_like
def test_the_admin_asks_for_the_code_and_then_works(administrator):
    client = browser()
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")
    response = client.get(response["Location"])
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=%2Fadmin%2F")

    response = client.post(
        reverse("account_login"), {"login": administrator.email, "password": PASSWORD, "next": "/admin/"}
    )

    # The password alone signs no one in: the code is asked for.
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(SECRET)})

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Site administration" in page.content.decode()


@production_like
def test_a_wrong_code_does_not_open_the_admin(administrator):
    client = browser()
    client.post(reverse("account_login"), {"login": administrator.email, "password": PASSWORD, "next": "/admin/"})

    wrong_code = f"{(int(totp_code(SECRET)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong_code})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


@production_like
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/organisations/user/", "/api/v1/agreements/", "/", "/accounts/2fa/recovery-codes/"]
)
def test_a_session_without_the_second_factor_gets_no_data(administrator, path):
    client = browser()
    client.force_login(administrator)  # as the admin's own sign-in form used to: password only

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/2fa/reauthenticate/?next={path.replace('/', '%2F')}"


@production_like
def test_a_session_without_the_second_factor_gets_the_api_once_it_gives_a_code(world):
    TOTP.activate(world.manager_a, SECRET)
    client = browser()
    client.force_login(world.manager_a)
    assert client.get("/api/v1/agreements/").status_code == 302

    response = client.post(
        f"{reverse('mfa_reauthenticate')}?next=/api/v1/agreements/",
        {"code": totp_code(SECRET), "next": "/api/v1/agreements/"},
    )

    assert (response.status_code, response["Location"]) == (302, "/api/v1/agreements/")
    answer = client.get("/api/v1/agreements/")
    assert answer.status_code == 200
    assert answer.json()["count"] == 1


@production_like
def test_the_admin_works_after_a_signed_in_session_gives_its_code(administrator):
    client = browser()
    client.force_login(administrator)

    response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code(SECRET), "next": "/admin/"})

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


@production_like
def test_a_signed_in_person_who_may_not_use_the_admin_is_refused_not_looped(world):
    TOTP.activate(world.manager_a, SECRET)
    client = browser()
    sign_in_with_password_and_code(client, world.manager_a, "/")

    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 403


@production_like
def test_a_signed_in_administrator_on_the_admin_sign_in_page_goes_to_the_admin(administrator):
    client = Client()
    sign_in_with_password_and_code(client, administrator, "/")

    response = client.get("/admin/login/?next=/admin/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")


@production_like
def test_the_service_code_page_keeps_where_the_person_was_going(administrator):
    client = Client()
    client.force_login(administrator)

    page = client.get("/accounts/2fa/reauthenticate/?next=%2Fadmin%2F")

    assert page.status_code == 200
    assert '<input type="hidden" name="next" value="/admin/">' in page.content.decode()


@production_like
def test_setting_up_the_authenticator_app_counts_as_the_second_factor(world):
    client = browser()
    client.post(reverse("account_login"), {"login": world.manager_a.email, "password": PASSWORD})
    assert client.get(reverse("agreements:list"))["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before an authenticator is added.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_view_recovery_codes"))
    assert Authenticator.objects.filter(user=world.manager_a, type=Authenticator.Type.TOTP).count() == 1
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert client.get(reverse("agreements:list")).status_code == 200


@production_like
def test_api_tokens_are_not_sessions_and_keep_working(world):
    _token, raw = api_token_create(user=world.manager_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")

    response = client.get("/api/v1/agreements/")

    assert response.status_code == 200
    assert response.json()["count"] == 1
