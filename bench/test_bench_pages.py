"""Timings for the busiest pages with a realistic provider's worth of data.

Run with `make bench` (pytest-benchmark). Query counts are asserted in the test suite;
these numbers are for watching trends, never pass/fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from waymark.agreements.enums import OrderFormStatus
from waymark.agreements.models import Assignment, IndividualAgreement, OrderForm
from waymark.contacts.models import Contact
from waymark.testing.factories import YoungPersonFactory
from waymark.testing.personas import build_world

ROWS = 2000


@pytest.fixture
def big_world(db: None) -> Any:
    world = build_world()
    from waymark.core.working_days import add_working_days

    young_people = YoungPersonFactory.create_batch(ROWS, council=world.council_x, provider=world.provider_a)
    forms = OrderForm.objects.bulk_create(
        [
            OrderForm(
                framework=world.framework_xa,
                young_person=yp,
                channel="email",
                received_on=world.order_form_a.received_on,
                first_contact_due_on=add_working_days(world.order_form_a.received_on, 2),
                status=OrderFormStatus.ACCEPTED,
                referral_reason="Bench",
                submitted_by=world.manager_a,
            )
            for yp in young_people
        ]
    )
    agreements = IndividualAgreement.objects.bulk_create(
        [
            IndividualAgreement(
                order_form=f, framework=world.framework_xa, young_person=f.young_person, start_date=f.received_on
            )
            for f in forms
        ]
    )
    Assignment.objects.bulk_create(
        [
            Assignment(agreement=a, mentor=world.mentor_a, started_on=a.start_date, assigned_by=world.manager_a)
            for a in agreements
        ]
    )
    Contact.objects.bulk_create(
        [
            Contact(
                agreement=a,
                author=world.mentor_a,
                occurred_at=world.assignment_a.created_at,
                occurred_on=a.start_date,
                mode="phone",
                outcome="made",
            )
            for a in agreements
        ]
    )
    return world


@pytest.mark.parametrize("url_name", ["agreements:list", "order_forms:list"])
def test_bench_manager_list(benchmark: Any, big_world: Any, url_name: str) -> None:
    client = Client()
    client.force_login(big_world.manager_a)
    url = reverse(url_name) + "?status=accepted" if url_name == "order_forms:list" else reverse(url_name)
    response = benchmark(client.get, url)
    assert response.status_code == 200


def test_bench_young_person_page(benchmark: Any, big_world: Any) -> None:
    client = Client()
    client.force_login(big_world.manager_a)
    url = reverse("young_people:detail", args=[big_world.yp_a.public_id])
    response = benchmark(client.get, url)
    assert response.status_code == 200
