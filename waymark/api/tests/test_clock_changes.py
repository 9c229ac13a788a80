"""Times sent without an offset through the API around the clock changes, for contacts
and sessions: 01:30 on 29 March 2026 does not exist in the UK (refused, nothing
saved); 01:30 on 25 October 2026 happens twice (the first is taken, and we say so)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from waymark.contacts.models import Contact, Session
from waymark.testing.db import assert_nothing_changed

LONDON = ZoneInfo("Europe/London")
GAP_MESSAGE = (
    "29 March 2026 01:30 does not exist in the UK: the clocks went forward an hour at 1am. "
    "Enter the time as shown on the clock, such as 02:30."
)
REPEAT_NOTE = (
    "25 October 2026 01:30 happens twice in the UK, as the clocks go back an hour at 2am. "
    "We have taken the first 01:30, before the clocks went back."
)


@pytest.fixture
def early_agreement(world):
    """The world's agreement A, started on 2 March 2026, before both clock changes."""
    world.agreement_a.start_date = date(2026, 3, 2)
    world.agreement_a.save()
    return world.agreement_a


def test_api_refuses_a_contact_time_the_clocks_skipped(world, early_agreement, api_for):
    client = api_for(world.mentor_a)
    payload = {"agreement": str(early_agreement.public_id), "mode": "phone", "outcome": "made"}

    with time_machine.travel(datetime(2026, 4, 1, 10, 0, tzinfo=LONDON)), assert_nothing_changed():
        response = client.post("/api/v1/contacts/", {**payload, "occurred_at": "2026-03-29T01:30:00"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"occurred_at": [GAP_MESSAGE]}


def test_api_takes_the_first_of_a_repeated_contact_time(world, early_agreement, api_for):
    client = api_for(world.mentor_a)
    payload = {"agreement": str(early_agreement.public_id), "mode": "phone", "outcome": "made"}

    with time_machine.travel(datetime(2026, 10, 26, 10, 0, tzinfo=LONDON)):
        response = client.post("/api/v1/contacts/", {**payload, "occurred_at": "2026-10-25T01:30:00"}, format="json")

    assert response.status_code == 201
    assert Contact.objects.get(agreement=early_agreement).occurred_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_api_refuses_a_session_time_the_clocks_skip(world, early_agreement, api_for):
    client = api_for(world.mentor_a)
    payload = {"agreement": str(early_agreement.public_id), "location": "Library", "duration_minutes": 60}

    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=LONDON)), assert_nothing_changed():
        response = client.post("/api/v1/sessions/", {**payload, "starts_at": "2026-03-29T01:30:00"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"starts_at": [GAP_MESSAGE]}


def test_api_takes_the_first_of_a_repeated_session_time(world, early_agreement, api_for):
    client = api_for(world.mentor_a)
    payload = {"agreement": str(early_agreement.public_id), "location": "Library", "duration_minutes": 60}

    with time_machine.travel(datetime(2026, 10, 20, 10, 0, tzinfo=LONDON)):
        response = client.post("/api/v1/sessions/", {**payload, "starts_at": "2026-10-25T01:30:00"}, format="json")

    assert response.status_code == 201
    assert Session.objects.get(agreement=early_agreement).starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
