"""The form for recording and changing a meeting. It checks input only; the rules are
in ``meeting_services``."""

from __future__ import annotations

from typing import Any

from django import forms

from waymark.core.forms import BoundedDateField, GovUKDateInput

from .enums import MeetingAttendance, MeetingType
from .models import Meeting
from .services import MAX_TEXT

TOO_LONG = {"max_length": f"Keep this to {MAX_TEXT:,} characters or fewer."}


def _text(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=TOO_LONG,
    )


class MeetingForm(forms.Form):
    meeting_type = forms.ChoiceField(
        label="Type of meeting",
        choices=MeetingType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of meeting.", "invalid_choice": "Choose the type of meeting."},
    )
    held_on = BoundedDateField(
        label="Date of the meeting",
        help_text="It can be up to a year ahead: a written contribution is often sent before the meeting.",
        widget=GovUKDateInput(),
        error_messages={"required": "Enter the date of the meeting.", "invalid": "Enter a real date."},
    )
    attendance = forms.ChoiceField(
        label="Our part",
        choices=MeetingAttendance.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether we attended, contributed in writing, or neither.",
            "invalid_choice": "Choose whether we attended, contributed in writing, or neither.",
        },
    )
    engagement = _text(
        "Engagement we have seen",
        "How they take part in sessions, at school and with the adults around them.",
    )
    progress = _text("Progress on outcomes", "What has changed since the last meeting, and the evidence for it.")
    young_person_views = _text("The young person's views", "In their own words where you can.")
    recommended_actions = _text("Recommended actions", "Who should do what, and by when.")

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            kwargs.setdefault("initial", {name: getattr(meeting, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        if meeting is not None:
            # Changing a meeting carries the version it started from, so a change made by
            # someone else meanwhile is refused, not overwritten.
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1, initial=meeting.version)
