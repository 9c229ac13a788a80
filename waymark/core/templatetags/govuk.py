"""Rendering Django form fields as GOV.UK Frontend components.

Used by ``templates/includes/field.html`` and ``includes/error_summary.html``:

    {% include "includes/field.html" with field=form.name %}

The widget decides the component: radios, checkboxes, a single checkbox, select,
textarea, file upload, or a text-like input (dates become ``<input type="date">``).
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.safestring import SafeString

register = template.Library()

# The GOV.UK class of each kind of single control, and its error modifier.
CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "date": ("govuk-input govuk-input--width-10", "govuk-input--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}

# Browser-native pickers for date and time widgets left as plain text inputs.
NATIVE_INPUTS = (
    (forms.DateTimeInput, "datetime-local", "%Y-%m-%dT%H:%M"),
    (forms.DateInput, "date", "%Y-%m-%d"),
    (forms.TimeInput, "time", "%H:%M"),
)


@register.filter
def field_kind(field: BoundField) -> str:
    """One of hidden, radios, checkboxes, checkbox, select, textarea, file, date, input."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a RadioSelect subclass: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.DateInput | forms.DateTimeInput | forms.TimeInput):
        return "date"
    return "input"


@register.filter
def hint_id(field: BoundField) -> str:
    return f"{field.auto_id}-hint"


@register.filter
def error_id(field: BoundField) -> str:
    return f"{field.auto_id}-error"


@register.simple_tag
def govuk_describedby(field: BoundField, hint: object = "") -> str:
    """The ids of the hint (when there is one) and error message, for ``aria-describedby``."""
    ids = []
    if hint:
        ids.append(hint_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


@register.filter
def choices(field: BoundField) -> list[BoundWidget]:
    """The options of a radios or checkboxes field, without Django's blank "---------"."""
    return [option for option in field.subwidgets if str(option.data["value"]) != ""]


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id the error summary links to: the field's input, or its first option."""
    if field_kind(field) in ("radios", "checkboxes"):
        options = choices(field)
        if options and options[0].id_for_label:
            return str(options[0].id_for_label)
    return str(field.id_for_label or field.auto_id)


@register.filter
def first_field_anchor(form: forms.BaseForm) -> str:
    """Where an error about the whole form links to: its first visible field."""
    fields = form.visible_fields()
    return error_anchor(fields[0]) if fields else ""


@register.simple_tag
def govuk_control(field: BoundField, describedby: str = "", extra_class: str = "") -> SafeString:
    """The field's own widget, with GOV.UK classes and ``aria-describedby``.

    Placeholders are dropped: GOV.UK forms put guidance in the hint instead.
    """
    kind = field_kind(field)
    widget = field.field.widget
    if kind == "date" and getattr(widget, "input_type", "text") == "text":
        for widget_class, input_type, fmt in NATIVE_INPUTS:
            if isinstance(widget, widget_class):
                # The form's own deep copy of the widget: other forms are untouched.
                widget.input_type = input_type
                widget.format = fmt
                break
    base, error = CONTROL_CLASSES.get(kind, CONTROL_CLASSES["input"])
    if isinstance(widget, forms.DateTimeInput):
        base = "govuk-input govuk-input--width-20"
    classes = [base]
    if field.errors and error:
        classes.append(error)
    classes.extend(c for c in (widget.attrs.get("class"), extra_class) if c)
    attrs: dict[str, str | bool] = {"class": " ".join(classes), "placeholder": False}
    if describedby:
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)
