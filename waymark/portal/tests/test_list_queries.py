"""List pages keep a flat query count as rows grow (docs/architecture.md, Scale)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waymark.agreements.enums import OrderFormStatus
from waymark.notifications.models import Notification
from waymark.testing.factories import AssignmentFactory, ContactFactory, IndividualAgreementFactory, OrderFormFactory
from waymark.testing.personas import World


def _add_agreements(world: World, n: int) -> None:
    """``n`` more agreements for provider A, each with a mentor and a contact."""
    for _ in range(n):
        agreement = IndividualAgreementFactory(order_form__framework=world.framework_xa)
        AssignmentFactory(agreement=agreement, mentor=world.mentor_a, assigned_by=world.manager_a)
        ContactFactory(agreement=agreement, author=world.mentor_a)
        OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.RECEIVED)
        Notification.objects.create(recipient=world.manager_a, verb="test", message="Note")


# Rows each list counts once 30 cases are added to the test world's own (1 + 29 in the test).
ROWS: dict[tuple[str, str, str], int] = {
    ("manager_a", "agreements:list", ""): 31,
    ("manager_a", "agreements:list", "?deadline=attention&sort=name&direction=desc"): 31,
    ("mentor_a", "agreements:list", ""): 31,
    ("vs_x", "agreements:list", ""): 31,
    ("manager_a", "order_forms:list", ""): 30,
    ("vs_x", "order_forms:list", "?status=received"): 30,
    ("manager_a", "notifications:list", ""): 30,
}


def _count(client: Client, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(
    ("persona", "url_name", "query", "queries"),
    [
        # Each list of agreements or Order Forms includes the one audit insert naming the
        # rows shown (R14).
        ("manager_a", "agreements:list", "", 10),
        ("manager_a", "agreements:list", "?deadline=attention&sort=name&direction=desc", 10),
        ("mentor_a", "agreements:list", "", 9),
        ("vs_x", "agreements:list", "", 9),
        ("manager_a", "order_forms:list", "", 8),
        ("vs_x", "order_forms:list", "?status=received", 8),
        ("manager_a", "notifications:list", "", 6),
    ],
)
def test_list_page_query_count_is_flat(
    world: World, client_for: Callable[[Any], Client], persona: str, url_name: str, query: str, queries: int
) -> None:
    client = client_for(world.personas[persona])
    url = reverse(url_name) + query
    _add_agreements(world, 1)
    few, _ = _count(client, url)

    _add_agreements(world, 29)
    many, response = _count(client, url)

    assert (few, many) == (queries, queries)
    assert response.context["page"].paginator.count == ROWS[(persona, url_name, query)]


def test_agreement_list_has_fixed_query_count(
    world: World, client_for: Callable[[Any], Client], django_assert_num_queries: Any
) -> None:
    """The literal count for the manager's dashboard with 30 rows: session, user,
    membership, mentor choices, count, the page, the audit insert naming the rows shown
    (R14), the current mentors, the unread notification count."""
    _add_agreements(world, 30)
    client = client_for(world.manager_a)
    client.get(reverse("agreements:list"))  # warm the session
    with django_assert_num_queries(10):
        response = client.get(reverse("agreements:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 31


def test_young_person_page_query_count_is_flat(world: World, client_for: Callable[[Any], Client]) -> None:
    """The overview and its timeline cost the same with 1 or 30 contacts and meetings."""
    from waymark.testing.meeting_factories import MeetingFactory

    client = client_for(world.manager_a)
    url = reverse("young_people:detail", args=[world.yp_a.public_id])
    ContactFactory(agreement=world.agreement_a, author=world.mentor_a)
    MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)
    few, _ = _count(client, url)

    for _ in range(29):
        ContactFactory(agreement=world.agreement_a, author=world.mentor_a)
        MeetingFactory(agreement=world.agreement_a, author=world.mentor_a)
    many, response = _count(client, url)

    assert (few, many) == (14, 14)
    # 30 contacts, 30 meetings and the two events the test world starts with
    assert len(response.context["timeline"]) == 62
