from typing import Any

from django.db.models import QuerySet

from .models import Notification


def notification_list_for(*, user: Any) -> QuerySet[Notification]:
    """A person's own notifications; nobody sees anyone else's."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("young_person")


def unread_count_for(*, user: Any) -> int:
    return notification_list_for(user=user).filter(read_at__isnull=True).count()
