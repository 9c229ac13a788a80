"""Serializers: the shape of the API's input and output, and input validation only.

No rules live here (CONVENTIONS.md): writes go to the services, which validate again
and decide. Output never carries sequential ids: records are named by ``public_id``.
Every related value an output serializer reads is loaded by the selector that built
the queryset (``select_related``/``prefetch_related``), so lists cost the same number of
queries whatever their length.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from waymark.agreements.enums import SUBSTITUTION_REASONS, AgreementStatus, DeadlineStatus
from waymark.agreements.models import Assignment, IndividualAgreement, OrderForm
from waymark.agreements.permissions import can_read_agreement_notes
from waymark.agreements.services import YOUNG_PERSON_FIELDS
from waymark.contacts.enums import ContactMode, ContactOutcome, Participant
from waymark.contacts.models import Contact
from waymark.organisations.access import actor_for
from waymark.young_people.models import YoungPerson
from waymark.young_people.services import EDITABLE_FIELDS

NOTES_HIDDEN_HELP = "Null for finance officers, who see agreements and deadlines but no notes (ACCESS.md)."


def sees_notes(user: Any) -> bool:
    return can_read_agreement_notes(actor_for(user))


# --- References to other records -------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer[Any]):
    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonRefSerializer(serializers.Serializer[Any]):
    """A member of staff: their public id and the name they go by."""

    public_id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)


class FrameworkRefSerializer(serializers.Serializer[Any]):
    public_id = serializers.UUIDField(read_only=True)
    reference = serializers.CharField(read_only=True)
    council = OrganisationRefSerializer(read_only=True)
    provider = OrganisationRefSerializer(read_only=True)


class NotesHiddenMixin:
    """Give ``None`` for ``note_fields`` when the requesting user may not read notes."""

    note_fields: tuple[str, ...] = ()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)  # type: ignore[misc]
        context: dict[str, Any] = self.context  # type: ignore[attr-defined]
        if "sees_notes" not in context:
            request = context.get("request")
            context["sees_notes"] = sees_notes(request.user if request is not None else None)
        if not context["sees_notes"]:
            for name in self.note_fields:
                data[name] = None
        return data


# --- Young people ---------------------------------------------------------------


class YoungPersonSerializer(serializers.ModelSerializer[YoungPerson]):
    council = OrganisationRefSerializer(read_only=True)
    provider = OrganisationRefSerializer(read_only=True)
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = YoungPerson
        fields = [
            "public_id",
            "council",
            "provider",
            "display_name",
            *YOUNG_PERSON_FIELDS,
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class YoungPersonUpdateSerializer(serializers.ModelSerializer[YoungPerson]):
    """The fields a service manager may correct; send only those that change. Send the
    ``version`` you read to have the change refused (400) if someone changed the record since."""

    version = serializers.IntegerField(required=False, min_value=1)

    class Meta:
        model = YoungPerson
        fields = [*EDITABLE_FIELDS, "version"]
        extra_kwargs = {name: {"required": False} for name in EDITABLE_FIELDS}


class YoungPersonInputSerializer(serializers.ModelSerializer[YoungPerson]):
    """The young person's details on an Order Form."""

    class Meta:
        model = YoungPerson
        fields = YOUNG_PERSON_FIELDS


# --- Order Forms ------------------------------------------------------------------


class OrderFormSerializer(NotesHiddenMixin, serializers.ModelSerializer[OrderForm]):
    note_fields = ("referral_reason", "outcomes", "decline_reason")

    framework = FrameworkRefSerializer(read_only=True)
    young_person = serializers.UUIDField(source="young_person.public_id", read_only=True)
    first_contact_status = serializers.ChoiceField(
        choices=DeadlineStatus.choices, read_only=True, help_text="First contact within 2 working days (R1)."
    )
    referral_reason = serializers.CharField(read_only=True, allow_null=True, help_text=NOTES_HIDDEN_HELP)
    outcomes = serializers.SerializerMethodField(help_text=NOTES_HIDDEN_HELP)
    decline_reason = serializers.CharField(read_only=True, allow_null=True, help_text=NOTES_HIDDEN_HELP)
    submitted_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = OrderForm
        fields = [
            "public_id",
            "framework",
            "young_person",
            "channel",
            "status",
            "received_on",
            "first_contact_due_on",
            "first_contact_status",
            "referral_reason",
            "outcomes",
            "submitted_by",
            "decided_at",
            "decline_reason",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_outcomes(self, order_form: OrderForm) -> list[str]:
        # ``outcomes`` is prefetched by order_form_list_visible_to: no query per row.
        return [outcome.description for outcome in order_form.outcomes.all()]


class OrderFormCreateSerializer(serializers.Serializer[Any]):
    framework = serializers.UUIDField(help_text="The public id of a framework agreement in force.")
    young_person = YoungPersonInputSerializer()
    referral_reason = serializers.CharField(max_length=4000)
    outcomes = serializers.ListField(
        child=serializers.CharField(max_length=1000),
        min_length=1,
        max_length=30,
        help_text="The individual outcomes the mentoring should achieve.",
    )
    received_on = serializers.DateField(
        required=False,
        help_text="When a service manager records an Order Form that came by email: the date of receipt. "
        "An Order Form a Virtual School officer sends is received today.",
    )


class OrderFormDeclineSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


# --- Individual Agreements --------------------------------------------------------


class AgreementSerializer(NotesHiddenMixin, serializers.ModelSerializer[IndividualAgreement]):
    note_fields = ("end_reason",)

    young_person = serializers.UUIDField(source="young_person.public_id", read_only=True)
    order_form = serializers.UUIDField(source="order_form.public_id", read_only=True)
    framework = FrameworkRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)
    end_reason = serializers.CharField(read_only=True, allow_null=True, help_text=NOTES_HIDDEN_HELP)
    first_contact_due_on = serializers.DateField(source="order_form.first_contact_due_on", read_only=True)
    first_contact_status = serializers.ChoiceField(choices=DeadlineStatus.choices, read_only=True)
    first_meeting_status = serializers.ChoiceField(choices=DeadlineStatus.choices, read_only=True)
    substitution_status = serializers.ChoiceField(choices=DeadlineStatus.choices, read_only=True)
    current_mentor = serializers.SerializerMethodField()

    class Meta:
        model = IndividualAgreement
        fields = [
            "public_id",
            "young_person",
            "order_form",
            "framework",
            "status",
            "start_date",
            "end_date",
            "end_reason",
            "first_contact_due_on",
            "first_contact_on",
            "first_contact_status",
            "first_meeting_due_on",
            "first_meeting_on",
            "first_meeting_status",
            "substitution_due_on",
            "substituted_on",
            "substitution_status",
            "current_mentor",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_current_mentor(self, agreement: IndividualAgreement) -> dict[str, Any] | None:
        # ``current_assignments`` is prefetched by agreement_list_visible_to.
        current = getattr(agreement, "current_assignments", None)
        if current is None:
            current = list(agreement.assignments.filter(ended_on__isnull=True).select_related("mentor"))
        if not current:
            return None
        return PersonRefSerializer(current[0].mentor).data


# --- Assignments ------------------------------------------------------------------


class AssignmentSerializer(serializers.ModelSerializer[Assignment]):
    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    young_person = serializers.UUIDField(source="agreement.young_person.public_id", read_only=True)
    mentor = PersonRefSerializer(read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "mentor",
            "started_on",
            "is_substitute",
            "is_current",
            "ended_on",
            "end_reason",
            "end_note",
            "created_at",
        ]
        read_only_fields = fields


class AssignmentCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text="The public id of the Individual Agreement.")
    mentor = serializers.UUIDField(help_text="The public id of a mentor of the agreement's provider.")
    started_on = serializers.DateField(required=False, help_text="Today unless given.")


class AssignmentSubstituteSerializer(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in SUBSTITUTION_REASONS],
        help_text="A mentor changes only for one of these reasons (R3).",
    )
    note = serializers.CharField(max_length=2000, help_text="What happened, for the record and for the council.")
    new_mentor = serializers.UUIDField(
        required=False, allow_null=True, help_text="The substitute's public id, when one is ready now."
    )
    ended_on = serializers.DateField(
        required=False, help_text="The day the mentor stopped; today unless given. Starts the 7-day clock."
    )


class SubstitutionResultSerializer(serializers.Serializer[Any]):
    ended = AssignmentSerializer(read_only=True, help_text="The assignment that ended.")
    substitute = AssignmentSerializer(read_only=True, allow_null=True, help_text="The substitute's assignment.")


class AssignmentRejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


# --- Contacts ---------------------------------------------------------------------


class ContactSerializer(serializers.ModelSerializer[Contact]):
    agreement = serializers.UUIDField(source="agreement.public_id", read_only=True)
    young_person = serializers.UUIDField(source="agreement.young_person.public_id", read_only=True)
    author = PersonRefSerializer(read_only=True)
    participants = serializers.ListField(
        child=serializers.ChoiceField(choices=Participant.choices), read_only=True, help_text="Who took part."
    )
    is_evening = serializers.BooleanField(read_only=True, help_text="18:00 to 20:59 in London (R9).")
    is_late_evening = serializers.BooleanField(read_only=True, help_text="21:00 to 06:59 in London (R9).")
    is_weekend = serializers.BooleanField(read_only=True, help_text="Saturday or Sunday in London (R9).")
    volunteer = PersonRefSerializer(read_only=True, allow_null=True)
    staff_present = PersonRefSerializer(
        read_only=True, allow_null=True, help_text="The member of staff present when a volunteer took part (R5)."
    )

    class Meta:
        model = Contact
        fields = [
            "public_id",
            "agreement",
            "young_person",
            "author",
            "occurred_at",
            "occurred_on",
            "mode",
            "outcome",
            "is_first_meeting",
            "duration_minutes",
            "location",
            "participants",
            "other_participants",
            "summary",
            "young_person_words",
            "next_steps",
            "is_evening",
            "is_late_evening",
            "is_weekend",
            "volunteer",
            "staff_present",
            "created_at",
        ]
        read_only_fields = fields


class ContactCreateSerializer(serializers.Serializer[Any]):
    agreement = serializers.UUIDField(help_text="The public id of the Individual Agreement.")
    occurred_at = serializers.DateTimeField()
    mode = serializers.ChoiceField(choices=ContactMode.choices)
    outcome = serializers.ChoiceField(choices=ContactOutcome.choices)
    is_first_meeting = serializers.BooleanField(default=False)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=12 * 60, required=False, allow_null=True)
    summary = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    submission_token = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="A fresh UUID per contact: sending the same one again returns the contact already logged "
        "instead of logging a second.",
    )
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    participants = serializers.ListField(
        child=serializers.ChoiceField(choices=Participant.choices), required=False, default=list, max_length=10
    )
    other_participants = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    young_person_words = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    next_steps = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    volunteer = serializers.UUIDField(
        required=False, allow_null=True, help_text="The public id of a volunteer of the provider who took part."
    )
    staff_present = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The public id of the mentor or service manager present: required when a volunteer took part (R5).",
    )


__all__ = [
    "AgreementSerializer",
    "AssignmentCreateSerializer",
    "AssignmentRejectSerializer",
    "AssignmentSerializer",
    "AssignmentSubstituteSerializer",
    "ContactCreateSerializer",
    "ContactSerializer",
    "OrderFormCreateSerializer",
    "OrderFormDeclineSerializer",
    "OrderFormSerializer",
    "SubstitutionResultSerializer",
    "YoungPersonInputSerializer",
    "YoungPersonSerializer",
    "YoungPersonUpdateSerializer",
]
