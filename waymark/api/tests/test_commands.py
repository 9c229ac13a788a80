"""``manage.py create_api_token``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from waymark.api.models import ApiToken, hash_token
from waymark.audit.models import AuditEvent


def _create(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_api_token_prints_a_working_token_once(world):
    raw, message = _create("manager_a", "--name", "Council case system")

    token = ApiToken.objects.get(user=world.manager_a)
    assert token.name == "Council case system"
    assert token.digest == hash_token(raw)
    assert raw not in message
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get("/api/v1/agreements/").status_code == 200


def test_create_api_token_writes_an_audit_event(world):
    _create("vs_x")

    token = ApiToken.objects.get(user=world.vs_x)
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.subject_id == str(token.public_id)
    assert event.after == {"user": str(world.vs_x.public_id), "name": "", "prefix": token.prefix}


def test_create_api_token_for_an_unknown_user_fails_clearly(world):
    with pytest.raises(CommandError, match="no user with the username 'nobody'"):
        _create("nobody")

    assert not ApiToken.objects.exists()


def test_create_api_token_for_an_inactive_user_fails(world):
    world.mentor_a.is_active = False
    world.mentor_a.save(update_fields=["is_active"])

    with pytest.raises(CommandError, match="inactive"):
        _create("mentor_a")

    assert not ApiToken.objects.exists()
