"""The daily deadline alert: each provider's service managers are told, once a day,
how many first contacts, first meetings and substitutions are overdue or due today
(R1, R2, R3). The first-contact clock runs from receipt, so Order Forms still waiting
for a decision are counted too. Run by cron or a systemd timer: ``manage.py send_deadline_alerts``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q

from waymark.notifications.models import Notification
from waymark.notifications.services import notify_organisation
from waymark.organisations.enums import OrganisationKind, Role
from waymark.organisations.models import Organisation

from .deadlines import undecided_order_form_counts, with_deadline_status
from .enums import AgreementStatus, DeadlineStatus
from .models import IndividualAgreement, OrderForm

VERB = "deadlines.daily"
CLOCKS = {
    "first_contact_status": "first contact",
    "first_meeting_status": "first meeting",
    "substitution_status": "substitute mentor",
}


@dataclass(frozen=True)
class AlertResult:
    organisations_told: int
    organisations_skipped: int


def _counts(provider: Organisation, today: date) -> dict[str, int]:
    qs = with_deadline_status(
        IndividualAgreement.objects.filter(provider=provider, status=AgreementStatus.ACTIVE), today=today
    )
    aggregates = {}
    for field in CLOCKS:
        aggregates[f"{field}_overdue"] = Count("pk", filter=Q(**{field: DeadlineStatus.OVERDUE}))
        aggregates[f"{field}_today"] = Count("pk", filter=Q(**{field: DeadlineStatus.DUE_TODAY}))
    counts: dict[str, int] = qs.aggregate(**aggregates)
    waiting = undecided_order_form_counts(OrderForm.objects.filter(provider=provider), today=today)
    counts["order_form_overdue"], counts["order_form_today"] = waiting["overdue"], waiting["due_today"]
    return counts


def _message(counts: dict[str, int]) -> str:
    parts = []
    for field, label in CLOCKS.items():
        overdue, due_today = counts[f"{field}_overdue"], counts[f"{field}_today"]
        if overdue:
            parts.append(f"{overdue} {label} overdue")
        if due_today:
            parts.append(f"{due_today} {label} due today")
    if overdue := counts["order_form_overdue"]:
        parts.append(f"{overdue} first contact overdue on Order Forms not yet accepted")
    if due_today := counts["order_form_today"]:
        parts.append(f"{due_today} first contact due today on Order Forms not yet accepted")
    return "Deadlines today: " + "; ".join(parts) + "."


def deadline_alerts_send(*, today: date) -> AlertResult:
    """Tell each provider's service managers about today's urgent deadlines.

    Idempotent: a provider already told for ``today`` (its notifications carry the date
    in their verb) is skipped, so the command can run again safely. Providers with nothing
    overdue or due today are not told. The email carries counts only, no names.
    """
    told = skipped = 0
    for provider in Organisation.objects.filter(kind=OrganisationKind.PROVIDER):
        verb = f"{VERB}:{today.isoformat()}"
        already = Notification.objects.filter(verb=verb, recipient__membership__organisation=provider).exists()
        counts = _counts(provider, today)
        if already or not any(counts.values()):
            skipped += 1
            continue
        with transaction.atomic():
            notify_organisation(
                organisation=provider,
                roles=(Role.SERVICE_MANAGER,),
                young_person=None,
                verb=verb,
                message=_message(counts),
                email_subject="Deadlines need attention today",
            )
        told += 1
    return AlertResult(organisations_told=told, organisations_skipped=skipped)
