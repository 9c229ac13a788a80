"""Sessions and the complete contact in the API: the same rules as the pages (#3)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from waymark.contacts.enums import SessionStatus
from waymark.contacts.models import Contact, Session
from waymark.organisations.models import same_scope_as
from waymark.testing.db import db_snapshot
from waymark.testing.factories import AssignmentFactory, ContactFactory, IndividualAgreementFactory
from waymark.testing.personas import PERSONAS

from .helpers import contact_payload

ALL = list(PERSONAS)
SEES_SESSION_A = {"mentor_a", "manager_a", "dsl_a", "volunteer_a"}
SEES_SESSION_B = {"mentor_b", "manager_b"}


def _session(world, *, agreement=None, mentor=None, days=2, **extra):
    return Session.objects.create(
        agreement=agreement or world.agreement_a,
        **same_scope_as(agreement or world.agreement_a),
        mentor=mentor or world.mentor_a,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        duration_minutes=60,
        location="Hollowmere library",
        created_by=mentor or world.mentor_a,
        **extra,
    )


def _payload(agreement, **overrides):
    payload = {
        "agreement": str(agreement.public_id),
        "starts_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
        "duration_minutes": 90,
        "location": "Saltmarsh climbing wall",
        "purpose": "Beginners' wall.",
    }
    payload.update(overrides)
    return payload


# --- Reading -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_session_list_shows_exactly_the_persona_scope(name, world, api_for):
    a = _session(world, volunteer=world.volunteer_a)
    b = _session(world, agreement=world.agreement_b, mentor=world.mentor_b)

    response = api_for(world.personas[name]).get("/api/v1/sessions/")

    assert response.status_code == 200
    expected = set()
    if name in SEES_SESSION_A:
        expected.add(str(a.public_id))
    if name in SEES_SESSION_B:
        expected.add(str(b.public_id))
    assert {row["public_id"] for row in response.json()["results"]} == expected


@pytest.mark.parametrize("name", ALL)
def test_session_retrieve_answers_404_when_hidden(name, world, api_for):
    session = _session(world, volunteer=world.volunteer_a)

    response = api_for(world.personas[name]).get(f"/api/v1/sessions/{session.public_id}/")

    if name in SEES_SESSION_A:
        assert response.status_code == 200
        assert response.json()["young_person"] == {"public_id": str(world.yp_a.public_id), "initials": "TQ"}
    else:
        assert response.status_code == 404
        assert "Hollowmere" not in response.content.decode()
    assert "Quillfeather" not in response.content.decode()
    assert "Tamsin" not in response.content.decode()


def test_session_shape(world, api_for):
    session = _session(world, volunteer=world.volunteer_a, purpose="Climb.")

    body = api_for(world.mentor_a).get(f"/api/v1/sessions/{session.public_id}/").json()

    assert body["mentor"] == {"public_id": str(world.mentor_a.public_id), "name": world.mentor_a.full_name}
    assert body["volunteer"]["public_id"] == str(world.volunteer_a.public_id)
    assert (body["status"], body["duration_minutes"], body["location"], body["purpose"], body["contact"]) == (
        "planned",
        60,
        "Hollowmere library",
        "Climb.",
        None,
    )


def test_session_list_filters_by_status(world, api_for):
    planned = _session(world)
    _session(world, status=SessionStatus.CANCELLED, cancelled_by="carer")

    response = api_for(world.mentor_a).get("/api/v1/sessions/?status=planned")

    assert [row["public_id"] for row in response.json()["results"]] == [str(planned.public_id)]


def test_anonymous_gets_401(client, world):
    session = _session(world)

    for url in ("/api/v1/sessions/", f"/api/v1/sessions/{session.public_id}/"):
        assert client.get(url).status_code == 401


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", ["mentor_a", "manager_a", "volunteer_a"])
def test_session_list_query_count_is_flat(rows, name, world, api_for, django_assert_num_queries):
    for day in range(rows):
        agreement = IndividualAgreementFactory(order_form__framework=world.framework_xa)
        AssignmentFactory(agreement=agreement, mentor=world.mentor_a, assigned_by=world.manager_a)
        _session(world, agreement=agreement, days=day + 1, volunteer=world.volunteer_a)
    client = api_for(world.personas[name])

    # token with its user, membership, (a mentor's caseload,) count, rows (everything joined)
    # + 1: the audit insert naming the sessions returned (R14)
    with django_assert_num_queries({"mentor_a": 6, "manager_a": 5, "volunteer_a": 5}[name]):
        response = client.get("/api/v1/sessions/")

    assert response.json()["count"] == rows


# --- Planning ---------------------------------------------------------------------------


def test_session_create_by_the_mentor(world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/sessions/", _payload(world.agreement_a, volunteer=str(world.volunteer_a.public_id)), format="json"
    )

    assert response.status_code == 201
    session = Session.objects.get(public_id=response.json()["public_id"])
    assert (session.mentor, session.volunteer, session.duration_minutes) == (world.mentor_a, world.volunteer_a, 90)
    assert response.json()["status"] == "planned"


def test_session_create_in_the_past_is_a_field_error(world, api_for):
    earlier = (timezone.now() - datetime.timedelta(hours=1)).isoformat()

    response = api_for(world.mentor_a).post(
        "/api/v1/sessions/", _payload(world.agreement_a, starts_at=earlier), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["starts_at"]
    assert "A session in the past cannot be planned" in response.json()["starts_at"][0]
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"duration_minutes": 4}, "duration_minutes"),
        ({"duration_minutes": 20 * 60}, "duration_minutes"),
        ({"location": ""}, "location"),
        ({"starts_at": "soon"}, "starts_at"),
        ({"volunteer": "not-a-uuid"}, "volunteer"),
    ],
)
def test_session_create_bad_input_is_a_field_error(overrides, field, world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/sessions/", _payload(world.agreement_a, **overrides), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Session.objects.exists()


def test_session_create_with_a_volunteer_of_another_provider_is_not_found(world, api_for):
    stranger = world.mentor_b

    response = api_for(world.mentor_a).post(
        "/api/v1/sessions/", _payload(world.agreement_a, volunteer=str(stranger.public_id)), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"volunteer": ["No volunteer with this id was found."]}


def test_session_create_with_a_mentor_as_volunteer_is_refused(world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/sessions/", _payload(world.agreement_a, volunteer=str(world.mentor_a2.public_id)), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"volunteer": ["Choose a volunteer of this provider."]}


SESSION_CREATE = {"mentor_a": 201, "manager_a": 201, "dsl_a": 403, "finance_a": 403, "vs_x": 403}


@pytest.mark.parametrize("name", ALL)
def test_session_create_by_persona(name, world, api_for):
    client = api_for(world.personas[name])
    before = db_snapshot()

    response = client.post("/api/v1/sessions/", _payload(world.agreement_a), format="json")

    expected = SESSION_CREATE.get(name, 400)  # others do not see the agreement: "not found"
    assert response.status_code == expected
    if expected != 201:
        assert db_snapshot() == before
    if expected == 400:
        assert response.json() == {"agreement": ["No agreement with this id was found."]}


# --- Transitions ------------------------------------------------------------------------


def test_session_transition_held_logs_the_contact(world, api_for):
    session = _session(world, days=-1, volunteer=world.volunteer_a)

    response = api_for(world.mentor_a).post(
        f"/api/v1/sessions/{session.public_id}/transition/",
        {"status": "held", "mode": "face_to_face", "summary": "Climbed.", "young_person_words": "Sick."},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "held"
    contact = Contact.objects.get(public_id=body["contact"])
    assert (contact.volunteer, contact.staff_present, contact.young_person_words) == (
        world.volunteer_a,
        world.mentor_a,
        "Sick.",
    )


def test_session_transition_illegal_move_is_a_400(world, api_for):
    session = _session(world, status=SessionStatus.CANCELLED, cancelled_by="carer")
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(
        f"/api/v1/sessions/{session.public_id}/transition/", {"status": "held", "mode": "phone"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "cancelled"}, "cancelled_by"),
        ({"status": "planned"}, "status"),
        ({"status": "held", "mode": "carrier_pigeon"}, "mode"),
        ({"status": "held"}, "mode"),
        ({"status": "cancelled", "cancelled_by": "the_weather"}, "cancelled_by"),
    ],
)
def test_session_transition_bad_input_is_a_field_error(payload, field, world, api_for):
    session = _session(world, days=-1)
    client = api_for(world.mentor_a)
    before = db_snapshot()

    response = client.post(f"/api/v1/sessions/{session.public_id}/transition/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert db_snapshot() == before


TRANSITION = {"mentor_a": 200, "manager_a": 200, "dsl_a": 403, "volunteer_a": 403}


@pytest.mark.parametrize("name", ALL)
def test_session_transition_by_persona(name, world, api_for):
    session = _session(world, volunteer=world.volunteer_a)
    client = api_for(world.personas[name])
    before = db_snapshot()

    response = client.post(
        f"/api/v1/sessions/{session.public_id}/transition/",
        {"status": "cancelled", "cancelled_by": "young_person"},
        format="json",
    )

    assert response.status_code == TRANSITION.get(name, 404)
    if response.status_code != 200:
        assert db_snapshot() == before


# --- The complete contact -------------------------------------------------------------


def test_contact_create_with_every_detail(world, api_for):
    evening = timezone.localtime().replace(hour=19, minute=0, second=0, microsecond=0)
    if evening > timezone.localtime():
        evening -= datetime.timedelta(days=1)
    payload = contact_payload(
        world.agreement_a,
        occurred_at=evening.isoformat(),
        location="Library",
        participants=["young_person", "carer"],
        other_participants="Youth worker",
        young_person_words="Alright.",
        next_steps="Call Friday.",
        volunteer=str(world.volunteer_a.public_id),
        staff_present=str(world.mentor_a.public_id),
        submission_token=str(uuid.uuid4()),
    )

    response = api_for(world.mentor_a).post("/api/v1/contacts/", payload, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["location"], body["participants"], body["young_person_words"], body["next_steps"]) == (
        "Library",
        ["young_person", "carer"],
        "Alright.",
        "Call Friday.",
    )
    assert (body["is_evening"], body["is_late_evening"]) == (True, False)
    assert body["volunteer"]["public_id"] == str(world.volunteer_a.public_id)
    assert body["staff_present"]["public_id"] == str(world.mentor_a.public_id)


def test_contact_with_a_volunteer_alone_is_a_field_error(world, api_for):
    payload = contact_payload(world.agreement_a, volunteer=str(world.volunteer_a.public_id))

    response = api_for(world.mentor_a).post("/api/v1/contacts/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "staff_present": ["A volunteer can never be the only adult: name the member of staff who was present."]
    }
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"participants": ["headteacher"]}, "participants"),
        ({"location": "x" * 201}, "location"),
        ({"young_person_words": "x" * 4001}, "young_person_words"),
        ({"staff_present": "not-a-uuid"}, "staff_present"),
        ({"duration_minutes": 20 * 60}, "duration_minutes"),
    ],
)
def test_contact_detail_bad_input_is_a_field_error(overrides, field, world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/contacts/", {**contact_payload(world.agreement_a), **overrides}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Contact.objects.exists()


def test_volunteer_reads_the_contacts_they_took_part_in(world, api_for):
    joined = ContactFactory(
        agreement=world.agreement_a, author=world.mentor_a, volunteer=world.volunteer_a, staff_present=world.mentor_a
    )
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a)

    response = api_for(world.volunteer_a).get("/api/v1/contacts/")

    assert [row["public_id"] for row in response.json()["results"]] == [str(joined.public_id)]
