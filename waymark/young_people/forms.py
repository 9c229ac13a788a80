from typing import Any

from django import forms

from waymark.core.clock import local_today
from waymark.core.forms import BoundedDateField, GovUKDateInput

from .models import YoungPerson
from .services import EDITABLE_FIELDS


class YoungPersonForm(forms.ModelForm[YoungPerson]):
    class Meta:
        model = YoungPerson
        fields = EDITABLE_FIELDS
        field_classes = {"date_of_birth": BoundedDateField}
        widgets = {
            "date_of_birth": GovUKDateInput(),
            "needs": forms.Textarea(attrs={"rows": 4}),
            "communication_needs": forms.Textarea(attrs={"rows": 3}),
            "restriction_details": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "legal_first_name": {"required": "Enter the young person's legal first name."},
            "legal_last_name": {"required": "Enter the young person's legal last name."},
            "date_of_birth": {"required": "Enter the date of birth.", "invalid": "Enter a real date of birth."},
        }

    def clean_date_of_birth(self):  # type: ignore[no-untyped-def]
        dob = self.cleaned_data["date_of_birth"]
        today = local_today()
        if dob >= today:
            raise forms.ValidationError("The date of birth must be in the past.")
        if (today - dob).days > 365 * 26:
            raise forms.ValidationError("The young person must be under 26: check the date of birth.")
        return dob

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if data.get("face_to_face_restricted") and not (data.get("restriction_details") or "").strip():
            self.add_error("restriction_details", "Describe the restriction on face-to-face contact.")
        return data


class YoungPersonEditForm(YoungPersonForm):
    """The record as a service manager changes it, carrying the version they started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
