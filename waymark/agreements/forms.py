from typing import Any, cast

from django import forms

from waymark.core.clock import local_today
from waymark.core.forms import BoundedDateField, GovUKDateInput
from waymark.young_people.forms import YoungPersonForm

from .enums import SUBSTITUTION_REASONS, AgreementStatus
from .models import FrameworkAgreement
from .selectors import AGREEMENT_SORTS


class MentorChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        caseload = getattr(obj, "caseload", None)
        suffix = f" ({caseload} young {'person' if caseload == 1 else 'people'})" if caseload is not None else ""
        return f"{obj.display_name}{suffix}"


class OrderFormYoungPersonForm(YoungPersonForm):
    class Meta(YoungPersonForm.Meta):
        fields = ["local_child_id", *YoungPersonForm.Meta.fields]
        error_messages = {
            **YoungPersonForm.Meta.error_messages,
            "local_child_id": {"required": "Enter the council's ID for the young person."},
        }

    def validate_unique(self) -> None:
        """Duplicates are checked by the service, which knows the council and provider."""


class OrderFormForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=FrameworkAgreement.objects.none(),
        label="Framework agreement",
        empty_label=None,
        error_messages={
            "required": "Choose the framework agreement.",
            "invalid_choice": "Choose a framework agreement.",
        },
    )
    received_on = BoundedDateField(
        label="Date the Order Form was received",
        help_text="The 2-working-day clock for first contact starts on this date.",
        widget=GovUKDateInput(),
        required=False,
        error_messages={"invalid": "Enter a real date."},
    )
    referral_reason = forms.CharField(
        label="Reason for referral",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Enter the reason for referral."},
    )
    outcome_1 = forms.CharField(
        label="Outcome 1",
        help_text="What should the mentoring achieve? For example, attends school 3 days a week by half term.",
        max_length=1000,
        error_messages={"required": "Enter at least one outcome the mentoring should achieve."},
    )
    outcome_2 = forms.CharField(label="Outcome 2", max_length=1000, required=False)
    outcome_3 = forms.CharField(label="Outcome 3", max_length=1000, required=False)

    def __init__(self, *args: Any, frameworks: Any, ask_received_on: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["framework"]).queryset = frameworks
        if not ask_received_on:
            del self.fields["received_on"]
        else:
            self.fields["received_on"].required = True
            self.fields["received_on"].error_messages["required"] = "Enter the date the Order Form was received."

    def clean_received_on(self) -> Any:
        value = self.cleaned_data.get("received_on")
        if value and value > local_today():
            raise forms.ValidationError("The date of receipt cannot be in the future.")
        return value

    @property
    def outcomes(self) -> list[str]:
        return [self.cleaned_data.get(f"outcome_{i}", "") for i in (1, 2, 3)]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining this Order Form?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why the Order Form is declined."},
    )


class AssignForm(forms.Form):
    mentor = MentorChoiceField(
        queryset=None,
        label="Mentor",
        empty_label="Choose a mentor",
        error_messages={"required": "Choose a mentor.", "invalid_choice": "Choose a mentor from the list."},
    )
    started_on = BoundedDateField(
        label="Start date",
        widget=GovUKDateInput(),
        initial=local_today,
        error_messages={"invalid": "Enter a real date."},
    )

    def __init__(self, *args: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["mentor"]).queryset = mentors


class SubstituteForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the mentor changing?",
        choices=[(r.value, r.label) for r in SUBSTITUTION_REASONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the mentor is changing."},
    )
    note = forms.CharField(
        label="What happened",
        help_text="This is kept on the record and the council is told.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Describe what happened."},
    )
    ended_on = BoundedDateField(
        label="Date the mentor stopped",
        help_text="A substitute is due within 7 calendar days of this date.",
        widget=GovUKDateInput(),
        initial=local_today,
        error_messages={"required": "Enter the date the mentor stopped.", "invalid": "Enter a real date."},
    )
    new_mentor = MentorChoiceField(
        queryset=None,
        label="Substitute mentor",
        help_text="Leave this empty if nobody is available yet; you can assign the substitute later.",
        required=False,
        empty_label="Nobody yet",
        error_messages={"invalid_choice": "Choose a mentor from the list."},
    )

    def __init__(self, *args: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["new_mentor"]).queryset = mentors


class RejectMentorForm(forms.Form):
    reason = forms.CharField(
        label="Why does the council reject this mentor?",
        help_text="The provider must assign a substitute within 7 calendar days.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why the council rejects this mentor."},
    )


class EndAgreementForm(forms.Form):
    status = forms.ChoiceField(
        label="How is the agreement ending?",
        choices=[
            (AgreementStatus.ENDED.value, "It has ended normally"),
            (AgreementStatus.TERMINATED.value, AgreementStatus.TERMINATED.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the agreement is ending."},
    )
    end_date = BoundedDateField(
        label="End date",
        widget=GovUKDateInput(),
        initial=local_today,
        error_messages={"required": "Enter the end date.", "invalid": "Enter a real date."},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the agreement is ending."},
    )


DEADLINE_CHOICES = [
    ("", "Any"),
    ("attention", "Needs attention (overdue or due today)"),
    ("first_contact_overdue", "First contact overdue"),
    ("first_meeting_overdue", "First meeting overdue"),
    ("substitution_open", "Substitute mentor due"),
    ("no_mentor", "No mentor assigned"),
]


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label="Name or local ID", required=False, max_length=100)
    deadline = forms.ChoiceField(label="Deadlines", choices=DEADLINE_CHOICES, required=False)
    status = forms.ChoiceField(
        label="Agreement",
        choices=[("active", "Active"), ("ended", "Ended or terminated"), ("all", "All")],
        required=False,
    )
    mentor: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        queryset=None, required=False, label="Mentor", empty_label="Any mentor"
    )
    sort = forms.ChoiceField(choices=[(k, k) for k in AGREEMENT_SORTS], required=False)
    direction = forms.ChoiceField(choices=[("asc", "asc"), ("desc", "desc")], required=False)

    def __init__(self, *args: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("deadline", "status", "mentor"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        if mentors is None:
            del self.fields["mentor"]
        else:
            field = cast("forms.ModelChoiceField[Any]", self.fields["mentor"])
            field.queryset = mentors
            field.to_field_name = "public_id"
