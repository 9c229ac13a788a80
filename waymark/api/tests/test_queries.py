"""List endpoints cost the same number of queries for 1 row as for 3 (docs/architecture.md "Scale").

Each request: the token with its user (1), the user's membership (1), the page's count
(1) and rows (1), plus one query per prefetched relation (an Order Form's outcomes, an
agreement's current mentor), and the one audit insert naming the rows returned (R14).
"""

from __future__ import annotations

import pytest

from waymark.agreements.enums import OrderFormStatus
from waymark.organisations.models import same_scope_as
from waymark.outcomes.models import Outcome
from waymark.testing.factories import (
    AssignmentFactory,
    ContactFactory,
    IndividualAgreementFactory,
    OrderFormFactory,
)

QUERIES = {
    "young-people": 4,
    "order-forms": 5,  # + outcomes
    "agreements": 5,  # + current assignments with their mentors
    "assignments": 4,
    "contacts": 4,
}

# A mentor's caseload (their current agreements) is fetched first: one more query.
# Every list writes one audit event naming the rows returned (R14): one insert.
LIST_READ_AUDIT = 1
CASELOAD_QUERIES = {"mentor_a": 1}


def _add_case(world, mentor):
    """One more young person of council X with provider A, with everything a list shows."""
    order_form = OrderFormFactory(
        framework=world.framework_xa, status=OrderFormStatus.ACCEPTED, submitted_by=world.vs_x
    )
    Outcome.objects.create(order_form=order_form, **same_scope_as(order_form), description="Attend school", position=1)
    Outcome.objects.create(order_form=order_form, **same_scope_as(order_form), description="Join a club", position=2)
    agreement = IndividualAgreementFactory(order_form=order_form)
    AssignmentFactory(agreement=agreement, mentor=mentor, assigned_by=world.manager_a)
    ContactFactory(agreement=agreement, author=mentor)


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("name", ["manager_a", "mentor_a"])
@pytest.mark.parametrize("endpoint", list(QUERIES))
def test_list_query_count_is_flat(endpoint, name, rows, world, api_for, django_assert_num_queries):
    Outcome.objects.create(
        order_form=world.order_form_a, **same_scope_as(world.order_form_a), description="Attend school", position=1
    )
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a)
    for _ in range(rows - 1):
        _add_case(world, world.mentor_a)
    client = api_for(world.personas[name])
    url = f"/api/v1/{endpoint}/"

    with django_assert_num_queries(QUERIES[endpoint] + CASELOAD_QUERIES.get(name, 0) + LIST_READ_AUDIT):
        response = client.get(url)

    assert response.status_code == 200
    assert response.json()["count"] == rows
    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_council_agreement_list_query_count_is_flat(rows, world, api_for, django_assert_num_queries):
    for _ in range(rows - 1):
        _add_case(world, world.mentor_a2)
    client = api_for(world.vs_x)

    with django_assert_num_queries(6):  # 5, + the audit insert naming the rows (R14)
        response = client.get("/api/v1/agreements/?first_contact_status=overdue")

    assert response.json()["count"] == rows
