"""Encrypt the authenticator app secrets and recovery code seeds already stored in the
clear (#7). From now on allauth stores them through ``MFAAdapter.encrypt``."""

from typing import Any

from django.db import migrations

from waymark.core import encryption

# The values allauth passes through the MFA adapter's encrypt(), by authenticator type.
ENCRYPTED_VALUES = {"totp": ["secret"], "recovery_codes": ["seed"]}
ENCRYPTED_LISTS = {"recovery_codes": ["migrated_codes"]}


def _is_encrypted(value: str) -> bool:
    try:
        encryption.decrypt(value)
    except encryption.InvalidToken:
        return False
    return True


def _encrypt(value: str) -> str:
    return value if _is_encrypted(value) else encryption.encrypt(value)


def _decrypt(value: str) -> str:
    return encryption.decrypt(value) if _is_encrypted(value) else value


def _convert(apps: Any, change: Any) -> None:
    authenticator_model = apps.get_model("mfa", "Authenticator")
    for authenticator in authenticator_model.objects.filter(type__in=ENCRYPTED_VALUES).order_by("pk"):
        data = dict(authenticator.data)
        for key in ENCRYPTED_VALUES[authenticator.type]:
            if data.get(key):
                data[key] = change(data[key])
        for key in ENCRYPTED_LISTS.get(authenticator.type, []):
            if data.get(key):
                data[key] = [change(value) for value in data[key]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps: Any, schema_editor: Any) -> None:
    _convert(apps, _encrypt)


def decrypt_secrets(apps: Any, schema_editor: Any) -> None:
    _convert(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
