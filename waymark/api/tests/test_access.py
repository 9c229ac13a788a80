"""Every endpoint tried by every persona (docs/access.md, docs/architecture.md "Tests").

Reads: each persona sees exactly the records of their scope; a hidden record answers
404 and leaks nothing. Writes: the allowed persona succeeds; every other persona gets
403 (visible, not allowed), 404 (hidden) or a 400 "not found" (a hidden record named in
the body), and nothing changes.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from waymark.agreements.enums import OrderFormStatus
from waymark.agreements.models import Assignment, IndividualAgreement, OrderForm
from waymark.audit.models import AuditEvent
from waymark.contacts.models import Contact
from waymark.core.clock import local_today
from waymark.testing.factories import ContactFactory
from waymark.testing.personas import PERSONAS
from waymark.young_people.models import YoungPerson

from .helpers import contact_payload, order_form_payload

ALL = list(PERSONAS)

# Who sees the A-side record (council X / provider A) and the B-side one (council Y / provider B).
SEES_A = {
    "young-people": {"mentor_a", "manager_a", "dsl_a", "vs_x"},
    "order-forms": {"mentor_a", "manager_a", "dsl_a", "finance_a", "vs_x"},
    "agreements": {"mentor_a", "manager_a", "dsl_a", "finance_a", "vs_x"},
    "assignments": {"mentor_a", "manager_a", "dsl_a", "vs_x"},
    "contacts": {"mentor_a", "manager_a", "dsl_a"},
}
SEES_B = {
    "young-people": {"mentor_b", "manager_b", "vs_y"},
    "order-forms": {"mentor_b", "manager_b", "vs_y"},
    "agreements": {"mentor_b", "manager_b", "vs_y"},
    "assignments": {"mentor_b", "manager_b", "vs_y"},
    "contacts": {"mentor_b", "manager_b"},
}


@pytest.fixture
def records(world: Any) -> dict[str, dict[str, Any]]:
    """endpoint -> {"a": the A-side record, "b": the B-side record}; one contact each side."""
    contact_a = ContactFactory(agreement=world.agreement_a, author=world.mentor_a)
    contact_b = ContactFactory(agreement=world.agreement_b, author=world.mentor_b)
    return {
        "young-people": {"a": world.yp_a, "b": world.yp_b},
        "order-forms": {"a": world.order_form_a, "b": world.order_form_b},
        "agreements": {"a": world.agreement_a, "b": world.agreement_b},
        "assignments": {"a": world.assignment_a, "b": world.assignment_b},
        "contacts": {"a": contact_a, "b": contact_b},
    }


def _ids(response: Any) -> set[str]:
    return {row["public_id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", list(SEES_A))
@pytest.mark.parametrize("name", ALL)
def test_list_shows_exactly_the_persona_scope(endpoint, name, world, records, api_for):
    response = api_for(world.personas[name]).get(f"/api/v1/{endpoint}/")

    assert response.status_code == 200
    expected = set()
    if name in SEES_A[endpoint]:
        expected.add(str(records[endpoint]["a"].public_id))
    if name in SEES_B[endpoint]:
        expected.add(str(records[endpoint]["b"].public_id))
    assert _ids(response) == expected


@pytest.mark.parametrize("endpoint", list(SEES_A))
@pytest.mark.parametrize("name", ALL)
def test_retrieve_answers_404_when_hidden(endpoint, name, world, records, api_for):
    record = records[endpoint]["a"]

    response = api_for(world.personas[name]).get(f"/api/v1/{endpoint}/{record.public_id}/")

    if name in SEES_A[endpoint]:
        assert response.status_code == 200
        assert response.json()["public_id"] == str(record.public_id)
    else:
        assert response.status_code == 404
        body = response.content.decode()
        assert "Quillfeather" not in body
        assert str(world.yp_a.public_id) not in body


@pytest.mark.parametrize("endpoint", list(SEES_A))
def test_anonymous_gets_401_with_token_challenge(endpoint, client, records):
    record = records[endpoint]["a"]
    for url in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{record.public_id}/"):
        response = client.get(url)

        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"


def test_anonymous_write_gets_401_and_creates_nothing(client, world):
    before = Contact.objects.count()

    response = client.post("/api/v1/contacts/", contact_payload(world.agreement_a), content_type="application/json")

    assert response.status_code == 401
    assert Contact.objects.count() == before


# --- Young people -------------------------------------------------------------------

YOUNG_PERSON_PATCH = {"manager_a": 200, "mentor_a": 403, "dsl_a": 403, "vs_x": 403}


@pytest.mark.parametrize("name", ALL)
def test_young_person_patch_by_persona(name, world, api_for):
    updates = AuditEvent.objects.filter(action="young_person.updated").count()

    response = api_for(world.personas[name]).patch(
        f"/api/v1/young-people/{world.yp_a.public_id}/",
        {"school_or_setting": "Newfield College", "version": 1},
        format="json",
    )

    assert response.status_code == YOUNG_PERSON_PATCH.get(name, 404)
    world.yp_a.refresh_from_db()
    if name == "manager_a":
        assert response.json()["school_or_setting"] == "Newfield College"
        assert world.yp_a.school_or_setting == "Newfield College"
        assert AuditEvent.objects.filter(action="young_person.updated").count() == updates + 1
    else:
        assert world.yp_a.school_or_setting == "Hollowmere Academy"
        assert AuditEvent.objects.filter(action="young_person.updated").count() == updates


@pytest.mark.parametrize("method", ["put", "delete", "post"])
def test_young_people_cannot_be_replaced_deleted_or_created(method, world, api_for):
    client = api_for(world.manager_a)
    url = "/api/v1/young-people/" if method == "post" else f"/api/v1/young-people/{world.yp_a.public_id}/"

    response = getattr(client, method)(url, {}, format="json")

    assert response.status_code == 405
    assert YoungPerson.objects.filter(pk=world.yp_a.pk).exists()


# --- Order Forms --------------------------------------------------------------------

ORDER_FORM_CREATE = {
    "vs_x": 201,
    "manager_a": 201,
    # A Virtual School officer or manager of another organisation: framework not found.
    "vs_y": 400,
    "manager_b": 400,
}


@pytest.mark.parametrize("name", ALL)
def test_order_form_create_by_persona(name, world, api_for):
    forms, people = OrderForm.objects.count(), YoungPerson.objects.count()

    response = api_for(world.personas[name]).post(
        "/api/v1/order-forms/", order_form_payload(world.framework_xa), format="json"
    )

    expected = ORDER_FORM_CREATE.get(name, 403)
    assert response.status_code == expected
    if expected == 201:
        assert OrderForm.objects.count() == forms + 1
        assert YoungPerson.objects.count() == people + 1
    else:
        assert OrderForm.objects.count() == forms
        assert YoungPerson.objects.count() == people
    if expected == 400:
        assert list(response.json()) == ["framework"]


DECIDE = {"manager_a": "ok", "dsl_a": 403, "finance_a": 403, "vs_x": 403}


@pytest.mark.parametrize("name", ALL)
def test_order_form_accept_by_persona(name, world, received_order_form, api_for):
    agreements = IndividualAgreement.objects.count()

    response = api_for(world.personas[name]).post(f"/api/v1/order-forms/{received_order_form.public_id}/accept/")

    received_order_form.refresh_from_db()
    if name == "manager_a":
        assert response.status_code == 201
        assert received_order_form.status == OrderFormStatus.ACCEPTED
        assert IndividualAgreement.objects.count() == agreements + 1
    else:
        assert response.status_code == DECIDE.get(name, 404)
        assert received_order_form.status == OrderFormStatus.RECEIVED
        assert IndividualAgreement.objects.count() == agreements


@pytest.mark.parametrize("name", ALL)
def test_order_form_decline_by_persona(name, world, received_order_form, api_for):
    response = api_for(world.personas[name]).post(
        f"/api/v1/order-forms/{received_order_form.public_id}/decline/", {"reason": "No capacity."}, format="json"
    )

    received_order_form.refresh_from_db()
    if name == "manager_a":
        assert response.status_code == 200
        assert response.json()["status"] == "declined"
        assert received_order_form.status == OrderFormStatus.DECLINED
    else:
        assert response.status_code == DECIDE.get(name, 404)
        assert received_order_form.status == OrderFormStatus.RECEIVED
        assert received_order_form.decline_reason == ""


# --- Assignments ----------------------------------------------------------------------

# The new agreement is visible to A-side provider readers and council X; hidden from the
# rest, who get a 400 "agreement not found".
ASSIGNMENT_CREATE = {"manager_a": 201, "dsl_a": 403, "finance_a": 403, "vs_x": 403}


@pytest.mark.parametrize("name", ALL)
def test_assignment_create_by_persona(name, world, unassigned_agreement, api_for):
    before = Assignment.objects.count()

    response = api_for(world.personas[name]).post(
        "/api/v1/assignments/",
        {"agreement": str(unassigned_agreement.public_id), "mentor": str(world.mentor_a2.public_id)},
        format="json",
    )

    expected = ASSIGNMENT_CREATE.get(name, 400)
    assert response.status_code == expected
    if expected == 201:
        assert response.json()["mentor"]["public_id"] == str(world.mentor_a2.public_id)
        assert Assignment.objects.count() == before + 1
    else:
        assert Assignment.objects.count() == before
    if expected == 400:
        assert list(response.json()) == ["agreement"]


SUBSTITUTE = {"manager_a": 200, "mentor_a": 403, "dsl_a": 403, "vs_x": 403}


@pytest.mark.parametrize("name", ALL)
def test_assignment_substitute_by_persona(name, world, api_for):
    before = Assignment.objects.count()

    response = api_for(world.personas[name]).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/substitute/",
        {"reason": "mentor_unavailable", "note": "Long-term sick leave.", "new_mentor": str(world.mentor_a2.public_id)},
        format="json",
    )

    assert response.status_code == SUBSTITUTE.get(name, 404)
    world.assignment_a.refresh_from_db()
    if name == "manager_a":
        assert world.assignment_a.ended_on == local_today()
        assert Assignment.objects.count() == before + 1
    else:
        assert world.assignment_a.ended_on is None
        assert Assignment.objects.count() == before


REJECT = {"vs_x": 200, "mentor_a": 403, "manager_a": 403, "dsl_a": 403}


@pytest.mark.parametrize("name", ALL)
def test_assignment_reject_by_persona(name, world, api_for):
    response = api_for(world.personas[name]).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/reject/",
        {"reason": "Not a good match."},
        format="json",
    )

    assert response.status_code == REJECT.get(name, 404)
    world.assignment_a.refresh_from_db()
    world.agreement_a.refresh_from_db()
    if name == "vs_x":
        assert world.assignment_a.end_reason == "rejected_by_council"
        assert world.agreement_a.substitution_due_on == datetime.date(
            2026, 12, 2
        )  # today, Wed 25 Nov, + 5 working days
    else:
        assert world.assignment_a.ended_on is None
        assert world.agreement_a.substitution_due_on is None


# --- Contacts -------------------------------------------------------------------------

CONTACT_CREATE = {"mentor_a": 201, "manager_a": 201, "dsl_a": 403, "finance_a": 403, "vs_x": 403}


@pytest.mark.parametrize("name", ALL)
def test_contact_create_by_persona(name, world, api_for):
    before = Contact.objects.count()

    response = api_for(world.personas[name]).post(
        "/api/v1/contacts/", contact_payload(world.agreement_a), format="json"
    )

    expected = CONTACT_CREATE.get(name, 400)
    assert response.status_code == expected
    if expected == 201:
        assert Contact.objects.count() == before + 1
        assert response.json()["author"]["public_id"] == str(world.personas[name].public_id)
    else:
        assert Contact.objects.count() == before
    if expected == 400:
        assert list(response.json()) == ["agreement"]
