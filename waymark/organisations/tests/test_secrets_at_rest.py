"""Authenticator app secrets and recovery code seeds are encrypted in the database (#7)."""

from __future__ import annotations

import importlib
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from waymark.core import encryption
from waymark.testing.factories import PASSWORD, UserFactory
from waymark.testing.totp import SECRET, totp_code

pytestmark = pytest.mark.django_db

migration = importlib.import_module("waymark.organisations.migrations.0002_encrypt_second_factor_secrets")


@pytest.fixture(autouse=True)
def _clear_used_codes():
    cache.clear()
    yield
    cache.clear()


def stored_data(authenticator: Authenticator) -> str:
    """The row's data column as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        (data,) = cursor.fetchone()
    return data if isinstance(data, str) else json.dumps(data)


def test_the_authenticator_app_secret_is_not_stored_in_the_clear_and_codes_still_work():
    user = UserFactory()

    authenticator = TOTP.activate(user, SECRET).instance

    assert SECRET not in stored_data(authenticator)
    assert encryption.decrypt(authenticator.data["secret"]) == SECRET
    stored = Authenticator.objects.get(pk=authenticator.pk)
    assert TOTP(stored).validate_code(totp_code(SECRET)) is True
    assert TOTP(stored).validate_code(f"{(int(totp_code(SECRET)) + 1) % 1_000_000:06d}") is False


def test_setting_up_the_app_through_the_pages_stores_the_secret_and_seed_encrypted():
    user = UserFactory()
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    assert secret not in stored_data(totp)
    assert encryption.decrypt(totp.data["secret"]) == secret
    seed = encryption.decrypt(codes.data["seed"])
    assert seed not in stored_data(codes)
    recovery_code = RecoveryCodes(codes).get_unused_codes()[0]
    assert recovery_code not in stored_data(codes)


@override_settings(WAYMARK_FIELD_ENCRYPTION_KEY=["a new passphrase of at least 32 characters", "the old one"])
def test_a_new_key_encrypts_and_the_old_one_still_decrypts():
    with override_settings(WAYMARK_FIELD_ENCRYPTION_KEY=["the old one"]):
        old = encryption.encrypt(SECRET)

    new = encryption.encrypt(SECRET)

    assert (encryption.decrypt(old), encryption.decrypt(new)) == (SECRET, SECRET)
    with override_settings(WAYMARK_FIELD_ENCRYPTION_KEY=["the old one"]), pytest.raises(encryption.InvalidToken):
        encryption.decrypt(new)


def test_the_migration_encrypts_secrets_stored_in_the_clear_once():
    user = UserFactory()
    totp = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    seed = "ab" * 40
    codes = Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": seed, "used_mask": 0, "migrated_codes": ["12345678", "87654321"]},
    )

    migration.encrypt_secrets(apps, None)
    migration.encrypt_secrets(apps, None)  # a second run changes nothing

    totp.refresh_from_db()
    codes.refresh_from_db()
    assert SECRET not in stored_data(totp)
    assert encryption.decrypt(totp.data["secret"]) == SECRET
    assert TOTP(totp).validate_code(totp_code(SECRET)) is True
    assert seed not in stored_data(codes)
    assert "12345678" not in stored_data(codes)
    assert encryption.decrypt(codes.data["seed"]) == seed
    assert codes.data["used_mask"] == 0
    assert RecoveryCodes(codes).get_unused_codes() == ["12345678", "87654321"]

    migration.decrypt_secrets(apps, None)

    totp.refresh_from_db()
    codes.refresh_from_db()
    assert totp.data == {"secret": SECRET}
    assert codes.data == {"seed": seed, "used_mask": 0, "migrated_codes": ["12345678", "87654321"]}
