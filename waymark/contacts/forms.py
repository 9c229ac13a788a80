import uuid
from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from waymark.core.clock import local_moment_of, local_today, repeated_time_note
from waymark.core.forms import BoundedDateField, GovUKDateInput, GovUKTimeInput
from waymark.organisations.models import User

from .enums import REMOTE_MODES, CancelledBy, ContactMode, ContactOutcome, Participant, SessionStatus

LOCATION_HINT = "For example, the library on High Street. It shows in calendar feeds: use no names."


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A member of staff or volunteer, chosen by public id (never the sequential key)."""

    def __init__(self, queryset: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(queryset=queryset, to_field_name="public_id", **kwargs)

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


def _minutes(label: str, *, minimum: int, required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=12 * 60,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the length in minutes.",
            "invalid": "Enter the length as a whole number of minutes.",
            "min_value": f"Enter a length of at least {minimum} minute{'s' if minimum > 1 else ''}.",
            "max_value": "Enter a length of no more than 12 hours (720 minutes).",
        },
    )


class ContactForm(forms.Form):
    """Logging a contact: the common fields first; the rarely used ones are shown in a
    "More details" section (``MORE_DETAILS``) so the form fits one phone screen."""

    MORE_DETAILS = (
        "participants",
        "other_participants",
        "volunteer",
        "staff_present",
        "young_person_words",
        "next_steps",
    )

    occurred_date = BoundedDateField(
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
    duration_minutes = _minutes("Length in minutes", minimum=1, required=False)
    location = forms.CharField(label="Where", required=False, max_length=200, help_text=LOCATION_HINT)
    summary = forms.CharField(
        label="Summary", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    participants = forms.MultipleChoiceField(
        label="Who took part",
        required=False,
        choices=Participant.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose who took part from the list."},
    )
    other_participants = forms.CharField(
        label="Anyone else who took part", required=False, max_length=200, help_text="Their role, not their name."
    )
    volunteer = PersonChoiceField(
        queryset=User.objects.none(),
        label="Volunteer who took part",
        required=False,
        empty_label="No volunteer",
        error_messages={"invalid_choice": "Choose a volunteer from the list."},
    )
    staff_present = PersonChoiceField(
        queryset=User.objects.none(),
        label="Member of staff present",
        required=False,
        empty_label="Choose who",
        help_text="Needed when a volunteer took part: a volunteer is never the only adult.",
        error_messages={"invalid_choice": "Choose a member of staff from the list."},
    )
    young_person_words = forms.CharField(
        label="The young person's own words",
        required=False,
        max_length=4000,
        help_text="What they said, as they said it, if they want it recorded.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_steps = forms.CharField(
        label="Next steps", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(
        self,
        *args: Any,
        restricted: bool = False,
        volunteers: QuerySet[User] | None = None,
        staff: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if restricted:
            field = self.fields["mode"]
            field.choices = [(v, label) for v, label in ContactMode.choices if v in REMOTE_MODES]  # type: ignore[attr-defined]
            field.help_text = "Face-to-face contact is legally restricted for this young person."
        if volunteers is None or staff is None:
            del self.fields["volunteer"]
            del self.fields["staff_present"]
        else:
            self.fields["volunteer"].queryset = volunteers  # type: ignore[attr-defined]
            self.fields["staff_present"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.time_note = ""
        if data.get("occurred_date") and data.get("occurred_time"):
            # Refuses a time the clocks skipped; takes the first of a time they repeat.
            data["occurred_at"] = local_moment_of(data["occurred_date"], data["occurred_time"], field="occurred_time")
            self.time_note = repeated_time_note(datetime.combine(data["occurred_date"], data["occurred_time"]))
        return data

    @property
    def occurred_at(self) -> datetime:
        moment: datetime = self.cleaned_data["occurred_at"]
        return moment

    @property
    def more_details_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MORE_DETAILS if name in self.fields]

    @property
    def more_details_open(self) -> bool:
        """Open the "More details" section when it holds an error or something entered."""
        if not self.is_bound:
            return False
        # staff_present is always sent (it defaults to the person logging): it opens nothing by itself.
        return any(
            self[name].errors or (name != "staff_present" and self.data.get(name))
            for name in self.MORE_DETAILS
            if name in self.fields
        )

    def contact_kwargs(self) -> dict[str, Any]:
        """The cleaned data as ``contact_log`` keyword arguments."""
        data = self.cleaned_data
        return {
            "occurred_at": self.occurred_at,
            "mode": data["mode"],
            "outcome": data["outcome"],
            "is_first_meeting": data["is_first_meeting"],
            "duration_minutes": data["duration_minutes"],
            "summary": data["summary"],
            "submission_token": data["submission_token"],
            "location": data["location"],
            "participants": data["participants"],
            "other_participants": data["other_participants"],
            "young_person_words": data["young_person_words"],
            "next_steps": data["next_steps"],
            "volunteer": data.get("volunteer"),
            # The member of staff present is asked for when a volunteer took part (R5).
            "staff_present": data.get("staff_present") if data.get("volunteer") else None,
        }


class SessionForm(forms.Form):
    """Planning a session, or changing a planned one."""

    starts_date = BoundedDateField(
        label="Date",
        widget=GovUKDateInput(),
        error_messages={"required": "Enter the date of the session.", "invalid": "Enter a real date."},
    )
    starts_time = forms.TimeField(
        label="Start time",
        help_text="For example, 16:00.",
        widget=GovUKTimeInput(),
        error_messages={"required": "Enter the start time.", "invalid": "Enter a real time, like 16:00."},
    )
    duration_minutes = _minutes("Length in minutes", minimum=5, required=True)
    location = forms.CharField(
        label="Where",
        max_length=200,
        help_text=LOCATION_HINT,
        error_messages={"required": "Enter where the session will be."},
    )
    purpose = forms.CharField(
        label="Plan for the session",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    volunteer = PersonChoiceField(
        queryset=User.objects.none(),
        label="A volunteer joining",
        required=False,
        empty_label="No volunteer",
        help_text="The mentor leads the session and is the member of staff present.",
        error_messages={"invalid_choice": "Choose a volunteer from the list."},
    )

    def __init__(
        self, *args: Any, volunteers: QuerySet[User] | None = None, version: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if version is not None:
            # Changing a session carries the version it started from, so a change made by
            # someone else meanwhile is refused, not overwritten.
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1, initial=version)
        if volunteers is None:
            del self.fields["volunteer"]
        else:
            self.fields["volunteer"].queryset = volunteers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.time_note = ""
        if data.get("starts_date") and data.get("starts_time"):
            # Refuses a time the clocks skipped; takes the first of a time they repeat.
            data["starts_at"] = local_moment_of(data["starts_date"], data["starts_time"], field="starts_time")
            self.time_note = repeated_time_note(datetime.combine(data["starts_date"], data["starts_time"]))
        return data

    @property
    def starts_at(self) -> datetime:
        moment: datetime = self.cleaned_data["starts_at"]
        return moment

    def session_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": self.starts_at,
            "duration_minutes": data["duration_minutes"],
            "location": data["location"],
            "purpose": data["purpose"],
            "volunteer": data.get("volunteer"),
        }


CLOSING_STATUSES = [(s.value, s.label) for s in (SessionStatus.HELD, SessionStatus.CANCELLED)] + [
    (SessionStatus.DID_NOT_ATTEND.value, "The young person did not come")
]


class SessionRecordForm(forms.Form):
    """What happened at a planned session: held (it becomes a contact), cancelled, or
    not attended. The fields under each answer are revealed when it is chosen."""

    status = forms.ChoiceField(
        label="What happened?",
        choices=CLOSING_STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened."},
    )
    mode = forms.ChoiceField(
        label="How was it held?",
        choices=ContactMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the session was held."},
    )
    duration_minutes = _minutes("Length in minutes", minimum=1, required=False)
    summary = forms.CharField(
        label="Summary", required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    young_person_words = forms.CharField(
        label="The young person's own words",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_steps = forms.CharField(
        label="Next steps", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_first_meeting = forms.BooleanField(label="This was our first meeting", required=False)
    cancelled_by = forms.ChoiceField(
        label="Who cancelled?",
        choices=CancelledBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say who cancelled the session."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, why it was cancelled, or what you did to follow up.",
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, restricted: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if restricted:
            field = self.fields["mode"]
            field.choices = [(v, label) for v, label in ContactMode.choices if v in REMOTE_MODES]  # type: ignore[attr-defined]
        if self.is_bound:
            # Each group of answers is needed only for the answer it belongs to.
            status = self.data.get("status")
            self.fields["mode"].required = status == SessionStatus.HELD
            self.fields["cancelled_by"].required = status == SessionStatus.CANCELLED

    @property
    def more_details_open(self) -> bool:
        return self.is_bound and any(
            self[name].errors or self.data.get(name) for name in ("young_person_words", "next_steps")
        )

    def transition_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {"to": data["status"], "note": data["note"]}
        if data["status"] == SessionStatus.HELD:
            kwargs.update(
                mode=data["mode"],
                duration_minutes=data["duration_minutes"],
                summary=data["summary"],
                young_person_words=data["young_person_words"],
                next_steps=data["next_steps"],
                is_first_meeting=data["is_first_meeting"],
                submission_token=data["submission_token"],
            )
        elif data["status"] == SessionStatus.CANCELLED:
            kwargs["cancelled_by"] = data["cancelled_by"]
        return kwargs
