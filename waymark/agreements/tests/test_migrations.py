"""The substitution dates move from the agreement onto the substitute's assignment (R3, #7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from waymark.agreements.enums import AssignmentEndReason
from waymark.agreements.models import Assignment
from waymark.testing.factories import AssignmentFactory, IndividualAgreementFactory

BEFORE_BACKFILL = [("agreements", "0006_assignment_substitution_dates")]


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest() -> list[tuple[str, str]]:
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_backfill_copies_the_agreements_substitution_to_the_latest_substitute():
    agreement = IndividualAgreementFactory(substitution_due_on=date(2026, 10, 17), substituted_on=date(2026, 10, 15))
    AssignmentFactory(
        agreement=agreement,
        started_on=date(2026, 9, 7),
        ended_on=date(2026, 10, 10),
        end_reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
    )
    substitute = AssignmentFactory(agreement=agreement, started_on=date(2026, 10, 15), is_substitute=True)
    untouched = IndividualAgreementFactory()
    first = AssignmentFactory(agreement=untouched)
    try:
        _migrate(BEFORE_BACKFILL)
    finally:
        _migrate(_latest())

    assert Assignment.objects.values_list("pk", "substitution_opened_on", "substitution_due_on").get(
        pk=substitute.pk
    ) == (substitute.pk, date(2026, 10, 10), date(2026, 10, 17))
    assert Assignment.objects.values_list("substitution_opened_on", "substitution_due_on").get(pk=first.pk) == (
        None,
        None,
    )
