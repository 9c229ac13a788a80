import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from waymark.core.clock import local_today
from waymark.core.forms import GovUKDateInput, GovUKTimeInput

from .enums import REMOTE_MODES, ContactMode, ContactOutcome


class ContactForm(forms.Form):
    occurred_date = forms.DateField(
        label="Date",
        widget=GovUKDateInput(),
        initial=local_today,
        error_messages={"required": "Enter the date of the contact.", "invalid": "Enter a real date."},
    )
    occurred_time = forms.TimeField(
        label="Time",
        help_text="For example, 19:30.",
        widget=GovUKTimeInput(),
        initial=lambda: timezone.localtime().time().replace(second=0, microsecond=0),
        error_messages={"required": "Enter the time of the contact.", "invalid": "Enter a real time, like 19:30."},
    )
    mode = forms.ChoiceField(
        label="How",
        choices=ContactMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the contact happened."},
    )
    outcome = forms.ChoiceField(
        label="Did you reach the young person?",
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the contact was made or only attempted."},
    )
    is_first_meeting = forms.BooleanField(label="This was our first meeting", required=False)
    duration_minutes = forms.IntegerField(
        label="Length in minutes",
        required=False,
        min_value=1,
        max_value=12 * 60,
        error_messages={
            "invalid": "Enter the length as a whole number of minutes.",
            "min_value": "Enter a length of at least 1 minute.",
            "max_value": "Enter a length of no more than 12 hours (720 minutes).",
        },
    )
    summary = forms.CharField(
        label="Summary", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, restricted: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if restricted:
            field = self.fields["mode"]
            field.choices = [(v, label) for v, label in ContactMode.choices if v in REMOTE_MODES]  # type: ignore[attr-defined]
            field.help_text = "Face-to-face contact is legally restricted for this young person (R8)."

    @property
    def occurred_at(self) -> datetime:
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["occurred_date"], self.cleaned_data["occurred_time"])
        )
