"""A retried create makes no second row: the ``Idempotency-Key`` header (R1, #7)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from waymark.contacts.models import Contact, Session
from waymark.core.models import IdempotencyKey
from waymark.meetings.models import Meeting
from waymark.outcomes.models import MeasureResult
from waymark.testing.db import db_snapshot

from .helpers import contact_payload


def _bodies(world):
    agreement = str(world.agreement_a.public_id)
    today = timezone.localdate().isoformat()
    return {
        "contacts": (Contact, contact_payload(world.agreement_a)),
        "sessions": (
            Session,
            {
                "agreement": agreement,
                "starts_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
                "location": "Saltmarsh climbing wall",
            },
        ),
        "meetings": (
            Meeting,
            {
                "agreement": agreement,
                "meeting_type": "pep",
                "held_on": today,
                "attendance": "written",
                "engagement": "Comes to every session.",
                "young_person_views": "Wants to keep going to football club.",
            },
        ),
        "measures": (
            MeasureResult,
            {"agreement": agreement, "measure": "swemwbs", "completed_on": today, "items": [3, 3, 3, 3, 3, 3, 3]},
        ),
    }


ENDPOINTS = ["contacts", "sessions", "meetings", "measures"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_same_key_and_body_twice_makes_one_row_and_the_same_answer(endpoint, world, api_for):
    model, body = _bodies(world)[endpoint]
    client = api_for(world.mentor_a)

    first = client.post(f"/api/v1/{endpoint}/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    after_first = db_snapshot()
    second = client.post(f"/api/v1/{endpoint}/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert model.objects.count() == 1
    assert str(model.objects.get().public_id) == first.json()["public_id"]
    assert db_snapshot() == after_first


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_without_a_key_two_posts_make_two_rows(endpoint, world, api_for):
    model, body = _bodies(world)[endpoint]
    client = api_for(world.mentor_a)
    if endpoint == "contacts":
        body["submission_token"] = None

    responses = [client.post(f"/api/v1/{endpoint}/", body, format="json").status_code for _ in range(2)]

    assert responses == [201, 201]
    assert model.objects.count() == 2


def test_the_same_key_with_another_body_answers_422_with_nothing_saved(world, api_for):
    client = api_for(world.mentor_a)
    body = contact_payload(world.agreement_a)
    client.post("/api/v1/contacts/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    before = db_snapshot()

    response = client.post(
        "/api/v1/contacts/", {**body, "summary": "Something else."}, format="json", HTTP_IDEMPOTENCY_KEY="retry-1"
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "This Idempotency-Key was already used with a different request body: "
        "send a new key for a new record."
    }
    assert db_snapshot() == before


def test_a_refused_create_releases_its_key(world, api_for):
    client = api_for(world.mentor_a)
    body = contact_payload(world.agreement_a)

    refused = client.post("/api/v1/contacts/", {**body, "mode": "pigeon"}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    accepted = client.post("/api/v1/contacts/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert (refused.status_code, accepted.status_code) == (400, 201)
    assert Contact.objects.count() == 1


def test_the_key_is_per_user(world, api_for):
    body = contact_payload(world.agreement_a)

    mentor = api_for(world.mentor_a).post("/api/v1/contacts/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    manager = api_for(world.manager_a).post("/api/v1/contacts/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert (mentor.status_code, manager.status_code) == (201, 201)
    assert Contact.objects.count() == 2


def test_a_key_expires_after_24_hours(world, api_for):
    client = api_for(world.mentor_a)
    body = contact_payload(world.agreement_a)
    client.post("/api/v1/contacts/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=24, minutes=1)):
        again = client.post("/api/v1/contacts/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert again.status_code == 201
    assert Contact.objects.count() == 2
    assert IdempotencyKey.objects.count() == 1


def test_a_key_longer_than_255_characters_answers_400(world, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        "/api/v1/contacts/", contact_payload(world.agreement_a), format="json", HTTP_IDEMPOTENCY_KEY="k" * 256
    )

    assert response.status_code == 400
    assert response.json() == {"Idempotency-Key": ["Send an Idempotency-Key of 1 to 255 characters."]}
    assert db_snapshot() == before


def test_the_schema_documents_the_header_on_every_create(world, api_for):
    schema = api_for(world.mentor_a).get("/api/v1/schema/?format=json").json()

    creates = {
        path: [p["name"] for p in ops["post"].get("parameters", []) if p["in"] == "header"]
        for path, ops in schema["paths"].items()
        if "post" in ops and "{" not in path
    }
    assert len(creates) == 11
    assert all(headers == ["Idempotency-Key"] for headers in creates.values()), creates
