"""Email sent through Django's mail backends, as background tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_notification_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text email. Holds no personal data beyond what the caller wrote."""
    if not recipients:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
