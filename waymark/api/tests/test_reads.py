"""What the read endpoints return: fields, filters and what finance officers do not see."""

from __future__ import annotations

import datetime

import pytest

from waymark.agreements.enums import AgreementStatus, OrderFormStatus
from waymark.agreements.models import IndividualAgreement
from waymark.core.clock import local_today
from waymark.organisations.models import same_scope_as
from waymark.outcomes.models import Outcome
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory, OrderFormFactory


def test_agreement_shows_deadlines_and_the_current_mentor(world, api_for):
    body = api_for(world.vs_x).get(f"/api/v1/agreements/{world.agreement_a.public_id}/").json()

    assert body["young_person"] == str(world.yp_a.public_id)
    assert body["first_contact_due_on"] == "2026-09-09"
    assert body["first_contact_on"] is None
    assert body["first_contact_status"] == "overdue"
    assert body["first_meeting_status"] == "not_started"
    assert body["substitution_status"] == "not_needed"
    assert body["current_mentor"] == {"public_id": str(world.mentor_a.public_id), "name": "Alys Mentor-Brightpath"}


def test_no_sequential_ids_in_output(world, api_for):
    client = api_for(world.manager_a)
    for endpoint in ("young-people", "order-forms", "agreements", "assignments", "contacts"):
        for row in client.get(f"/api/v1/{endpoint}/").json()["results"]:
            assert "id" not in row
            assert "pk" not in row


@pytest.fixture
def outcome_and_end_reason(world):
    Outcome.objects.create(
        order_form=world.order_form_a,
        **same_scope_as(world.order_form_a),
        description="Attend school every day",
        position=1,
    )
    IndividualAgreement.objects.filter(pk=world.agreement_a.pk).update(end_reason="Placement moved out of area.")


def test_finance_sees_order_forms_and_agreements_without_notes(world, outcome_and_end_reason, api_for):
    client = api_for(world.finance_a)

    order_form = client.get(f"/api/v1/order-forms/{world.order_form_a.public_id}/").json()
    agreement = client.get(f"/api/v1/agreements/{world.agreement_a.public_id}/").json()

    assert order_form["referral_reason"] is None
    assert order_form["outcomes"] is None
    assert order_form["decline_reason"] is None
    assert order_form["first_contact_due_on"] == "2026-09-09"
    assert agreement["end_reason"] is None
    assert agreement["first_contact_status"] == "overdue"


def test_service_manager_sees_the_notes(world, outcome_and_end_reason, api_for):
    client = api_for(world.manager_a)

    order_form = client.get(f"/api/v1/order-forms/{world.order_form_a.public_id}/").json()
    agreement = client.get(f"/api/v1/agreements/{world.agreement_a.public_id}/").json()

    assert order_form["referral_reason"] == "Struggling to attend school since a placement move."
    assert order_form["outcomes"] == ["Attend school every day"]
    assert agreement["end_reason"] == "Placement moved out of area."


@pytest.fixture
def second_agreement(world):
    """An ended agreement of council X with provider A whose first contact was on time."""
    received = local_today() - datetime.timedelta(days=30)
    agreement = IndividualAgreementFactory(
        order_form=OrderFormFactory(
            framework=world.framework_xa, status=OrderFormStatus.ACCEPTED, received_on=received
        ),
        status=AgreementStatus.ENDED,
        first_contact_on=received,
    )
    AssignmentFactory(agreement=agreement, mentor=world.mentor_a2, assigned_by=world.manager_a)
    return agreement


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"agreement_a", "second"}),
        ("?status=active", {"agreement_a"}),
        ("?status=ended", {"second"}),
        ("?first_contact_status=overdue", {"agreement_a"}),
        ("?first_contact_status=met", {"second"}),
        ("?first_contact_status=due", set()),
        ("?status=ended&first_contact_status=overdue", set()),
    ],
)
def test_agreement_filters(query, expected, world, second_agreement, api_for):
    names = {str(world.agreement_a.public_id): "agreement_a", str(second_agreement.public_id): "second"}

    response = api_for(world.manager_a).get(f"/api/v1/agreements/{query}")

    assert response.status_code == 200
    assert {names[row["public_id"]] for row in response.json()["results"]} == expected


def test_agreement_filter_with_unknown_value_is_400(world, api_for):
    response = api_for(world.manager_a).get("/api/v1/agreements/?first_contact_status=soonish")

    assert response.status_code == 400
    assert list(response.json()) == ["first_contact_status"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?status=received", {"received"}), ("?status=accepted", {"order_form_a"}), ("", {"received", "order_form_a"})],
)
def test_order_form_filters(query, expected, world, received_order_form, api_for):
    names = {str(world.order_form_a.public_id): "order_form_a", str(received_order_form.public_id): "received"}

    response = api_for(world.manager_a).get(f"/api/v1/order-forms/{query}")

    assert {names[row["public_id"]] for row in response.json()["results"]} == expected


@pytest.mark.parametrize("endpoint", ["young-people", "order-forms", "agreements", "assignments", "contacts"])
def test_a_path_that_is_not_a_uuid_is_404(endpoint, world, api_for):
    response = api_for(world.manager_a).get(f"/api/v1/{endpoint}/12/")

    assert response.status_code == 404
