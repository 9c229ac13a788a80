"""Meetings moved out of contacts, and the audit log out of privacy, keeping their rows.

Each test fills the table at today's schema, migrates back to before the move (the rows
must be in the old table), then forward again over a database that holds them.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from waymark.audit.models import AuditEvent
from waymark.audit.services import audit_record
from waymark.meetings.enums import MeetingAttendance, MeetingType
from waymark.meetings.models import Meeting
from waymark.testing.factories import IndividualAgreementFactory, UserFactory
from waymark.testing.meeting_factories import MeetingFactory

BEFORE_MEETINGS_MOVED = [("contacts", "0003_contact_is_evening_contact_is_late_evening_and_more"), ("meetings", None)]
BEFORE_AUDIT_MOVED = [("privacy", "0001_initial"), ("audit", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return list(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_meetings_keep_their_rows_through_the_move():
    agreement = IndividualAgreementFactory()
    meeting = MeetingFactory(
        agreement=agreement,
        author=UserFactory(),
        meeting_type=MeetingType.PEP,
        held_on=date(2026, 10, 14),
        attendance=MeetingAttendance.WRITTEN,
        young_person_views="I want to stay at my school.",
    )
    try:
        executor = _migrate(BEFORE_MEETINGS_MOVED)
        old = executor.loader.project_state(BEFORE_MEETINGS_MOVED[:1]).apps.get_model("contacts", "Meeting")
        assert list(old.objects.values_list("public_id", "young_person_views")) == [
            (meeting.public_id, "I want to stay at my school.")
        ]
        assert "contacts_meeting" in connection.introspection.table_names()
    finally:
        _migrate(_latest())

    moved = Meeting.objects.get()
    assert (moved.public_id, moved.agreement_id, moved.held_on, moved.attendance, moved.young_person_views) == (
        meeting.public_id,
        agreement.pk,
        date(2026, 10, 14),
        MeetingAttendance.WRITTEN,
        "I want to stay at my school.",
    )
    tables = connection.introspection.table_names()
    assert ("meetings_meeting" in tables, "contacts_meeting" in tables) == (True, False)


@pytest.mark.django_db(transaction=True)
def test_the_audit_log_keeps_its_rows_through_the_move():
    actor = UserFactory()
    event = audit_record(actor=actor, action="test.kept", subject=actor, after={"kept": True})
    try:
        executor = _migrate(BEFORE_AUDIT_MOVED)
        old = executor.loader.project_state(BEFORE_AUDIT_MOVED[:1]).apps.get_model("privacy", "AuditEvent")
        assert list(old.objects.values_list("pk", "action", "after")) == [(event.pk, "test.kept", {"kept": True})]
    finally:
        _migrate(_latest())

    kept = AuditEvent.objects.get()
    assert (kept.pk, kept.action, kept.actor_id, kept.after) == (event.pk, "test.kept", actor.pk, {"kept": True})
    assert "audit_auditevent" in connection.introspection.table_names()
