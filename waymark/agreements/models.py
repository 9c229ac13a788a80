"""Framework agreements, Order Forms, Individual Agreements and assignments."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from waymark.core.models import BaseModel
from waymark.organisations.models import OrganisationScoped

from .enums import AgreementStatus, AssignmentEndReason, OrderFormChannel, OrderFormStatus


class FrameworkAgreement(BaseModel):
    """The framework between one council and one provider: term and annual cap."""

    council = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="frameworks_commissioned"
    )
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="frameworks_held")
    reference = models.CharField(max_length=60, unique=True)
    start_date = models.DateField()
    end_date = models.DateField()
    annual_cap = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("40000.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Upper budget limit per contract year, in pounds (R11).",
    )

    class Meta:
        ordering = ["-start_date", "reference"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=F("start_date")), name="framework_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.council} × {self.provider}"


class OrderForm(BaseModel, OrganisationScoped):
    """The council's request for one young person. Receiving it starts the R1 clock."""

    framework = models.ForeignKey(FrameworkAgreement, on_delete=models.PROTECT, related_name="order_forms")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.PROTECT, related_name="order_forms")
    channel = models.CharField(max_length=16, choices=OrderFormChannel.choices)
    received_on = models.DateField("Date of receipt")
    first_contact_due_on = models.DateField(help_text="End of the 2nd working day after receipt (R1).")
    status = models.CharField(max_length=16, choices=OrderFormStatus.choices, default=OrderFormStatus.RECEIVED)
    referral_reason = models.TextField("Reason for referral", max_length=4000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        indexes = [
            models.Index(fields=["status", "received_on"]),
            models.Index(fields=["provider", "received_on", "created_at"]),
            models.Index(fields=["council", "received_on", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Order Form received {self.received_on:%d %b %Y}"


class IndividualAgreement(BaseModel, OrganisationScoped):
    """The contract an accepted Order Form forms for one young person.

    The milestone dates (first contact, first meeting, substitution) are kept here by
    the services so that lists can filter and sort on them; their status is derived
    in one place, ``waymark.agreements.deadlines``.
    """

    order_form = models.OneToOneField(OrderForm, on_delete=models.PROTECT, related_name="agreement")
    framework = models.ForeignKey(FrameworkAgreement, on_delete=models.PROTECT, related_name="agreements")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.PROTECT, related_name="agreements")
    status = models.CharField(max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True, max_length=2000)
    first_contact_on = models.DateField(null=True, blank=True)
    first_meeting_due_on = models.DateField(null=True, blank=True)
    first_meeting_on = models.DateField(null=True, blank=True)
    substitution_due_on = models.DateField(null=True, blank=True)
    substituted_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["provider", "start_date", "created_at"]),
            models.Index(fields=["council", "start_date", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Individual Agreement for {self.young_person}"

    @property
    def is_active(self) -> bool:
        return self.status == AgreementStatus.ACTIVE


class Assignment(BaseModel, OrganisationScoped):
    """A mentor on an Individual Agreement. Ends only for a recorded reason (R3)."""

    agreement = models.ForeignKey(IndividualAgreement, on_delete=models.PROTECT, related_name="assignments")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    started_on = models.DateField()
    is_substitute = models.BooleanField(default=False)
    # For a substitute, the substitution it closes (R3): the previous mentor's last day,
    # which opened the 7-day clock, and the day the substitute was due. Its own
    # ``started_on`` is the day the substitution was made. Each substitution keeps its
    # dates here; the agreement's ``substitution_due_on``/``substituted_on`` are the latest.
    substitution_opened_on = models.DateField(
        null=True, blank=True, help_text="The previous mentor's last day, which opened the 7-day clock."
    )
    substitution_due_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=32, choices=AssignmentEndReason.choices, blank=True)
    end_note = models.TextField(blank=True, max_length=2000)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"], condition=Q(ended_on__isnull=True), name="one_current_mentor_per_agreement"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "ended_on"]),
            models.Index(fields=["provider", "started_on"]),
            models.Index(fields=["council", "started_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} on {self.agreement}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
