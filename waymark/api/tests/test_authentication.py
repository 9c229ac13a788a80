"""Token authentication: ``Authorization: Token <raw>``, stored only as a digest."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from waymark.api.models import ApiToken, hash_token
from waymark.api.services import api_token_create, api_token_revoke
from waymark.audit.models import AuditEvent
from waymark.testing.clock import PINNED_NOW

URL = "/api/v1/agreements/"


def _client(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_valid_token_authenticates_as_its_user(world):
    _, raw = api_token_create(user=world.manager_a)

    response = _client(raw).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_token_is_stored_only_as_its_digest(world):
    token, raw = api_token_create(user=world.manager_a, name="Case system")

    token.refresh_from_db()
    assert token.digest == hash_token(raw)
    assert token.prefix == raw[:8]
    assert raw not in {token.digest, token.name, token.prefix}


def test_missing_token_is_401_with_a_token_challenge(world):
    response = APIClient().get(URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_unknown_token_is_401(world):
    response = _client("not-a-real-token").get(URL)

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token."}


def test_revoked_token_is_401(world):
    token, raw = api_token_create(user=world.manager_a)
    api_token_revoke(token=token)

    response = _client(raw).get(URL)

    assert response.status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked", subject_id=str(token.public_id)).count() == 1


def test_token_of_an_inactive_user_is_401(world):
    _, raw = api_token_create(user=world.manager_a)
    world.manager_a.is_active = False
    world.manager_a.save(update_fields=["is_active"])

    response = _client(raw).get(URL)

    assert response.status_code == 401


def test_malformed_token_header_is_401(world):
    _, raw = api_token_create(user=world.manager_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw} extra")

    response = client.get(URL)

    assert response.status_code == 401


def test_other_schemes_are_not_taken_for_a_token(world):
    _, raw = api_token_create(user=world.manager_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")

    response = client.get(URL)

    assert response.status_code == 401


def test_last_used_is_written_at_most_once_a_minute(world):
    token, raw = api_token_create(user=world.manager_a)
    client = _client(raw)

    with time_machine.travel(PINNED_NOW, tick=False):
        client.get(URL)
        token.refresh_from_db()
        first = token.last_used_at
        client.get(URL)
        token.refresh_from_db()

    assert first == PINNED_NOW
    assert token.last_used_at == first

    earlier = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get(URL)
    token.refresh_from_db()
    assert token.last_used_at > earlier


def test_session_authentication_still_works(world, client_for):
    response = client_for(world.manager_a).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 1
