"""Forms for recording progress. They read and type-check input; the services decide
what is allowed (ranges, dates, overlaps) and their messages land on the same fields."""

from __future__ import annotations

from typing import Any

from django import forms

from waymark.core.clock import local_today
from waymark.core.forms import BoundedDateField, GovUKDateInput

from . import measures, nccis
from .enums import IndicatorSource, Informant, MeasureKind, MissingCode
from .scales import PERCENTAGE, RATING, IndicatorSpec

YES_NO = [("yes", "Yes"), ("no", "No")]


def _date(label: str, what: str, *, required: bool = True, hint: str = "") -> forms.DateField:
    return BoundedDateField(
        label=label,
        help_text=hint,
        widget=GovUKDateInput(),
        initial=local_today if required else None,
        required=required,
        error_messages={"required": f"Enter {what}.", "invalid": "Enter a real date."},
    )


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _note() -> forms.CharField:
    return forms.CharField(
        label="Note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), strip=True
    )


def _source(what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Source",
        help_text=f"Who told you {what}.",
        choices=[("", "Choose a source"), *IndicatorSource.choices],
        error_messages={"required": "Choose where this came from.", "invalid_choice": "Choose a source from the list."},
    )


class OutcomeReviewForm(forms.Form):
    reviewed_on = _date("Date of review", "the date of the review")
    rating = forms.IntegerField(
        label="Rating",
        help_text="From 0 (not achieved at all) to 10 (fully achieved).",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter a rating from 0 to 10.", "invalid": "Enter the rating as a whole number."},
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="What was seen or reported that supports this rating, and by whom.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the evidence for this rating: what was seen or reported."},
    )


class IndicatorForm(forms.Form):
    recorded_on = _date("Date of the reading", "the date of the reading")
    source = _source("this figure")
    note = _note()

    def __init__(self, *args: Any, spec: IndicatorSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        field: forms.Field
        if spec.measure == RATING:
            field = forms.TypedChoiceField(
                label="Rating",
                choices=[(str(n), f"{n} – {text}") for n, text in spec.descriptors.items()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose a rating from {spec.low} to {spec.high}.",
                    "invalid_choice": f"Choose a rating from {spec.low} to {spec.high}.",
                },
            )
        elif spec.measure == PERCENTAGE:
            field = forms.DecimalField(
                label="Attendance (%)",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
                error_messages={
                    "required": "Enter attendance as a percentage.",
                    "invalid": "Enter a number, like 87.5.",
                },
            )
        else:
            field = forms.IntegerField(
                label=f"Number of {spec.unit}",
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
                error_messages={"required": "Enter a number (0 if none).", "invalid": "Enter a whole number."},
            )
        field.help_text = spec.hint
        self.fields = {"recorded_on": self.fields["recorded_on"], "value": field, **self.fields}


class MissingEpisodeForm(forms.Form):
    code = forms.ChoiceField(
        label="Type of episode",
        choices=MissingCode.choices,
        widget=forms.RadioSelect,
        help_text="A change from A to M (or M to A) ends one episode and starts another on the same date.",
        error_messages={"required": "Choose M (whereabouts unknown) or A (away without authorisation)."},
    )
    start_date = _date("Start date", "the start date")
    end_date = _date("End date", "the end date", required=False, hint="Leave empty while still missing.")
    return_interview_offered = forms.ChoiceField(
        label="Was a return home interview offered?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        help_text="Answer once the young person has returned.",
    )
    return_interview_accepted = forms.ChoiceField(
        label="Was the return home interview accepted?", choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    source = _source("about this episode")
    note = _note()

    def clean_return_interview_offered(self) -> bool | None:
        return _yes_no(self.cleaned_data.get("return_interview_offered"))

    def clean_return_interview_accepted(self) -> bool | None:
        return _yes_no(self.cleaned_data.get("return_interview_accepted"))


class MissingEpisodeCloseForm(forms.Form):
    end_date = _date("End date", "the date the episode ended", hint="The day the young person returned or was found.")
    return_interview_offered = MissingEpisodeForm.base_fields["return_interview_offered"]
    return_interview_accepted = MissingEpisodeForm.base_fields["return_interview_accepted"]

    clean_return_interview_offered = MissingEpisodeForm.clean_return_interview_offered
    clean_return_interview_accepted = MissingEpisodeForm.clean_return_interview_accepted


def _score_field(label: str, low: int, high: int, *, required: bool = True, hint: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        required=required,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": f"Enter the score for {label.lower()} ({low} to {high}).",
            "invalid": f"Enter the score for {label.lower()} as a whole number.",
            "min_value": f"{label} is scored from {low} to {high}.",
            "max_value": f"{label} is scored from {low} to {high}.",
        },
    )


class MeasureForm(forms.Form):
    """A completed questionnaire of one kind: its items, or (SDQ) its scores."""

    completed_on = _date("Date completed", "the date it was completed")

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == MeasureKind.SWEMWBS:
            scale = ", ".join(f"{n} {text.lower()}" for n, text in measures.SWEMWBS_RESPONSES.items())
            for n in range(1, measures.SWEMWBS_ITEMS + 1):
                self.fields[f"item_{n}"] = _score_field(f"Statement {n}", 1, 5, hint=scale if n == 1 else "")
        elif kind == MeasureKind.ROSENBERG:
            for n, text in enumerate(measures.ROSENBERG_ITEMS, start=1):
                self.fields[f"item_{n}"] = forms.ChoiceField(
                    label=f"{n}. {text}",
                    choices=list(measures.ROSENBERG_RESPONSES.items()),
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": f"Choose an answer for statement {n}.",
                        "invalid_choice": f"Choose an answer for statement {n}.",
                    },
                )
        elif kind == MeasureKind.ONS4:
            for n, (name, question) in enumerate(measures.ONS4_ITEMS, start=1):
                hint = "0 is not at all, 10 is completely."
                field = _score_field(measures.ONS4_LABELS[name], 0, 10, hint=hint)
                field.label = question
                self.fields[f"item_{n}"] = field
        else:
            self.fields["informant"] = forms.ChoiceField(
                label="Who completed it?",
                choices=Informant.choices,
                widget=forms.RadioSelect,
                help_text="The self-report version is for ages 11 and over.",
                error_messages={"required": "Choose who completed the SDQ."},
            )
            for scale in measures.SDQ_SCALES:
                low, high = (0, 40) if scale == "total" else (0, 10)
                self.fields[scale] = _score_field(
                    measures.SDQ_LABELS[scale],
                    low,
                    high,
                    required=scale == "total",
                    hint="The sum of the four difficulty scores." if scale == "total" else "",
                )

    @property
    def items(self) -> list[Any] | None:
        if self.kind == MeasureKind.SDQ:
            return None
        count = len([name for name in self.fields if name.startswith("item_")])
        return [self.cleaned_data[f"item_{n}"] for n in range(1, count + 1)]

    @property
    def scores(self) -> dict[str, int] | None:
        if self.kind != MeasureKind.SDQ:
            return None
        return {s: self.cleaned_data[s] for s in measures.SDQ_SCALES if self.cleaned_data.get(s) is not None}


class QualificationForm(forms.Form):
    title = forms.CharField(
        label="Qualification",
        help_text="For example, GCSE English Language, or Level 1 Award in Employability.",
        max_length=200,
        error_messages={"required": "Enter the name of the qualification."},
    )
    level = forms.CharField(label="Level", max_length=40, required=False, help_text="For example, Level 2.")
    grade = forms.CharField(label="Grade", max_length=40, required=False)
    awarding_body = forms.CharField(label="Awarding body", max_length=200, required=False)
    achieved_on = _date("Date achieved", "the date it was achieved")


class DestinationForm(forms.Form):
    recorded_on = _date("Date", "the date")
    nccis_code = forms.ChoiceField(
        label="Current activity (NCCIS code)",
        choices=[("", "Choose an activity"), *nccis.choices()],
        error_messages={
            "required": "Choose the young person's current activity.",
            "invalid_choice": "Choose an activity from the NCCIS list.",
        },
    )
    full_time = forms.ChoiceField(
        label="Full time or part time?",
        choices=[("yes", "Full time"), ("no", "Part time")],
        widget=forms.RadioSelect,
        required=False,
        help_text="Needed for higher education, apprenticeships, jobs and training: the SSDA903 ACTIV code "
        "depends on it.",
    )
    note = _note()

    def clean_full_time(self) -> bool | None:
        return _yes_no(self.cleaned_data.get("full_time"))
