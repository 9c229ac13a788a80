"""Private iCalendar feeds: a secret address per mentor or volunteer, initials only,
reset at will (the old address then answers 404)."""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from waymark.agreements.enums import AssignmentEndReason
from waymark.agreements.services import assignment_substitute
from waymark.audit.models import AuditEvent
from waymark.contacts.enums import SessionStatus
from waymark.contacts.models import CalendarFeed, Session
from waymark.contacts.services import calendar_feed_reset, calendar_feed_stop
from waymark.organisations.models import same_scope_as
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory


def _session(world, *, days, status=SessionStatus.PLANNED, agreement=None, mentor=None, **extra):
    return Session.objects.create(
        agreement=agreement or world.agreement_a,
        **same_scope_as(agreement or world.agreement_a),
        mentor=mentor or world.mentor_a,
        starts_at=timezone.now() + timedelta(days=days),
        duration_minutes=90,
        location="Hollowmere library",
        status=status,
        created_by=world.mentor_a,
        **extra,
    )


def _feed(client, token):
    return client.get(reverse("contacts:calendar_feed", args=[token]))


def _events(response):
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_calendar_feed_reset_stores_only_the_digest_and_audits(world):
    feed, token = calendar_feed_reset(actor=world.mentor_a)

    assert len(token) >= 40
    assert feed.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(CalendarFeed.objects.values()))
    event = AuditEvent.objects.get(action="calendar_feed.created")
    assert (event.actor, event.subject_id) == (world.mentor_a, str(feed.public_id))
    assert token not in str(event.after) and feed.digest not in str(event.after)


def test_calendar_feed_reset_makes_the_old_address_404(world, client):
    _, old = calendar_feed_reset(actor=world.mentor_a)
    assert _feed(client, old).status_code == 200

    _, new = calendar_feed_reset(actor=world.mentor_a)

    assert _feed(client, old).status_code == 404
    assert _feed(client, new).status_code == 200
    assert CalendarFeed.objects.filter(user=world.mentor_a).count() == 1
    assert AuditEvent.objects.filter(action="calendar_feed.reset").count() == 1


def test_calendar_feed_stop_makes_the_address_404(world, client):
    _, token = calendar_feed_reset(actor=world.mentor_a)

    assert calendar_feed_stop(actor=world.mentor_a) is True

    assert _feed(client, token).status_code == 404
    assert AuditEvent.objects.filter(action="calendar_feed.stopped").count() == 1


@pytest.mark.parametrize("name", ["manager_a", "dsl_a", "finance_a", "vs_x", "contract_x"])
def test_calendar_feed_is_only_for_mentors_and_volunteers(world, personas, name):
    with pytest.raises(PermissionDenied):
        calendar_feed_reset(actor=personas[name])

    assert CalendarFeed.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="calendar_feed").exists()


def test_calendar_feed_lists_planned_and_held_sessions_with_initials_only(world, client):
    planned = _session(world, days=3)
    held = _session(world, days=-10, status=SessionStatus.HELD)
    _session(world, days=5, status=SessionStatus.CANCELLED)
    _session(world, days=-1, status=SessionStatus.DID_NOT_ATTEND)
    _session(world, days=-61, status=SessionStatus.HELD)
    _, token = calendar_feed_reset(actor=world.mentor_a)

    response = _feed(client, token)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    events = _events(response)
    assert [str(e["uid"]) for e in events] == [
        f"session-{held.public_id}@waymark",
        f"session-{planned.public_id}@waymark",
    ]
    assert {str(e["summary"]) for e in events} == {"Mentoring session – TQ"}
    assert {str(e["location"]) for e in events} == {"Hollowmere library"}
    first = events[1]
    assert first.decoded("dtstart") == planned.starts_at.replace(microsecond=0).astimezone(UTC)
    assert first.decoded("dtend") - first.decoded("dtstart") == timedelta(minutes=90)
    body = response.content.decode()
    for name in ("Tamsin", "Quillfeather", world.mentor_a.full_name, "Mentor-Brightpath"):
        assert name not in body


def test_calendar_feed_of_a_volunteer_lists_only_the_sessions_they_join(world, client):
    joined = _session(world, days=2, volunteer=world.volunteer_a)
    _session(world, days=3)
    _, token = calendar_feed_reset(actor=world.volunteer_a)

    events = _events(_feed(client, token))

    assert [str(e["uid"]) for e in events] == [f"session-{joined.public_id}@waymark"]


def test_calendar_feed_drops_sessions_of_a_young_person_no_longer_mentored(world, client):
    _session(world, days=2)
    _, token = calendar_feed_reset(actor=world.mentor_a)
    assignment_substitute(
        actor=world.manager_a,
        assignment=world.assignment_a,
        reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
        note="Long-term leave.",
        new_mentor=world.mentor_a2,
    )

    assert _events(_feed(client, token)) == []


def test_calendar_feed_of_a_deactivated_user_is_404(world, client):
    _, token = calendar_feed_reset(actor=world.mentor_a)
    world.mentor_a.is_active = False
    world.mentor_a.save()

    assert _feed(client, token).status_code == 404


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "a.b"])
def test_calendar_feed_with_a_wrong_token_is_404(world, client, token):
    calendar_feed_reset(actor=world.mentor_a)

    assert _feed(client, token).status_code == 404


def test_calendar_feed_refuses_posts(world, client):
    _, token = calendar_feed_reset(actor=world.mentor_a)

    response = client.post(reverse("contacts:calendar_feed", args=[token]))

    assert response.status_code == 405


@pytest.mark.parametrize("rows", [1, 30])
def test_calendar_feed_query_count_is_flat(world, rows, django_assert_num_queries):
    for n in range(rows):
        agreement = IndividualAgreementFactory(order_form__framework=world.framework_xa)
        AssignmentFactory(agreement=agreement, mentor=world.mentor_a, assigned_by=world.manager_a)
        _session(world, days=n + 1, agreement=agreement)
    _, token = calendar_feed_reset(actor=world.mentor_a)
    client = Client()

    # the feed by its digest, its user, the caseload, the sessions
    with django_assert_num_queries(4):
        response = _feed(client, token)

    assert len(_events(response)) == rows
