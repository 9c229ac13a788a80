"""The REST API's views: thin, with no rules of their own (CONVENTIONS.md).

Every queryset comes from a selector that takes the requesting user, and every write
goes through a service, exactly as the pages do. A record the user may not see answers
404 (or, when it is named in the request body, a 400 field error "not found"); a record
they may see but not change answers 403.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import django_filters
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import Model, QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from waymark.agreements.enums import AgreementStatus, DeadlineStatus, OrderFormStatus
from waymark.agreements.permissions import (
    can_decide_order_form,
    can_manage_assignments,
    can_reject_mentor,
    can_submit_order_form,
)
from waymark.agreements.selectors import (
    agreement_get_for_user,
    agreement_list_visible_to,
    assignment_get_for_user,
    assignment_list_visible_to,
    framework_list_for_order_forms,
    mentor_list_for_assignment,
    order_form_get_for_user,
    order_form_list_visible_to,
)
from waymark.agreements.services import (
    YOUNG_PERSON_FIELDS,
    assignment_create,
    assignment_reject,
    assignment_substitute,
    order_form_accept,
    order_form_decline,
    order_form_receive,
)
from waymark.contacts.permissions import can_log_contact
from waymark.contacts.selectors import contact_get_for_user, contact_list_visible_to, provider_people_any_role
from waymark.contacts.services import contact_log
from waymark.organisations.access import actor_for
from waymark.young_people.selectors import (
    young_person_get_for_user,
    young_person_list_visible_to,
    young_person_open,
)
from waymark.young_people.services import young_person_update

from . import serializers as s
from .exceptions import validation_error_detail

UUID_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
PUBLIC_ID = OpenApiParameter(
    "public_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The record's public id."
)


def _not_found(field: str, what: str) -> ValidationError:
    return ValidationError({field: [f"No {what} with this id was found."]})


def _pick(qs: QuerySet[Any], public_id: UUID, field: str, what: str) -> Any:
    """One row of a selector's queryset named in the request body, or a 400 on ``field``."""
    found = qs.filter(public_id=public_id).first()
    if found is None:
        raise _not_found(field, what)
    return found


def _agreement_from_body(request: Request, public_id: UUID, field: str = "agreement") -> Any:
    try:
        return agreement_get_for_user(user=request.user, public_id=public_id)
    except Http404 as exc:
        raise _not_found(field, "agreement") from exc


def _deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


class ApiViewSet(viewsets.GenericViewSet[Any]):
    """Records named by their public id; querysets from the selectors only."""

    lookup_field = "public_id"
    lookup_value_regex = UUID_PATTERN
    filter_backends = [DjangoFilterBackend]
    # JSON in and out. The interactive docs are Swagger UI at /api/v1/docs/; DRF's browsable
    # API is left out because its pages carry inline styles the CSP forbids.
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    # Per action: the serializer that reads the request body; output uses serializer_class.
    input_serializers: dict[str, type[BaseSerializer[Any]]] = {}

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return self.input_serializers.get(self.action, self.serializer_class)  # type: ignore[return-value]

    def validated(self, request: Request) -> dict[str, Any]:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def output(
        self, instance: Model, *, serializer: type[BaseSerializer[Any]] | None = None, code: int = 200
    ) -> Response:
        klass = serializer or self.serializer_class
        if klass is None:
            raise TypeError(f"{type(self).__name__} names no serializer_class.")
        return Response(klass(instance, context=self.get_serializer_context()).data, status=code)


# --- Young people -------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Young people you may read", tags=["young people"]),
    retrieve=extend_schema(
        summary="One young person's record (the read is audited)", parameters=[PUBLIC_ID], tags=["young people"]
    ),
    partial_update=extend_schema(
        summary="Correct a young person's record (service manager of the provider)",
        parameters=[PUBLIC_ID],
        request=s.YoungPersonUpdateSerializer,
        responses=s.YoungPersonSerializer,
        tags=["young people"],
    ),
)
class YoungPersonViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.YoungPersonSerializer
    input_serializers = {"partial_update": s.YoungPersonUpdateSerializer}
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return young_person_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(young_person_open(user=request.user, public_id=public_id))

    def partial_update(self, request: Request, public_id: str) -> Response:
        young_person = young_person_get_for_user(user=request.user, public_id=public_id, write=True)
        data = self.validated(request)
        young_person = young_person_update(
            actor=request.user,  # type: ignore[arg-type]
            young_person=young_person,
            data=data,
            expected_version=data.pop("version", None),
        )
        return self.output(young_person_get_for_user(user=request.user, public_id=young_person.public_id))


# --- Order Forms --------------------------------------------------------------------


class OrderFormFilter(django_filters.FilterSet):  # type: ignore[misc]
    status = django_filters.ChoiceFilter(choices=OrderFormStatus.choices)
    first_contact_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)


@extend_schema_view(
    list=extend_schema(summary="Order Forms you may read", tags=["order forms"]),
    retrieve=extend_schema(summary="One Order Form", parameters=[PUBLIC_ID], tags=["order forms"]),
    create=extend_schema(
        summary="Send (Virtual School) or record (service manager) an Order Form",
        request=s.OrderFormCreateSerializer,
        responses={201: s.OrderFormSerializer},
        tags=["order forms"],
    ),
    accept=extend_schema(
        summary="Accept an Order Form, forming the Individual Agreement (service manager)",
        parameters=[PUBLIC_ID],
        request=None,
        responses={201: s.AgreementSerializer},
        tags=["order forms"],
    ),
    decline=extend_schema(
        summary="Decline an Order Form with a reason (service manager)",
        parameters=[PUBLIC_ID],
        request=s.OrderFormDeclineSerializer,
        responses=s.OrderFormSerializer,
        tags=["order forms"],
    ),
)
class OrderFormViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.OrderFormSerializer
    input_serializers = {"create": s.OrderFormCreateSerializer, "decline": s.OrderFormDeclineSerializer}
    filterset_class = OrderFormFilter

    def get_queryset(self) -> QuerySet[Any]:
        return order_form_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(order_form_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        _deny_unless(can_submit_order_form(actor_for(request.user)), "You cannot send or record Order Forms.")
        data = self.validated(request)
        framework = _pick(
            framework_list_for_order_forms(user=request.user), data["framework"], "framework", "framework agreement"
        )
        try:
            order_form = order_form_receive(
                actor=request.user,  # type: ignore[arg-type]
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
        _deny_unless(
            can_decide_order_form(actor_for(request.user), order_form),
            "Only the provider's service manager can accept an Order Form.",
        )
        agreement = order_form_accept(actor=request.user, order_form=order_form)  # type: ignore[arg-type]
        return self.output(
            agreement_get_for_user(user=request.user, public_id=agreement.public_id),
            serializer=s.AgreementSerializer,
            code=201,
        )

    @action(detail=True, methods=["post"])
    def decline(self, request: Request, public_id: str) -> Response:
        order_form = order_form_get_for_user(user=request.user, public_id=public_id)
        _deny_unless(
            can_decide_order_form(actor_for(request.user), order_form),
            "Only the provider's service manager can decline an Order Form.",
        )
        data = self.validated(request)
        order_form_decline(actor=request.user, order_form=order_form, reason=data["reason"])  # type: ignore[arg-type]
        return self.output(order_form_get_for_user(user=request.user, public_id=public_id))


# --- Individual Agreements ------------------------------------------------------------


class AgreementFilter(django_filters.FilterSet):  # type: ignore[misc]
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)
    first_contact_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)
    first_meeting_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)
    substitution_status = django_filters.ChoiceFilter(choices=DeadlineStatus.choices)


@extend_schema_view(
    list=extend_schema(summary="Individual Agreements you may read, with their deadlines", tags=["agreements"]),
    retrieve=extend_schema(summary="One Individual Agreement", parameters=[PUBLIC_ID], tags=["agreements"]),
)
class AgreementViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self) -> QuerySet[Any]:
        return agreement_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(agreement_get_for_user(user=request.user, public_id=public_id))


# --- Assignments ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Mentor assignments you may read", tags=["assignments"]),
    retrieve=extend_schema(summary="One assignment", parameters=[PUBLIC_ID], tags=["assignments"]),
    create=extend_schema(
        summary="Assign a mentor to an agreement that has none (service manager, R3)",
        request=s.AssignmentCreateSerializer,
        responses={201: s.AssignmentSerializer},
        tags=["assignments"],
    ),
    substitute=extend_schema(
        summary="End the mentor's assignment for a permitted reason, naming a substitute if ready (R3)",
        parameters=[PUBLIC_ID],
        request=s.AssignmentSubstituteSerializer,
        responses=s.SubstitutionResultSerializer,
        tags=["assignments"],
    ),
    reject=extend_schema(
        summary="The council rejects the mentor (Virtual School, R4)",
        parameters=[PUBLIC_ID],
        request=s.AssignmentRejectSerializer,
        responses=s.AssignmentSerializer,
        tags=["assignments"],
    ),
)
class AssignmentViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.AssignmentSerializer
    input_serializers = {
        "create": s.AssignmentCreateSerializer,
        "substitute": s.AssignmentSubstituteSerializer,
        "reject": s.AssignmentRejectSerializer,
    }

    def get_queryset(self) -> QuerySet[Any]:
        return assignment_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(assignment_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_from_body(request, data["agreement"])
        _deny_unless(
            can_manage_assignments(actor_for(request.user), agreement),
            "Only the provider's service manager can assign mentors.",
        )
        mentor = _pick(mentor_list_for_assignment(agreement=agreement), data["mentor"], "mentor", "mentor")
        assignment = assignment_create(
            actor=request.user,  # type: ignore[arg-type]
            agreement=agreement,
            mentor=mentor,
            started_on=data.get("started_on"),
        )
        return self.output(assignment_get_for_user(user=request.user, public_id=assignment.public_id), code=201)

    @action(detail=True, methods=["post"])
    def substitute(self, request: Request, public_id: str) -> Response:
        assignment = assignment_get_for_user(user=request.user, public_id=public_id)
        _deny_unless(
            can_manage_assignments(actor_for(request.user), assignment.agreement),
            "Only the provider's service manager can substitute a mentor.",
        )
        data = self.validated(request)
        new_mentor = None
        if data.get("new_mentor") is not None:
            new_mentor = _pick(
                mentor_list_for_assignment(agreement=assignment.agreement), data["new_mentor"], "new_mentor", "mentor"
            )
        substitute = assignment_substitute(
            actor=request.user,  # type: ignore[arg-type]
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
                "ended": s.AssignmentSerializer(ended, context=context).data,
                "substitute": s.AssignmentSerializer(substitute, context=context).data if substitute else None,
            }
        )

    @action(detail=True, methods=["post"])
    def reject(self, request: Request, public_id: str) -> Response:
        assignment = assignment_get_for_user(user=request.user, public_id=public_id)
        _deny_unless(
            can_reject_mentor(actor_for(request.user), assignment),
            "Only the council's Virtual School can reject a mentor.",
        )
        data = self.validated(request)
        assignment_reject(actor=request.user, assignment=assignment, reason=data["reason"])  # type: ignore[arg-type]
        return self.output(assignment_get_for_user(user=request.user, public_id=public_id))


# --- Contacts -------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Contacts you may read, with their notes", tags=["contacts"]),
    retrieve=extend_schema(summary="One contact", parameters=[PUBLIC_ID], tags=["contacts"]),
    create=extend_schema(
        summary="Log a contact, attempted or made (the mentor assigned now, or the service manager)",
        request=s.ContactCreateSerializer,
        responses={201: s.ContactSerializer},
        tags=["contacts"],
    ),
)
class ContactViewSet(mixins.ListModelMixin, ApiViewSet):
    serializer_class = s.ContactSerializer
    input_serializers = {"create": s.ContactCreateSerializer}

    def get_queryset(self) -> QuerySet[Any]:
        return contact_list_visible_to(user=self.request.user)

    def retrieve(self, request: Request, public_id: str) -> Response:
        return self.output(contact_get_for_user(user=request.user, public_id=public_id))

    def create(self, request: Request) -> Response:
        data = self.validated(request)
        agreement = _agreement_from_body(request, data.pop("agreement"))
        _deny_unless(
            can_log_contact(actor_for(request.user), agreement),
            "Only the young person's mentor or the service manager can log contacts.",
        )
        provider_id = agreement.framework.provider_id
        for field in ("volunteer", "staff_present"):
            if data.get(field) is not None:
                data[field] = _pick(provider_people_any_role(provider_id=provider_id), data[field], field, "person")
        try:
            contact = contact_log(actor=request.user, agreement=agreement, **data)  # type: ignore[arg-type]
        except IntegrityError as exc:  # the submission token was used for another agreement
            raise ValidationError({"submission_token": ["This submission token has already been used."]}) from exc
        # A resubmission (same token) returns the contact already logged, with the same answer.
        return self.output(contact_get_for_user(user=request.user, public_id=contact.public_id), code=201)
