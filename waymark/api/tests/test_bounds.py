"""No 500 from any date: every date and time the API reads, in a filter or a body, is
bounded to 1900-2100 with offsets within ±14:00, and answers 400 on its field (#7)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from waymark.contacts.models import Session
from waymark.testing.db import db_snapshot

from .helpers import contact_payload, order_form_payload

DATE = ["Enter a date between 1 January 1900 and 31 December 2100."]
OFFSET = ["Enter a time zone offset between -14:00 and +14:00."]


def _session_body(world, starts_at):
    return {"agreement": str(world.agreement_a.public_id), "starts_at": starts_at, "location": "Library"}


def test_the_reported_session_filter_answers_400_not_500(world, api_for):
    response = api_for(world.mentor_a).get("/api/v1/sessions/?starts_after=1601-07-06T02:33:12+17:45")

    # Unencoded, the "+" of the query string reads as a space.
    assert response.status_code == 400
    assert response.json() == {"starts_after": ["Enter a valid date/time."]}


def test_the_reported_session_filter_with_its_plus_encoded_answers_400_not_500(world, api_for):
    response = api_for(world.mentor_a).get("/api/v1/sessions/?starts_after=1601-07-06T02:33:12%2B17:45")

    assert response.status_code == 400
    assert response.json() == {"starts_after": OFFSET}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1601-07-06T02:33:12+01:00", DATE),
        ("9999-12-31T23:59:59-14:00", DATE),
        ("0001-01-01T00:00:00+14:00", DATE),
        ("9999-12-31T23:59:59", DATE),
        ("2026-11-25T10:00:00+14:01", OFFSET),
        ("2026-11-25T10:00:00-23:59", OFFSET),
    ],
)
@pytest.mark.parametrize("name", ["starts_after", "starts_before"])
def test_session_filters_out_of_bounds_answer_400(name, value, message, world, api_for):
    response = api_for(world.mentor_a).get("/api/v1/sessions/", {name: value})

    assert response.status_code == 400
    assert response.json() == {name: message}


@pytest.mark.parametrize("value", ["1900-01-01T00:00:00+14:00", "2100-12-31T23:59:59-14:00"])
def test_session_filters_at_the_bounds_are_accepted(value, world, api_for):
    response = api_for(world.mentor_a).get("/api/v1/sessions/", {"starts_after": value})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1601-07-06T02:33:12+17:45", OFFSET),
        ("1601-07-06T02:33:12+00:00", DATE),
        ("9999-12-31T23:59:59+00:00", DATE),
        ("0001-01-01T00:00:00+14:00", DATE),
    ],
)
def test_contact_occurred_at_out_of_bounds_answers_400_with_nothing_saved(value, message, world, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post("/api/v1/contacts/", contact_payload(world.agreement_a, occurred_at=value), format="json")

    assert response.status_code == 400
    assert response.json() == {"occurred_at": message}
    assert db_snapshot() == before


@pytest.mark.parametrize("value", ["1601-07-06T02:33:12+17:45", "9999-01-01T10:00:00+00:00"])
def test_session_starts_at_out_of_bounds_answers_400_with_nothing_saved(value, world, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        "/api/v1/sessions/",
        _session_body(world, value),
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["starts_at"]
    assert db_snapshot() == before


def test_session_in_2029_is_refused_through_the_api_with_nothing_saved(world, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        "/api/v1/sessions/",
        _session_body(world, "2029-01-10T16:00:00+00:00"),
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "starts_at": ["A session can be planned up to two years ahead: choose a date on or before 25 November 2028."]
    }
    assert db_snapshot() == before


def test_session_two_years_ahead_to_the_day_is_planned(world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/sessions/",
        _session_body(world, "2028-11-25T16:00:00+00:00"),
        format="json",
    )

    assert response.status_code == 201
    assert Session.objects.get().starts_at == datetime.datetime(2028, 11, 25, 16, tzinfo=datetime.UTC)


@pytest.mark.parametrize("value", ["1601-01-01", "9999-12-31"])
def test_meeting_held_on_out_of_bounds_answers_400(value, world, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        "/api/v1/meetings/",
        {
            "agreement": str(world.agreement_a.public_id),
            "meeting_type": "pep",
            "held_on": value,
            "attendance": "written",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["held_on"] == DATE
    assert db_snapshot() == before


def test_order_form_received_on_out_of_bounds_answers_400(world, api_for):
    client = api_for(world.vs_x)
    before = db_snapshot()

    response = client.post(
        "/api/v1/order-forms/", order_form_payload(world.framework_xa, received_on="1601-07-06"), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"received_on": DATE}
    assert db_snapshot() == before


def test_order_form_date_of_birth_out_of_bounds_answers_400(world, api_for):
    payload = order_form_payload(world.framework_xa)
    payload["young_person"]["date_of_birth"] = "1601-07-06"
    client = api_for(world.vs_x)
    before = db_snapshot()

    response = client.post("/api/v1/order-forms/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {"young_person": {"date_of_birth": DATE}}
    assert db_snapshot() == before


def test_young_person_date_of_birth_out_of_bounds_answers_400(world, api_for):
    client = api_for(world.manager_a)
    before = db_snapshot()

    response = client.patch(
        f"/api/v1/young-people/{world.yp_a.public_id}/",
        {"date_of_birth": "1601-07-06", "version": world.yp_a.version},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"date_of_birth": DATE}
    assert db_snapshot() == before


def test_missing_episode_dates_in_9999_answer_400(world, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        "/api/v1/missing-episodes/",
        {
            "agreement": str(world.agreement_a.public_id),
            "start_date": "9999-01-01",
            "end_date": "9999-01-02",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["start_date"] == DATE
    assert response.json()["end_date"] == DATE
    assert db_snapshot() == before


def test_now_is_within_the_bounds(world, api_for):
    response = api_for(world.mentor_a).get("/api/v1/sessions/", {"starts_after": timezone.now().isoformat()})

    assert response.status_code == 200
