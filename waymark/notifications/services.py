"""Telling people: in the app, and by email with no personal details in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from waymark.core.tasks import enqueue_with_change
from waymark.organisations.models import Organisation, User

from .models import Notification
from .tasks import send_notification_email


def notify_organisation(
    *,
    organisation: Organisation,
    roles: tuple[str, ...],
    young_person: models.Model | None,
    verb: str,
    message: str,
    email_subject: str,
) -> list[Notification]:
    """Notify the active members of ``organisation`` holding ``roles``.

    Side effects: one in-app Notification per person; one email to them and to the
    organisation's shared inbox, enqueued with the current transaction. The email
    names no young person: it says what happened and links to the service.
    """
    recipients = list(
        User.objects.filter(
            membership__organisation=organisation,
            membership__role__in=roles,
            membership__is_active=True,
            is_active=True,
        )
    )
    notes = Notification.objects.bulk_create(
        [
            Notification(
                recipient=u,
                young_person_id=young_person.pk if young_person is not None else None,
                verb=verb,
                message=message,
            )
            for u in recipients
        ]
    )
    addresses = sorted(
        {u.email for u in recipients if u.email} | ({organisation.email} if organisation.email else set())
    )
    if addresses:
        link = settings.WAYMARK_BASE_URL.rstrip("/") + reverse("notifications:list")
        body = (
            f"{email_subject}.\n\nSign in to {settings.WAYMARK_SERVICE_NAME} to see the details:\n{link}\n\n"
            "This email holds no personal details on purpose."
        )
        enqueue_with_change(
            send_notification_email,
            subject=f"{settings.WAYMARK_SERVICE_NAME}: {email_subject}",
            body=body,
            recipients=addresses,
        )
    return notes


def notification_mark_read(*, user: User, notification: Notification) -> None:
    if notification.recipient_id != user.pk:
        raise PermissionError("Not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
