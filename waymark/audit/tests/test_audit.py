"""The audit log is append-only (R14): no update, no delete, one row at a time or in bulk."""

import pytest
from django.db import transaction

from waymark.audit.models import AuditEvent
from waymark.audit.services import audit_record


@pytest.fixture
def event(world):
    return audit_record(
        actor=world.manager_a,
        action="young_person.viewed",
        subject=world.yp_a,
        young_person=world.yp_a,
        after={"note": "original"},
    )


def test_audit_record_stores_actor_organisation_and_subject(world, event):
    stored = AuditEvent.objects.get(pk=event.pk)

    assert (stored.actor, stored.organisation, stored.subject_type, stored.subject_id) == (
        world.manager_a,
        world.provider_a,
        "young_people.youngperson",
        str(world.yp_a.public_id),
    )


def test_audit_event_instance_cannot_be_updated(event):
    event.action = "young_person.tampered"

    with pytest.raises(PermissionError):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).action == "young_person.viewed"


def test_audit_event_instance_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_audit_event_queryset_cannot_be_updated(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="young_person.tampered")

    assert AuditEvent.objects.get(pk=event.pk).action == "young_person.viewed"


def test_audit_event_manager_cannot_update_all(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(after=None)

    assert AuditEvent.objects.get(pk=event.pk).after == {"note": "original"}


def test_audit_event_queryset_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()

    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_audit_event_manager_cannot_delete_all(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.count() == 1


def test_audit_event_bulk_update_is_refused(event):
    event.action = "young_person.tampered"

    # bulk_update opens an atomic block without a savepoint; the outer one keeps the
    # test's transaction usable after the refusal.
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["action"])

    assert AuditEvent.objects.get(pk=event.pk).action == "young_person.viewed"
