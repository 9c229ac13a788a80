"""Reading a list is reading personal data (R14, #7): every list, on a page or through the
API, writes ONE audit event per request naming the records it returned (the page's rows,
not the whole query), and a list with no rows writes none."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.pagination import PageNumberPagination

from waymark.audit.models import AuditEvent
from waymark.contacts.models import Session
from waymark.organisations.models import same_scope_as
from waymark.outcomes.models import Outcome
from waymark.testing.factories import ContactFactory
from waymark.testing.meeting_factories import MeetingFactory

from .test_queries import _add_case


def _session(world, *, volunteer=None):
    return Session.objects.create(
        agreement=world.agreement_a,
        **same_scope_as(world.agreement_a),
        mentor=world.mentor_a,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        duration_minutes=60,
        location="Hollowmere library",
        created_by=world.mentor_a,
        volunteer=volunteer,
    )


def _fill(world):
    Outcome.objects.create(
        order_form=world.order_form_a, **same_scope_as(world.order_form_a), description="Attend school", position=1
    )
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a)
    MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)
    _session(world)


def _only_event():
    events = list(AuditEvent.objects.all())
    assert len(events) == 1, [e.action for e in events]
    return events[0]


API_LISTS = {
    "young-people": ("young_person.listed", "young_people.youngperson"),
    "order-forms": ("order_form.listed", "agreements.orderform"),
    "agreements": ("individual_agreement.listed", "agreements.individualagreement"),
    "assignments": ("assignment.listed", "agreements.assignment"),
    "contacts": ("contact.listed", "contacts.contact"),
    "sessions": ("session.listed", "contacts.session"),
    "meetings": ("meeting.listed", "meetings.meeting"),
    "outcomes": ("outcome.listed", "outcomes.outcome"),
}


@pytest.mark.parametrize("endpoint", list(API_LISTS))
def test_api_list_writes_one_event_naming_the_rows_returned(endpoint, world, api_for):
    _fill(world)
    _add_case(world, world.mentor_a)
    client = api_for(world.manager_a)
    start = AuditEvent.objects.count()

    response = client.get(f"/api/v1/{endpoint}/")

    assert response.status_code == 200
    returned = [row["public_id"] for row in response.json()["results"]]
    assert returned
    assert AuditEvent.objects.count() == start + 1
    event = AuditEvent.objects.order_by("-pk").first()
    action, subject_type = API_LISTS[endpoint]
    assert (event.action, event.subject_type, event.actor_id) == (action, subject_type, world.manager_a.pk)
    assert event.organisation_id == world.provider_a.pk
    assert event.after == {"public_ids": returned}
    assert event.before is None


def test_young_people_list_names_only_the_page_returned(world, api_for, monkeypatch):
    # The case from the issue: GET /api/v1/young-people/ returned full records unaudited.
    _add_case(world, world.mentor_a)
    _add_case(world, world.mentor_a)
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    client = api_for(world.manager_a)
    start = AuditEvent.objects.count()

    response = client.get("/api/v1/young-people/?page=2")

    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 1
    assert AuditEvent.objects.count() == start + 1
    event = AuditEvent.objects.order_by("-pk").first()
    assert event.action == "young_person.listed"
    assert event.after == {"public_ids": [body["results"][0]["public_id"]]}


def test_empty_api_list_writes_no_event(world, api_for):
    client = api_for(world.manager_a)
    start = AuditEvent.objects.count()

    response = client.get("/api/v1/meetings/")

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert AuditEvent.objects.count() == start


def _page_ids(response):
    return [str(row.public_id) for row in response.context["page"]]


@pytest.mark.parametrize(
    ("url_name", "action", "persona"),
    [
        ("agreements:list", "individual_agreement.listed", "manager_a"),
        ("order_forms:list", "order_form.listed", "manager_a"),
        ("contacts:my_sessions", "session.listed", "mentor_a"),
    ],
)
def test_list_page_writes_one_event_naming_the_rows_shown(url_name, action, persona, world, client_for):
    _fill(world)
    _add_case(world, world.mentor_a)
    client = client_for(world.personas[persona])
    url = reverse(url_name)
    if url_name == "order_forms:list":
        url += "?status=accepted"
    start = AuditEvent.objects.count()

    response = client.get(url)

    assert response.status_code == 200
    shown = _page_ids(response)
    assert shown
    assert AuditEvent.objects.count() == start + 1
    event = AuditEvent.objects.order_by("-pk").first()
    assert (event.action, event.actor_id, event.young_person_id) == (action, world.personas[persona].pk, None)
    assert event.after == {"public_ids": shown}


def test_volunteer_sessions_page_names_the_sessions_shown(world, client_for):
    session = _session(world, volunteer=world.volunteer_a)
    start = AuditEvent.objects.count()

    response = client_for(world.volunteer_a).get(reverse("contacts:volunteer_sessions"))

    assert response.status_code == 200
    assert AuditEvent.objects.count() == start + 1
    event = AuditEvent.objects.order_by("-pk").first()
    assert event.action == "session.listed"
    assert event.after == {"public_ids": [str(session.public_id)]}


@pytest.mark.parametrize(
    ("url_name", "action"), [("contacts:history", "contact.listed"), ("meetings:list", "meeting.listed")]
)
def test_young_person_tab_names_the_rows_shown(url_name, action, world, client_for):
    _fill(world)
    young_person = world.agreement_a.young_person
    start = AuditEvent.objects.count()

    response = client_for(world.manager_a).get(reverse(url_name, args=[young_person.public_id]))

    assert response.status_code == 200
    shown = _page_ids(response)
    assert shown
    # Opening the tab reads the record (young_person.viewed) and the list (one event).
    events = list(AuditEvent.objects.order_by("pk")[start:])
    assert [e.action for e in events] == ["young_person.viewed", action]
    assert events[1].young_person_id == young_person.pk
    assert events[1].after == {"public_ids": shown}


def test_empty_list_page_writes_no_event(world, client_for):
    start = AuditEvent.objects.count()

    response = client_for(world.manager_a).get(reverse("order_forms:list") + "?status=declined")

    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert AuditEvent.objects.count() == start


def test_order_form_page_is_audited(world, client_for):
    start = AuditEvent.objects.count()

    response = client_for(world.manager_a).get(reverse("order_forms:detail", args=[world.order_form_a.public_id]))

    assert response.status_code == 200
    assert AuditEvent.objects.count() == start + 1
    event = AuditEvent.objects.order_by("-pk").first()
    assert (event.action, event.subject_id, event.young_person_id) == (
        "order_form.viewed",
        str(world.order_form_a.public_id),
        world.order_form_a.young_person_id,
    )
