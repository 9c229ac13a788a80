"""The database refuses to change or remove audit rows, whatever the route (R14, #7).

Run on SQLite (default) and on PostgreSQL (``DATABASE_URL=postgres://...``).
"""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from waymark.audit import triggers
from waymark.audit.models import AuditEvent
from waymark.audit.services import audit_record
from waymark.testing.factories import UserFactory


@pytest.fixture
def event(world):
    return audit_record(
        actor=world.manager_a,
        action="young_person.viewed",
        subject=world.yp_a,
        young_person=world.yp_a,
        after={"note": "original"},
    )


def _stored(event):
    return AuditEvent.objects.filter(pk=event.pk).values_list("action", "after").get()


def _execute(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_triggers_are_installed():
    if connection.vendor == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        names = {row[0] for row in cursor.fetchall()}

    assert names == triggers.TRIGGER_NAMES[connection.vendor]


def test_raw_sql_update_is_refused(event):
    with pytest.raises(IntegrityError, match="Audit events are append-only."):
        _execute("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["young_person.tampered", event.pk])

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_raw_sql_delete_is_refused(event):
    with pytest.raises(IntegrityError, match="Audit events are append-only."):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_raw_sql_truncate_is_refused(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE without WHERE is refused above.")

    with connection.cursor() as cursor:  # fire the deferred foreign-key checks of the insert first
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError, match="Audit events are append-only."):
        _execute("TRUNCATE audit_auditevent CASCADE")

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_base_manager_update_is_refused(event):
    with pytest.raises(PermissionError, match="Audit events are append-only."):
        AuditEvent._base_manager.filter(pk=event.pk).update(action="young_person.tampered")

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_base_manager_delete_is_refused(event):
    with pytest.raises(PermissionError, match="Audit events are append-only."):
        AuditEvent._base_manager.filter(pk=event.pk).delete()

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_plain_queryset_update_reaches_the_trigger(event):
    """Past every ORM refusal, the database still says no."""
    rows = QuerySet(model=AuditEvent).filter(pk=event.pk)

    with pytest.raises(IntegrityError, match="Audit events are append-only."), transaction.atomic():
        rows.update(action="young_person.tampered")

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_plain_queryset_delete_reaches_the_trigger(event):
    rows = QuerySet(model=AuditEvent).filter(pk=event.pk)

    with pytest.raises(IntegrityError, match="Audit events are append-only."), transaction.atomic():
        rows._raw_delete(connection.alias)

    assert _stored(event) == ("young_person.viewed", {"note": "original"})


def test_maintenance_may_delete_and_the_refusal_returns_after(event, world):
    kept = audit_record(
        actor=world.manager_a, action="young_person.viewed", subject=world.yp_b, young_person=world.yp_b
    )

    with triggers.audit_maintenance():
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    with pytest.raises(IntegrityError, match="Audit events are append-only."):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [kept.pk])
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.django_db(transaction=True)
def test_the_test_flush_empties_the_audit_table():
    """A transactional test ends with a flush; the next test must find no events."""

    audit_record(actor=UserFactory(), action="user.created", subject=UserFactory())

    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_after_the_flush_no_event_remains():
    assert AuditEvent.objects.count() == 0
