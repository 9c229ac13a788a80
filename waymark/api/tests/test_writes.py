"""Writes through the API: what they create, and 400 with field errors for bad input."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from waymark.agreements.enums import OrderFormChannel, OrderFormStatus
from waymark.agreements.models import Assignment, IndividualAgreement, OrderForm
from waymark.audit.models import AuditEvent
from waymark.contacts.models import Contact
from waymark.core.clock import local_today
from waymark.core.working_days import add_working_days
from waymark.testing.db import assert_nothing_changed
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory, OrderFormFactory
from waymark.young_people.models import YoungPerson

from .helpers import contact_payload, order_form_payload

MARKUP = '<script>alert("x")</script><b onmouseover="steal()">bold</b> & done'


# --- Order Forms --------------------------------------------------------------------


def test_order_form_from_virtual_school_is_received_today_and_starts_r1(world, api_for):
    response = api_for(world.vs_x).post("/api/v1/order-forms/", order_form_payload(world.framework_xa), format="json")

    assert response.status_code == 201
    body = response.json()
    today = local_today()
    assert body["channel"] == OrderFormChannel.PORTAL
    assert body["received_on"] == today.isoformat()
    assert body["first_contact_due_on"] == add_working_days(today, 2).isoformat()
    assert body["first_contact_status"] == "due"
    assert body["outcomes"] == ["Attend school three days a week", "Join a club after school"]
    young_person = YoungPerson.objects.get(public_id=body["young_person"])
    assert (young_person.council, young_person.provider) == (world.council_x, world.provider_a)
    assert young_person.local_child_id == "NX-0100"


def test_order_form_recorded_by_manager_keeps_its_date_of_receipt(world, api_for):
    received_on = local_today() - datetime.timedelta(days=3)

    response = api_for(world.manager_a).post(
        "/api/v1/order-forms/",
        order_form_payload(world.framework_xa, received_on=received_on.isoformat()),
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["channel"] == OrderFormChannel.EMAIL
    assert response.json()["received_on"] == received_on.isoformat()
    assert response.json()["first_contact_due_on"] == add_working_days(received_on, 2).isoformat()


def test_order_form_received_in_the_future_is_refused(world, api_for):
    tomorrow = local_today() + datetime.timedelta(days=1)
    before = OrderForm.objects.count()

    response = api_for(world.manager_a).post(
        "/api/v1/order-forms/",
        order_form_payload(world.framework_xa, received_on=tomorrow.isoformat()),
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"received_on": ["The date of receipt cannot be in the future."]}
    assert OrderForm.objects.count() == before


def test_order_form_under_another_organisations_framework_is_not_found(world, api_for):
    before = OrderForm.objects.count()

    response = api_for(world.manager_a).post(
        "/api/v1/order-forms/", order_form_payload(world.framework_yb), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"framework": ["No framework agreement with this id was found."]}
    assert OrderForm.objects.count() == before


def test_order_form_errors_of_the_young_person_are_nested(world, api_for):
    payload = order_form_payload(world.framework_xa)
    payload["young_person"]["upn"] = "not-a-upn"

    response = api_for(world.vs_x).post("/api/v1/order-forms/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["young_person"]
    assert list(response.json()["young_person"]) == ["upn"]


def test_order_form_for_a_young_person_already_served_is_refused_on_the_nested_field(world, api_for):
    payload = order_form_payload(world.framework_xa)
    payload["young_person"]["local_child_id"] = world.yp_a.local_child_id  # active agreement already

    response = api_for(world.vs_x).post("/api/v1/order-forms/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["young_person"]
    assert "already has an Order Form" in response.json()["young_person"]["local_child_id"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("referral_reason", "x" * 4001),
        ("outcomes", ["y" * 1001]),
        ("outcomes", []),
    ],
)
def test_order_form_with_too_long_or_missing_text_is_refused(field, value, world, api_for):
    before = OrderForm.objects.count()

    response = api_for(world.vs_x).post(
        "/api/v1/order-forms/", order_form_payload(world.framework_xa, **{field: value}), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert OrderForm.objects.count() == before


def test_order_form_markup_is_kept_as_text(world, api_for):
    response = api_for(world.vs_x).post(
        "/api/v1/order-forms/", order_form_payload(world.framework_xa, referral_reason=MARKUP), format="json"
    )

    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["referral_reason"] == MARKUP
    assert OrderForm.objects.get(public_id=response.json()["public_id"]).referral_reason == MARKUP


def test_order_form_accept_forms_the_agreement(world, received_order_form, api_for):
    response = api_for(world.manager_a).post(f"/api/v1/order-forms/{received_order_form.public_id}/accept/")

    assert response.status_code == 201
    agreement = IndividualAgreement.objects.get(public_id=response.json()["public_id"])
    assert agreement.order_form == received_order_form
    assert response.json()["order_form"] == str(received_order_form.public_id)
    assert response.json()["current_mentor"] is None


def test_order_form_accepted_twice_is_a_non_field_error(world, api_for):
    response = api_for(world.manager_a).post(f"/api/v1/order-forms/{world.order_form_a.public_id}/accept/")

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize("reason", ["", "z" * 2001])
def test_order_form_decline_needs_a_reason_of_sensible_length(reason, world, received_order_form, api_for):
    response = api_for(world.manager_a).post(
        f"/api/v1/order-forms/{received_order_form.public_id}/decline/", {"reason": reason}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["reason"]
    received_order_form.refresh_from_db()
    assert received_order_form.status == OrderFormStatus.RECEIVED


# --- Young people -------------------------------------------------------------------


def test_young_person_retrieve_records_the_read(world, api_for):
    before = AuditEvent.objects.filter(action="young_person.viewed", young_person=world.yp_a).count()

    response = api_for(world.vs_x).get(f"/api/v1/young-people/{world.yp_a.public_id}/")

    assert response.status_code == 200
    assert response.json()["legal_last_name"] == "Quillfeather"
    assert response.json()["council"]["name"] == "Northshire County Council"
    viewed = AuditEvent.objects.filter(action="young_person.viewed", young_person=world.yp_a)
    assert viewed.count() == before + 1
    assert viewed.first().actor == world.vs_x


def test_young_person_list_does_not_record_a_read(world, api_for):
    before = AuditEvent.objects.filter(action="young_person.viewed").count()

    api_for(world.vs_x).get("/api/v1/young-people/")

    assert AuditEvent.objects.filter(action="young_person.viewed").count() == before


def test_young_person_patch_with_bad_upn_is_a_field_error(world, api_for):
    response = api_for(world.manager_a).patch(
        f"/api/v1/young-people/{world.yp_a.public_id}/", {"upn": "123", "version": 1}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["upn"]
    world.yp_a.refresh_from_db()
    assert world.yp_a.upn == ""


def test_young_person_patch_cannot_change_the_local_child_id(world, api_for):
    response = api_for(world.manager_a).patch(
        f"/api/v1/young-people/{world.yp_a.public_id}/", {"local_child_id": "CHANGED", "version": 1}, format="json"
    )

    assert response.status_code == 200
    world.yp_a.refresh_from_db()
    assert world.yp_a.local_child_id == "NX-0001"


# --- Assignments ----------------------------------------------------------------------


def test_assignment_create_assigns_the_mentor(world, unassigned_agreement, api_for):
    response = api_for(world.manager_a).post(
        "/api/v1/assignments/",
        {"agreement": str(unassigned_agreement.public_id), "mentor": str(world.mentor_a2.public_id)},
        format="json",
    )

    assert response.status_code == 201
    assignment = Assignment.objects.get(public_id=response.json()["public_id"])
    assert (assignment.agreement, assignment.mentor) == (unassigned_agreement, world.mentor_a2)
    assert response.json()["young_person"] == str(unassigned_agreement.young_person.public_id)


def test_second_mentor_without_substitution_is_refused(world, api_for):
    before = Assignment.objects.count()

    response = api_for(world.manager_a).post(
        "/api/v1/assignments/",
        {"agreement": str(world.agreement_a.public_id), "mentor": str(world.mentor_a2.public_id)},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["mentor"]
    assert response.json()["mentor"] == [
        "This young person already has a mentor. A mentor changes only by substitution, for a recorded reason."
    ]
    assert Assignment.objects.count() == before


@pytest.mark.parametrize("who", ["volunteer_a", "manager_a", "mentor_b"])
def test_only_a_staff_mentor_of_the_provider_can_be_assigned(who, world, unassigned_agreement, api_for):
    response = api_for(world.manager_a).post(
        "/api/v1/assignments/",
        {"agreement": str(unassigned_agreement.public_id), "mentor": str(world.personas[who].public_id)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"mentor": ["No mentor with this id was found."]}
    assert not Assignment.objects.filter(agreement=unassigned_agreement).exists()


def test_assignment_for_another_organisations_agreement_is_not_found(world, api_for):
    response = api_for(world.manager_a).post(
        "/api/v1/assignments/",
        {"agreement": str(world.agreement_b.public_id), "mentor": str(world.mentor_a2.public_id)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"agreement": ["No agreement with this id was found."]}


def test_assignment_start_in_the_future_is_a_field_error(world, unassigned_agreement, api_for):
    response = api_for(world.manager_a).post(
        "/api/v1/assignments/",
        {
            "agreement": str(unassigned_agreement.public_id),
            "mentor": str(world.mentor_a2.public_id),
            "started_on": (local_today() + datetime.timedelta(days=2)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["started_on"]


def test_assignment_substitute_before_previous_mentor_last_day_is_a_field_error(world, api_for):
    """R3 (#7): a substitute cannot start before the previous mentor's last day."""
    client = api_for(world.manager_a)
    client.post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/substitute/",
        {"reason": "mentor_unavailable", "note": "Moved away.", "ended_on": "2026-11-20"},
        format="json",
    )

    with assert_nothing_changed():
        response = client.post(
            "/api/v1/assignments/",
            {
                "agreement": str(world.agreement_a.public_id),
                "mentor": str(world.mentor_a2.public_id),
                "started_on": "2026-11-19",
            },
            format="json",
        )

    assert response.status_code == 400
    assert response.json() == {
        "started_on": ["The new mentor cannot start before the previous mentor's last day, 20 November 2026."]
    }


def test_assignment_of_a_mentor_rejected_under_an_earlier_agreement_is_a_field_error(world, api_for):
    """R4 (#7): the council's rejection holds for the young person's later agreements."""
    api_for(world.vs_x).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/reject/", {"reason": "Conflict."}, format="json"
    )
    IndividualAgreement.objects.filter(pk=world.agreement_a.pk).update(status="ended", end_date=local_today())
    later = IndividualAgreementFactory(
        order_form=OrderFormFactory(
            framework=world.framework_xa, young_person=world.yp_a, status=OrderFormStatus.ACCEPTED
        )
    )

    client = api_for(world.manager_a)

    with assert_nothing_changed():
        response = client.post(
            "/api/v1/assignments/",
            {"agreement": str(later.public_id), "mentor": str(world.mentor_a.public_id)},
            format="json",
        )

    assert response.status_code == 400
    assert response.json() == {"mentor": ["The council has rejected this mentor for this young person."]}


def test_substitute_with_new_mentor_ends_one_and_starts_the_other(world, api_for):
    response = api_for(world.manager_a).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/substitute/",
        {"reason": "mentor_unavailable", "note": "Moved away.", "new_mentor": str(world.mentor_a2.public_id)},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["ended"]["public_id"] == str(world.assignment_a.public_id)
    assert body["ended"]["end_reason"] == "mentor_unavailable"
    assert body["ended"]["is_current"] is False
    assert body["substitute"]["mentor"]["public_id"] == str(world.mentor_a2.public_id)
    assert body["substitute"]["is_substitute"] is True
    assert body["substitute"]["substitution_opened_on"] == local_today().isoformat()
    assert body["substitute"]["substitution_due_on"] == (local_today() + datetime.timedelta(days=7)).isoformat()
    world.agreement_a.refresh_from_db()
    assert world.agreement_a.substituted_on == local_today()


def test_substitute_without_new_mentor_opens_the_seven_day_clock(world, api_for):
    response = api_for(world.manager_a).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/substitute/",
        {"reason": "mentor_unavailable", "note": "Moved away."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["substitute"] is None
    agreement = api_for(world.manager_a).get(f"/api/v1/agreements/{world.agreement_a.public_id}/").json()
    assert agreement["substitution_due_on"] == (local_today() + datetime.timedelta(days=7)).isoformat()
    assert agreement["substitution_status"] == "due"
    assert agreement["current_mentor"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"reason": "agreement_ended", "note": "Ended."}, "reason"),
        ({"reason": "mentor_unavailable", "note": ""}, "note"),
        ({"reason": "mentor_unavailable", "note": "n" * 2001}, "note"),
        ({"reason": "mentor_unavailable", "note": "Ill.", "new_mentor": "volunteer_a"}, "new_mentor"),
        ({"reason": "mentor_unavailable", "note": "Ill.", "new_mentor": "mentor_b"}, "new_mentor"),
    ],
)
def test_substitute_with_bad_input_is_a_field_error_and_changes_nothing(payload, field, world, api_for):
    if "new_mentor" in payload:
        payload = {**payload, "new_mentor": str(world.personas[payload["new_mentor"]].public_id)}

    response = api_for(world.manager_a).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/substitute/", payload, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.ended_on is None


def test_reject_by_the_council_ends_the_assignment(world, api_for):
    response = api_for(world.vs_x).post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/reject/", {"reason": MARKUP}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["end_reason"] == "rejected_by_council"
    assert response.json()["end_note"] == MARKUP
    assert response.json()["is_current"] is False


def test_reject_an_ended_assignment_is_a_non_field_error(world, api_for):
    client = api_for(world.vs_x)
    client.post(f"/api/v1/assignments/{world.assignment_a.public_id}/reject/", {"reason": "No."}, format="json")

    response = client.post(
        f"/api/v1/assignments/{world.assignment_a.public_id}/reject/", {"reason": "Again."}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


# --- Contacts -------------------------------------------------------------------------


def test_contact_create_logs_it_and_stops_the_r1_clock(world, api_for):
    response = api_for(world.mentor_a).post("/api/v1/contacts/", contact_payload(world.agreement_a), format="json")

    assert response.status_code == 201
    contact = Contact.objects.get(public_id=response.json()["public_id"])
    assert contact.author == world.mentor_a
    assert response.json()["young_person"] == str(world.yp_a.public_id)
    agreement = api_for(world.mentor_a).get(f"/api/v1/agreements/{world.agreement_a.public_id}/").json()
    assert agreement["first_contact_on"] == contact.occurred_on.isoformat()
    assert agreement["first_contact_status"] == "met_late"


def test_contact_with_the_same_submission_token_is_logged_once(world, api_for):
    client = api_for(world.mentor_a)
    payload = contact_payload(world.agreement_a, submission_token=str(uuid.uuid4()))
    before = Contact.objects.count()

    first = client.post("/api/v1/contacts/", payload, format="json")
    second = client.post("/api/v1/contacts/", payload, format="json")

    assert first.status_code == 201
    assert second.status_code == 201
    assert second.json() == first.json()
    assert Contact.objects.count() == before + 1


def test_contact_submission_token_reused_for_another_agreement_is_refused(world, api_for):
    other = IndividualAgreementFactory(
        order_form=OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.ACCEPTED)
    )
    AssignmentFactory(agreement=other, mentor=world.mentor_a, assigned_by=world.manager_a)
    client = api_for(world.mentor_a)
    token = str(uuid.uuid4())
    assert (
        client.post(
            "/api/v1/contacts/", contact_payload(world.agreement_a, submission_token=token), format="json"
        ).status_code
        == 201
    )
    before = Contact.objects.count()

    response = client.post("/api/v1/contacts/", contact_payload(other, submission_token=token), format="json")

    # The service refuses it (a non-field error); the API's own guard answers on the field.
    assert response.status_code == 400
    assert list(response.json()) in (["non_field_errors"], ["submission_token"])
    assert "already used" in str(response.json())
    assert Contact.objects.count() == before


def test_face_to_face_contact_is_refused_when_restricted(world, api_for):
    YoungPerson.objects.filter(pk=world.yp_a.pk).update(face_to_face_restricted=True)

    response = api_for(world.mentor_a).post(
        "/api/v1/contacts/", contact_payload(world.agreement_a, mode="face_to_face"), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "mode": [
            ("Face-to-face contact is legally restricted for this young person: choose phone, video call or message.")
        ]
    }
    assert not Contact.objects.filter(agreement=world.agreement_a).exists()


def test_other_mode_contact_is_refused_when_restricted(world, api_for):
    """R8 holds in the service: the API refuses "other" for a restricted young person."""
    YoungPerson.objects.filter(pk=world.yp_a.pk).update(face_to_face_restricted=True)
    client = api_for(world.mentor_a)

    with assert_nothing_changed():
        response = client.post(
            "/api/v1/contacts/", contact_payload(world.agreement_a, mode="other", outcome="attempted"), format="json"
        )

    assert response.status_code == 400
    assert response.json() == {
        "mode": [
            ("Face-to-face contact is legally restricted for this young person: choose phone, video call or message.")
        ]
    }


def test_contact_for_another_organisations_agreement_is_not_found(world, api_for):
    response = api_for(world.manager_a).post("/api/v1/contacts/", contact_payload(world.agreement_b), format="json")

    assert response.status_code == 400
    assert response.json() == {"agreement": ["No agreement with this id was found."]}
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"summary": "s" * 10001}, "summary"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 12 * 60 + 1}, "duration_minutes"),
        ({"mode": "carrier_pigeon"}, "mode"),
        ({"outcome": "maybe"}, "outcome"),
        ({"occurred_at": "yesterday-ish"}, "occurred_at"),
        ({"agreement": "not-a-uuid"}, "agreement"),
        ({"submission_token": "not-a-uuid"}, "submission_token"),
    ],
)
def test_contact_with_bad_input_is_a_field_error(overrides, field, world, api_for):
    payload = {**contact_payload(world.agreement_a), **overrides}

    response = api_for(world.mentor_a).post("/api/v1/contacts/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Contact.objects.exists()


def test_contact_in_the_future_is_a_field_error_from_the_service(world, api_for):
    later = (timezone.now() + datetime.timedelta(hours=2)).isoformat()

    response = api_for(world.mentor_a).post(
        "/api/v1/contacts/", contact_payload(world.agreement_a, occurred_at=later), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"occurred_at": ["The contact cannot be in the future."]}


def test_first_meeting_by_phone_is_refused_when_not_restricted(world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/contacts/", contact_payload(world.agreement_a, is_first_meeting=True), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["is_first_meeting"]


def test_contact_summary_markup_is_kept_as_text(world, api_for):
    response = api_for(world.mentor_a).post(
        "/api/v1/contacts/", contact_payload(world.agreement_a, summary=MARKUP), format="json"
    )

    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["summary"] == MARKUP
    assert Contact.objects.get(public_id=response.json()["public_id"]).summary == MARKUP


def test_malformed_json_is_a_400(world, api_for):
    response = api_for(world.mentor_a).post("/api/v1/contacts/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_form_encoded_bodies_are_not_accepted(world, api_for):
    response = api_for(world.mentor_a).post("/api/v1/contacts/", contact_payload(world.agreement_a))

    assert response.status_code == 415
    assert not Contact.objects.exists()
