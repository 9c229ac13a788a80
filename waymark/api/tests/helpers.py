"""Request payloads for the API's write endpoints."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from waymark.agreements.models import FrameworkAgreement, IndividualAgreement
from waymark.core.clock import local_today


def order_form_payload(framework: FrameworkAgreement, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "framework": str(framework.public_id),
        "young_person": {
            "legal_first_name": "Wren",
            "legal_last_name": "Marchbank",
            "date_of_birth": "2012-05-01",
            "local_child_id": "NX-0100",
        },
        "referral_reason": "Has not attended school for most of this term.",
        "outcomes": ["Attend school three days a week", "Join a club after school"],
        "received_on": (local_today() - datetime.timedelta(days=1)).isoformat(),
    }
    payload.update(overrides)
    return payload


def contact_payload(agreement: IndividualAgreement, **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "agreement": str(agreement.public_id),
        "occurred_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "mode": "phone",
        "outcome": "made",
        "duration_minutes": 20,
        "summary": "Talked about the week at school.",
    }
    payload.update(overrides)
    return payload
