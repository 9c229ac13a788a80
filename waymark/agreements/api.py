"""The API for Order Forms, Individual Agreements and mentor assignments: serializers
(shape and input validation only) and viewsets, thin over the selectors and services the
pages use (docs/architecture.md).

Every queryset comes from a selector that takes the requesting user, and every write
goes through a service, exactly as the pages do. A record the user may not see answers
404 (or, when it is named in the request body, a 400 field error "not found"); a record
they may see but not change answers 403.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from waymark.core.api import (
    PUBLIC_ID,
    ApiFilterSet,
    ApiViewSet,
    BoundedDateField,
    BoundedDatesMixin,
    OrganisationRefSerializer,
    PersonRefSerializer,
    deny_unless,
    not_found,
    pick,
    validation_error_detail,
)
from waymark.organisations.access import actor_for
from waymark.organisations.http import api_user
from waymark.young_people.models import YoungPerson
from waymark.young_people.services import YOUNG_PERSON_FIELDS

from .enums import SUBSTITUTION_REASONS, AgreementStatus, DeadlineStatus, OrderFormStatus
from .models import Assignment, IndividualAgreement, OrderForm
from .permissions import (
    can_decide_order_form,
    can_manage_assignments,
    can_read_agreement_notes,
    can_reject_mentor,
    can_submit_order_form,
)
from .selectors import (
    agreement_get_for_user,
    agreement_list_visible_to,
    assignment_get_for_user,
    assignment_list_visible_to,
    framework_list_for_order_forms,
    mentor_list_for_provider,
    order_form_get_for_user,
    order_form_list_visible_to,
)
from .services import (
    assignment_create,
    assignment_reject,
    assignment_substitute,
    order_form_accept,
    order_form_decline,
    order_form_receive,
)

NOTES_HIDDEN_HELP = "Null for finance officers, who see agreements and deadlines but no notes."


def sees_notes(user: Any) -> bool:
    return can_read_agreement_notes(actor_for(user))


def agreement_from_body(request: Request, public_id: UUID, field: str = "agreement") -> IndividualAgreement:
    """The agreement named in the request body, or a 400 on ``field`` when the user may not see it."""
    try:
        return agreement_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise not_found(field, "agreement") from exc


# --- References and notes -------------------------------------------------------------


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


# --- Order Forms ----------------------------------------------------------------------


class YoungPersonInputSerializer(BoundedDatesMixin, serializers.ModelSerializer[YoungPerson]):
    """The young person's details on an Order Form."""

    class Meta:
        model = YoungPerson
        fields = YOUNG_PERSON_FIELDS


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
    received_on = BoundedDateField(
        required=False,
        help_text="When a service manager records an Order Form that came by email: the date of receipt. "
        "An Order Form a Virtual School officer sends is received today.",
    )


class OrderFormDeclineSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


# --- Individual Agreements ------------------------------------------------------------


class AgreementSerializer(NotesHiddenMixin, serializers.ModelSerializer[IndividualAgreement]):
    note_fields = ("end_reason",)

    young_person = serializers.UUIDField(source="young_person.public_id", read_only=True)
    order_form = serializers.UUIDField(source="order_form.public_id", read_only=True)
    framework = FrameworkRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)
    end_reason = serializers.CharField(read_only=True, allow_null=True, help_text=NOTES_HIDDEN_HELP)
    first_contact_due_on = BoundedDateField(source="order_form.first_contact_due_on", read_only=True)
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


# --- Assignments ----------------------------------------------------------------------


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
            "substitution_opened_on",
            "substitution_due_on",
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
    started_on = BoundedDateField(required=False, help_text="Today unless given.")


class AssignmentSubstituteSerializer(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in SUBSTITUTION_REASONS],
        help_text="A mentor changes only for one of these reasons (R3).",
    )
    note = serializers.CharField(max_length=2000, help_text="What happened, for the record and for the council.")
    new_mentor = serializers.UUIDField(
        required=False, allow_null=True, help_text="The substitute's public id, when one is ready now."
    )
    ended_on = BoundedDateField(
        required=False, help_text="The day the mentor stopped; today unless given. Starts the 7-day clock."
    )


class SubstitutionResultSerializer(serializers.Serializer[Any]):
    ended = AssignmentSerializer(read_only=True, help_text="The assignment that ended.")
    substitute = AssignmentSerializer(read_only=True, allow_null=True, help_text="The substitute's assignment.")


class AssignmentRejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


# --- Order Form viewset ---------------------------------------------------------------


class OrderFormFilter(ApiFilterSet):
    status = django_filters.ChoiceFilter(choices=OrderFormStatus.choices)
    first_contact_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)


@extend_schema_view(
    list=extend_schema(summary="Order Forms you may read", tags=["order forms"]),
    retrieve=extend_schema(summary="One Order Form", parameters=[PUBLIC_ID], tags=["order forms"]),
    create=extend_schema(
        summary="Send (Virtual School) or record (service manager) an Order Form",
        request=OrderFormCreateSerializer,
        responses={201: OrderFormSerializer},
        tags=["order forms"],
    ),
    accept=extend_schema(
        summary="Accept an Order Form, forming the Individual Agreement (service manager)",
        parameters=[PUBLIC_ID],
        request=None,
        responses={201: AgreementSerializer},
        tags=["order forms"],
    ),
    decline=extend_schema(
        summary="Decline an Order Form with a reason (service manager)",
        parameters=[PUBLIC_ID],
        request=OrderFormDeclineSerializer,
        responses=OrderFormSerializer,
        tags=["order forms"],
    ),
)
class OrderFormViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = OrderFormSerializer
    input_serializers = {"create": OrderFormCreateSerializer, "decline": OrderFormDeclineSerializer}
    filterset_class = OrderFormFilter

    def get_queryset(self) -> QuerySet[Any]:
        return order_form_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(order_form_get_for_user)

    def create(self, request: Request) -> Response:
        deny_unless(can_submit_order_form(actor_for(request.user)), "You cannot send or record Order Forms.")
        data = self.validated(request)
        framework = pick(
            framework_list_for_order_forms(user=request.user), data["framework"], "framework", "framework agreement"
        )
        try:
            order_form = order_form_receive(
                actor=api_user(request),
                framework=framework,
                young_person=dict(data["young_person"]),
                referral_reason=data["referral_reason"],
                outcomes=data["outcomes"],
                received_on=data.get("received_on"),
            )
        except DjangoValidationError as exc:
            # The young person's fields are nested in the request: answer them there.
            nest = dict.fromkeys(YOUNG_PERSON_FIELDS, "young_person")
            raise ValidationError(validation_error_detail(exc, nest=nest)) from exc
        return self.output(order_form_get_for_user(user=request.user, public_id=order_form.public_id), code=201)

    @action(detail=True, methods=["post"])
    def accept(self, request: Request, public_id: str) -> Response:
        order_form = order_form_get_for_user(user=request.user, public_id=public_id)
        deny_unless(
            can_decide_order_form(actor_for(request.user), order_form),
            "Only the provider's service manager can accept an Order Form.",
        )
        agreement = order_form_accept(actor=api_user(request), order_form=order_form)
        return self.output(
            agreement_get_for_user(user=request.user, public_id=agreement.public_id),
            serializer=AgreementSerializer,
            code=201,
        )

    @action(detail=True, methods=["post"])
    def decline(self, request: Request, public_id: str) -> Response:
        order_form = order_form_get_for_user(user=request.user, public_id=public_id)
        deny_unless(
            can_decide_order_form(actor_for(request.user), order_form),
            "Only the provider's service manager can decline an Order Form.",
        )
        data = self.validated(request)
        order_form_decline(actor=api_user(request), order_form=order_form, reason=data["reason"])
        return self.output(order_form_get_for_user(user=request.user, public_id=public_id))


# --- Individual Agreement viewset -----------------------------------------------------


class AgreementFilter(ApiFilterSet):
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)
    first_contact_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)
    first_meeting_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)
    substitution_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)


@extend_schema_view(
    list=extend_schema(summary="Individual Agreements you may read, with their deadlines", tags=["agreements"]),
    retrieve=extend_schema(summary="One Individual Agreement", parameters=[PUBLIC_ID], tags=["agreements"]),
)
class AgreementViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self) -> QuerySet[Any]:
        return agreement_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(agreement_get_for_user)


# --- Assignment viewset ---------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Mentor assignments you may read", tags=["assignments"]),
    retrieve=extend_schema(summary="One assignment", parameters=[PUBLIC_ID], tags=["assignments"]),
    create=extend_schema(
        summary="Assign a mentor to an agreement that has none (service manager, R3)",
        request=AssignmentCreateSerializer,
        responses={201: AssignmentSerializer},
        tags=["assignments"],
    ),
    substitute=extend_schema(
        summary="End the mentor's assignment for a permitted reason, naming a substitute if ready (R3)",
        parameters=[PUBLIC_ID],
        request=AssignmentSubstituteSerializer,
        responses=SubstitutionResultSerializer,
        tags=["assignments"],
    ),
    reject=extend_schema(
        summary="The council rejects the mentor (Virtual School, R4)",
        parameters=[PUBLIC_ID],
        request=AssignmentRejectSerializer,
        responses=AssignmentSerializer,
        tags=["assignments"],
    ),
)
class AssignmentViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = AssignmentSerializer
    input_serializers = {
        "create": AssignmentCreateSerializer,
        "substitute": AssignmentSubstituteSerializer,
        "reject": AssignmentRejectSerializer,
    }

    def get_queryset(self) -> QuerySet[Any]:
        return assignment_list_visible_to(user=self.request.user)

    fetch_one = staticmethod(assignment_get_for_user)

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = agreement_from_body(request, data["agreement"])
        deny_unless(
            can_manage_assignments(actor_for(request.user), agreement),
            "Only the provider's service manager can assign mentors.",
        )
        # The provider's mentors, not only those the page offers: the service then says why
        # a mentor the council rejected for this young person cannot come back (R4).
        mentor = pick(mentor_list_for_provider(provider_id=agreement.provider_id), data["mentor"], "mentor", "mentor")
        assignment = assignment_create(
            actor=api_user(request),
            agreement=agreement,
            mentor=mentor,
            started_on=data.get("started_on"),
        )
        return self.output(assignment_get_for_user(user=request.user, public_id=assignment.public_id), code=201)

    @action(detail=True, methods=["post"])
    def substitute(self, request: Request, public_id: str) -> Response:
        assignment = assignment_get_for_user(user=request.user, public_id=public_id)
        deny_unless(
            can_manage_assignments(actor_for(request.user), assignment.agreement),
            "Only the provider's service manager can substitute a mentor.",
        )
        data = self.validated(request)
        new_mentor = None
        if data.get("new_mentor") is not None:
            new_mentor = pick(
                mentor_list_for_provider(provider_id=assignment.agreement.provider_id),
                data["new_mentor"],
                "new_mentor",
                "mentor",
            )
        substitute = assignment_substitute(
            actor=api_user(request),
            assignment=assignment,
            reason=data["reason"],
            note=data["note"],
            new_mentor=new_mentor,
            ended_on=data.get("ended_on"),
        )
        context = self.get_serializer_context()
        ended = assignment_get_for_user(user=request.user, public_id=public_id)
        if substitute is not None:
            substitute = assignment_get_for_user(user=request.user, public_id=substitute.public_id)
        return Response(
            {
                "ended": AssignmentSerializer(ended, context=context).data,
                "substitute": AssignmentSerializer(substitute, context=context).data if substitute else None,
            }
        )

    @action(detail=True, methods=["post"])
    def reject(self, request: Request, public_id: str) -> Response:
        assignment = assignment_get_for_user(user=request.user, public_id=public_id)
        deny_unless(
            can_reject_mentor(actor_for(request.user), assignment),
            "Only the council's Virtual School can reject a mentor.",
        )
        data = self.validated(request)
        assignment_reject(actor=api_user(request), assignment=assignment, reason=data["reason"])
        return self.output(assignment_get_for_user(user=request.user, public_id=public_id))
