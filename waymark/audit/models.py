"""The append-only audit log: every write, and every read of a young person's record.

The database refuses changes as well (``triggers.py``); these refusals give the
application's own code a clear error before it reaches the database.
"""

from typing import Any

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEventManager(models.Manager.from_queryset(AuditEventQuerySet)):  # type: ignore[misc]
    """Also the base manager, so ``_base_manager`` refuses updates and deletes too."""


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        help_text="The actor's organisation when the event happened.",
    )
    action = models.CharField(max_length=64, db_index=True)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.PROTECT, null=True, related_name="+")
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)

    objects = AuditEventManager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        base_manager_name = "objects"
        indexes = [models.Index(fields=["young_person", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")
