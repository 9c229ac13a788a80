# ruff: noqa: DTZ001  (naive datetimes on purpose: UK wall-clock times as a person types them)
"""Times typed around the clock changes, for contacts and sessions, on the pages and
through the API: 01:30 on 29 March 2026 does not exist in the UK (refused, nothing
saved); 01:30 on 25 October 2026 happens twice (the first is taken, and we say so)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from waymark.contacts.models import Contact, Session
from waymark.contacts.services import contact_log
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


def _contact_post(day, clock):
    return {
        "occurred_date": day.isoformat(),
        "occurred_time": clock,
        "mode": "phone",
        "outcome": "made",
        "summary": "Talked about school.",
        "submission_token": "0b5a2a53-52f8-4b57-a0a4-6ef7f0c5e0a1",
    }


def _session_post(day, clock):
    return {
        "starts_date": day.isoformat(),
        "starts_time": clock,
        "duration_minutes": "60",
        "location": "Climbing wall",
        "purpose": "",
        "volunteer": "",
    }


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_contact_page_refuses_a_time_the_clocks_skipped(world, early_agreement, client_for):
    client = client_for(world.mentor_a)
    url = reverse("contacts:new", args=[early_agreement.public_id])

    with time_machine.travel(datetime(2026, 4, 1, 10, 0, tzinfo=LONDON)), assert_nothing_changed():
        response = client.post(url, _contact_post(date(2026, 3, 29), "01:30"))

    assert response.status_code == 200
    assert response.context["form"].errors["occurred_time"] == [GAP_MESSAGE]


def test_contact_page_takes_the_first_of_a_repeated_time_and_says_so(world, early_agreement, client_for):
    client = client_for(world.mentor_a)
    url = reverse("contacts:new", args=[early_agreement.public_id])

    with time_machine.travel(datetime(2026, 10, 26, 10, 0, tzinfo=LONDON)):
        response = client.post(url, _contact_post(date(2026, 10, 25), "01:30"), follow=True)

    contact = Contact.objects.get(agreement=early_agreement)
    assert contact.occurred_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert REPEAT_NOTE in _messages(response)


def test_session_page_refuses_a_time_the_clocks_skip(world, early_agreement, client_for):
    client = client_for(world.mentor_a)
    url = reverse("contacts:session_new", args=[early_agreement.public_id])

    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=LONDON)), assert_nothing_changed():
        response = client.post(url, _session_post(date(2026, 3, 29), "01:30"))

    assert response.status_code == 200
    assert response.context["form"].errors["starts_time"] == [GAP_MESSAGE]


def test_session_page_takes_the_first_of_a_repeated_time_and_says_so(world, early_agreement, client_for):
    client = client_for(world.mentor_a)
    url = reverse("contacts:session_new", args=[early_agreement.public_id])

    with time_machine.travel(datetime(2026, 10, 20, 10, 0, tzinfo=LONDON)):
        response = client.post(url, _session_post(date(2026, 10, 25), "01:30"), follow=True)

    session = Session.objects.get(agreement=early_agreement)
    assert session.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert REPEAT_NOTE in _messages(response)


def test_service_refuses_a_naive_time_the_clocks_skipped(world, early_agreement):
    with time_machine.travel(datetime(2026, 4, 1, 10, 0, tzinfo=LONDON)), assert_nothing_changed():
        with pytest.raises(Exception) as excinfo:
            contact_log(
                actor=world.mentor_a,
                agreement=early_agreement,
                occurred_at=datetime(2026, 3, 29, 1, 30),
                mode="phone",
                outcome="made",
            )

    assert excinfo.value.message_dict == {"occurred_at": [GAP_MESSAGE]}
