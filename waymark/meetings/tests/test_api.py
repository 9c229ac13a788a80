"""The ``meetings`` API resource: the same access rules as the pages, field errors for
bad input, nothing changed by a refusal, and flat query counts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from waymark.api.models import ApiToken
from waymark.api.services import api_token_create
from waymark.audit.models import AuditEvent
from waymark.meetings.models import Meeting
from waymark.testing.db import db_snapshot
from waymark.testing.meeting_factories import MeetingFactory
from waymark.testing.personas import PERSONAS

MEETING_VIEWED = ("meeting.viewed",)  # reading a record logs it: not a change

ALL = list(PERSONAS)
SEES_A = {"mentor_a", "manager_a", "dsl_a", "vs_x"}
SEES_B = {"mentor_b", "manager_b", "vs_y"}
WRITES_A = {"mentor_a", "manager_a"}
# Sees agreement_a (so may name it) but may not record its meetings.
SEES_AGREEMENT_A_ONLY = {"dsl_a", "vs_x", "finance_a"}


@pytest.fixture
def api_for(db):
    def make(user):
        token, raw = api_token_create(user=user, name="test")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client

    return make


@pytest.fixture
def meetings(world):
    return {
        "a": MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 10, 14)),
        "b": MeetingFactory(agreement=world.agreement_b, author=world.mentor_b, held_on=date(2026, 10, 15)),
    }


def _payload(world, **overrides):
    data = {
        "agreement": str(world.agreement_a.public_id),
        "meeting_type": "pep",
        "held_on": timezone.localdate().isoformat(),
        "attendance": "written",
        "engagement": "Comes to every session.",
        "young_person_views": "Wants to keep going to football club.",
    }
    data.update(overrides)
    return data


# --- Reads ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_list_shows_exactly_the_persona_scope(name, world, meetings, api_for):
    response = api_for(world.personas[name]).get("/api/v1/meetings/")

    expected = set()
    if name in SEES_A:
        expected.add(str(meetings["a"].public_id))
    if name in SEES_B:
        expected.add(str(meetings["b"].public_id))
    assert response.status_code == 200
    assert {row["public_id"] for row in response.json()["results"]} == expected


@pytest.mark.parametrize("name", ALL)
def test_retrieve_answers_404_when_hidden(name, world, meetings, api_for):
    meeting = meetings["a"]

    response = api_for(world.personas[name]).get(f"/api/v1/meetings/{meeting.public_id}/")

    if name in SEES_A:
        assert response.status_code == 200
        body = response.json()
        assert body["public_id"] == str(meeting.public_id)
        assert body["young_person"] == str(world.yp_a.public_id)
        assert body["term"] == {"label": "Autumn term 2026", "start": "2026-08-01", "end": "2026-12-31"}
        assert body["author"]["name"] == world.mentor_a.display_name
        assert AuditEvent.objects.filter(action="meeting.viewed", actor=world.personas[name]).count() == 1
    else:
        assert response.status_code == 404
        body = response.content.decode()
        assert "Quillfeather" not in body
        assert "Comes to most sessions" not in body
        assert not AuditEvent.objects.filter(action="meeting.viewed").exists()


def test_anonymous_gets_401(client, meetings):
    for url in ("/api/v1/meetings/", f"/api/v1/meetings/{meetings['a'].public_id}/"):
        assert client.get(url).status_code == 401

    assert client.post("/api/v1/meetings/", {}, content_type="application/json").status_code == 401


def test_list_filters_by_young_person(world, meetings, api_for):
    MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 11, 2))

    response = api_for(world.manager_a).get(f"/api/v1/meetings/?young_person={world.yp_b.public_id}")
    mine = api_for(world.manager_a).get(f"/api/v1/meetings/?young_person={world.yp_a.public_id}&meeting_type=pep")

    assert response.json()["count"] == 0  # yp_b is provider B's
    assert [row["held_on"] for row in mine.json()["results"]] == ["2026-11-02", "2026-10-14"]


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", ["mentor_a", "vs_x"])
def test_list_query_count_is_flat(rows, name, world, api_for, django_assert_num_queries):
    for n in range(rows):
        MeetingFactory(agreement=world.agreement_a, author=world.mentor_a, held_on=date(2026, 9, 8) + timedelta(days=n))
    client = api_for(world.personas[name])

    # token with its user, membership, (a mentor's caseload,) count, rows
    # + 1: the audit insert naming the meetings returned (R14)
    with django_assert_num_queries({"mentor_a": 6, "vs_x": 5}[name]):
        response = client.get("/api/v1/meetings/")

    assert response.json()["count"] == rows
    assert len(response.json()["results"]) == rows


# --- Create -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_create_by_persona(name, world, api_for):
    client = api_for(world.personas[name])
    before = db_snapshot(allow_audit=MEETING_VIEWED)

    response = client.post("/api/v1/meetings/", _payload(world), format="json")

    if name in WRITES_A:
        assert response.status_code == 201
        meeting = Meeting.objects.get(public_id=response.json()["public_id"])
        assert (meeting.agreement, meeting.author) == (world.agreement_a, world.personas[name])
        assert response.json()["young_person_views"] == "Wants to keep going to football club."
        assert AuditEvent.objects.filter(action="meeting.recorded").count() == 1
    elif name in SEES_AGREEMENT_A_ONLY:
        assert response.status_code == 403
        assert db_snapshot(allow_audit=MEETING_VIEWED) == before
    else:
        assert response.status_code == 400
        assert response.json() == {"agreement": ["No agreement with this id was found."]}
        assert db_snapshot(allow_audit=MEETING_VIEWED) == before


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"held_on": "2026-09-01"},
            {"held_on": ["The meeting cannot be before the agreement started on 7 September 2026."]},
        ),
        (
            # Worked out when the test runs, not when it is collected (a run may cross midnight).
            {"held_on": lambda: (timezone.localdate() + timedelta(days=366)).isoformat()},
            {"held_on": ["The meeting cannot be more than a year ahead."]},
        ),
        (
            {"engagement": " ", "young_person_views": ""},
            {
                "engagement": [
                    "A written contribution cannot be empty: write about engagement, progress, "
                    "the young person's views or recommended actions."
                ]
            },
        ),
        ({"meeting_type": "party"}, {"meeting_type": ['"party" is not a valid choice.']}),
        (
            {"held_on": "not a date"},
            {"held_on": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
        ),
        ({"progress": "x" * 4001}, {"progress": ["Ensure this field has no more than 4000 characters."]}),
    ],
)
def test_create_refusals_answer_field_errors_and_change_nothing(overrides, expected, world, api_for):
    client = api_for(world.mentor_a)
    overrides = {key: value() if callable(value) else value for key, value in overrides.items()}
    before = db_snapshot(allow_audit=MEETING_VIEWED)

    response = client.post("/api/v1/meetings/", _payload(world, **overrides), format="json")

    assert response.status_code == 400
    assert response.json() == expected
    assert db_snapshot(allow_audit=MEETING_VIEWED) == before


def test_create_needs_the_meeting_fields(world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/meetings/", {"agreement": str(world.agreement_a.public_id)}, format="json"
    )

    assert response.status_code == 400
    assert sorted(response.json()) == ["attendance", "held_on", "meeting_type"]
    assert Meeting.objects.count() == 0


# --- Update -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_patch_by_persona(name, world, meetings, api_for):
    meeting = meetings["a"]
    client = api_for(world.personas[name])
    before = db_snapshot(allow_audit=MEETING_VIEWED)

    response = client.patch(
        f"/api/v1/meetings/{meeting.public_id}/", {"recommended_actions": "Visit college.", "version": 1}, format="json"
    )

    meeting.refresh_from_db()
    if name in WRITES_A:
        assert response.status_code == 200
        assert response.json()["recommended_actions"] == "Visit college."
        assert meeting.recommended_actions == "Visit college."
        assert response.json()["progress"] == "In school four days most weeks."  # untouched
    else:
        assert response.status_code == (403 if name in SEES_A else 404)
        assert db_snapshot(allow_audit=MEETING_VIEWED) == before
        assert "Quillfeather" not in response.content.decode()


def test_put_replaces_every_field(world, meetings, api_for):
    meeting = meetings["a"]
    payload = _payload(world, held_on="2026-10-20", attendance="attended", engagement="", young_person_views="")
    del payload["agreement"]
    payload["version"] = 1

    response = api_for(world.manager_a).put(f"/api/v1/meetings/{meeting.public_id}/", payload, format="json")

    meeting.refresh_from_db()
    assert response.status_code == 200
    assert (meeting.held_on, meeting.attendance, meeting.engagement) == (date(2026, 10, 20), "attended", "")
    assert meeting.progress == ""  # left out of a PUT: cleared
    event = AuditEvent.objects.get(action="meeting.updated")
    assert event.before["attendance"] == "written"


def test_put_needs_the_meeting_fields(world, meetings, api_for):
    client = api_for(world.manager_a)
    before = db_snapshot(allow_audit=MEETING_VIEWED)

    response = client.put(
        f"/api/v1/meetings/{meetings['a'].public_id}/", {"engagement": "Only this.", "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert sorted(response.json()) == ["attendance", "held_on", "meeting_type"]
    assert db_snapshot(allow_audit=MEETING_VIEWED) == before


def test_patch_refusal_answers_field_errors_and_changes_nothing(world, meetings, api_for):
    client = api_for(world.mentor_a)
    before = db_snapshot(allow_audit=MEETING_VIEWED)

    response = client.patch(
        f"/api/v1/meetings/{meetings['a'].public_id}/",
        {"engagement": "", "progress": "", "young_person_views": "", "recommended_actions": "", "version": 1},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["engagement"]
    assert db_snapshot(allow_audit=MEETING_VIEWED) == before


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_change_without_a_version_answers_428_and_changes_nothing(method, world, meetings, api_for):
    client = api_for(world.manager_a)
    body = _payload(world, recommended_actions="Unversioned.")
    del body["agreement"]
    before = db_snapshot(allow_audit=MEETING_VIEWED)

    response = getattr(client, method)(f"/api/v1/meetings/{meetings['a'].public_id}/", body, format="json")

    assert response.status_code == 428
    assert response.json() == {
        "detail": "Send the version of the record you read, so no one's change is overwritten without notice."
    }
    assert db_snapshot(allow_audit=MEETING_VIEWED) == before


def test_two_patches_from_the_same_read_keep_the_first(world, meetings, api_for):
    client = api_for(world.manager_a)
    url = f"/api/v1/meetings/{meetings['a'].public_id}/"
    read = client.get(url).json()["version"]

    first = client.patch(url, {"recommended_actions": "First.", "version": read}, format="json")
    before = db_snapshot(allow_audit=MEETING_VIEWED)
    second = client.patch(url, {"progress": "Second.", "version": read}, format="json")

    assert (first.status_code, second.status_code) == (200, 409)
    assert (first.json()["version"], second.json()) == (
        2,
        {
            "detail": "Someone else changed this record since you read it: read it again, and send your change "
            "with its current version."
        },
    )
    assert db_snapshot(allow_audit=MEETING_VIEWED) == before


def test_meetings_cannot_be_deleted(world, meetings, api_for):
    response = api_for(world.manager_a).delete(f"/api/v1/meetings/{meetings['a'].public_id}/")

    assert response.status_code == 405
    assert Meeting.objects.filter(pk=meetings["a"].pk).exists()
