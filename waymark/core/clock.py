"""Dates as the service counts them: in Europe/London."""

from datetime import date, datetime

from django.utils import timezone


def local_today() -> date:
    """Today's date in the service's time zone (Europe/London)."""
    return timezone.localdate()


def local_date(moment: datetime) -> date:
    """The Europe/London date of an aware datetime."""
    return timezone.localtime(moment).date()
