from typing import Any

from django.core.management.base import BaseCommand

from waymark.agreements.alerts import deadline_alerts_send
from waymark.core.clock import local_today


class Command(BaseCommand):
    help = "Tell service managers of today's overdue and due deadlines (run daily; safe to repeat)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = deadline_alerts_send(today=local_today())
        self.stdout.write(
            f"Deadline alerts: {result.organisations_told} provider(s) told, "
            f"{result.organisations_skipped} with nothing new to tell."
        )
