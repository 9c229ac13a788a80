"""Scoped lists are served by an index on the scoped table itself (#6, docs/architecture.md).

Every scoped record holds its own ``provider`` and ``council`` columns, so a provider's
or a council's list filters ``provider_id = …`` / ``council_id = …`` on the table through
a composite index that leads with that column, and a mentor's list filters on the
caseload's ids (``agreement_id IN (…)``). The planner is asked, on the database the tests
run on: SQLite answers ``EXPLAIN QUERY PLAN``; PostgreSQL answers ``EXPLAIN`` with
sequential scans priced out (``enable_seqscan = off``, for this transaction only), since
a test database is too small for the planner to prefer an index on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model, QuerySet

from waymark.agreements.models import IndividualAgreement, OrderForm
from waymark.agreements.selectors import agreement_list_visible_to, order_form_list_visible_to
from waymark.contacts.models import Contact, Session
from waymark.contacts.selectors import contact_list_visible_to, session_list_visible_to
from waymark.meetings.models import Meeting
from waymark.meetings.selectors import meeting_list_visible_to
from waymark.outcomes.models import IndicatorReading
from waymark.outcomes.selectors import indicator_reading_list_visible_to

pytestmark = pytest.mark.django_db

LISTS: dict[str, tuple[type[Model], Callable[..., QuerySet[Any]]]] = {
    "agreements": (IndividualAgreement, agreement_list_visible_to),
    "order forms": (OrderForm, order_form_list_visible_to),
    "contacts": (Contact, contact_list_visible_to),
    "sessions": (Session, session_list_visible_to),
    "meetings": (Meeting, meeting_list_visible_to),
    "indicator readings": (IndicatorReading, indicator_reading_list_visible_to),
}
# Contacts and sessions are the provider's: no council role lists them (docs/access.md).
COUNCIL_LISTS = [name for name in LISTS if name not in {"contacts", "sessions"}]


def _index_on(model: type[Model], column: str) -> str:
    """The name of the model's index that leads with ``column``."""
    (index,) = [i for i in model._meta.indexes if i.fields[0] == column]
    return str(index.name)


def _plan(queryset: QuerySet[Any]) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def _plan_lines_for(plan: str, table: str) -> list[str]:
    return [line for line in plan.splitlines() if f" {table}" in f" {line} "]


def _assert_indexed(plan: str, model: type[Model], index: str | None) -> None:
    """The scoped table is read through ``index`` (any index or key when ``None``)."""
    table = model._meta.db_table
    lines = _plan_lines_for(plan, table)
    assert lines, f"{table} is not in the plan:\n{plan}"
    if connection.vendor == "postgresql":
        kinds = ("Index Scan", "Index Only Scan", "Bitmap Index Scan")
        if index is not None:
            assert any(k in line and index in line for line in plan.splitlines() for k in kinds), plan
        else:
            reads = ("Index Scan", "Index Only Scan", "Bitmap Heap Scan")
            assert any(r in line for line in lines for r in reads), f"{table} is not read through an index:\n{plan}"
        assert not [line for line in lines if "Seq Scan" in line], f"{table} is scanned whole:\n{plan}"
    else:
        used = ("USING INDEX", "USING COVERING INDEX", "USING INTEGER PRIMARY KEY", "USING PRIMARY KEY")
        assert any(u in line for line in lines for u in used), f"{table} is scanned whole:\n{plan}"
        if index is not None:
            assert any(index in line for line in lines), f"{table} is not read through {index}:\n{plan}"


@pytest.mark.parametrize("name", list(LISTS))
def test_a_providers_list_is_served_by_the_provider_index(world, name):
    model, selector = LISTS[name]
    plan = _plan(selector(user=world.manager_a))
    _assert_indexed(plan, model, _index_on(model, "provider"))


@pytest.mark.parametrize("name", COUNCIL_LISTS)
def test_a_councils_list_is_served_by_the_council_index(world, name):
    model, selector = LISTS[name]
    plan = _plan(selector(user=world.vs_x))
    _assert_indexed(plan, model, _index_on(model, "council"))


@pytest.mark.parametrize("name", list(LISTS))
def test_a_mentors_list_is_served_by_an_index(world, name):
    model, selector = LISTS[name]
    plan = _plan(selector(user=world.mentor_a))
    _assert_indexed(plan, model, None)
