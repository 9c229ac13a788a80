"""Contacts: every interaction with or about a young person, attempted or made."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from waymark.core.models import BaseModel
from waymark.organisations.models import OrganisationScoped

from .enums import (
    CancelledBy,
    ContactMode,
    ContactOutcome,
    SessionStatus,
)


class Contact(BaseModel, OrganisationScoped):
    agreement = models.ForeignKey("agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="contacts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_logged")
    occurred_at = models.DateTimeField("When")
    occurred_on = models.DateField(help_text="The Europe/London date of occurred_at: the date the clocks count.")
    mode = models.CharField(max_length=16, choices=ContactMode.choices)
    outcome = models.CharField(max_length=16, choices=ContactOutcome.choices)
    is_first_meeting = models.BooleanField("This was the first meeting", default=False)
    duration_minutes = models.PositiveSmallIntegerField(
        "Length in minutes",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12 * 60)],
    )
    summary = models.TextField(blank=True, max_length=10000)
    location = models.CharField("Where", max_length=200, blank=True)
    participants = models.JSONField(
        "Who took part", default=list, blank=True, help_text="Participant codes (contacts.enums.Participant)."
    )
    other_participants = models.CharField("Others who took part", max_length=200, blank=True)
    young_person_words = models.TextField("The young person's own words", blank=True, max_length=4000)
    next_steps = models.TextField("Next steps", blank=True, max_length=4000)
    # R9: set by the service from occurred_at in Europe/London; reported, never a problem.
    is_evening = models.BooleanField(default=False)
    is_late_evening = models.BooleanField(default=False)
    is_weekend = models.BooleanField(default=False)
    # R5: a volunteer is never the only adult; the staff member present is named.
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts_joined"
    )
    staff_present = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submission_token = models.UUIDField(
        null=True, blank=True, unique=True, help_text="One per rendered form: a resubmission creates nothing new."
    )

    class Meta:
        ordering = ["-occurred_at", "-created_at"]
        indexes = [
            models.Index(fields=["agreement", "occurred_at"]),
            models.Index(fields=["provider", "occurred_at"]),
            models.Index(fields=["council", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} contact on {self.occurred_on:%d %b %Y}"

    @property
    def was_made(self) -> bool:
        return self.outcome == ContactOutcome.MADE


class Session(BaseModel, OrganisationScoped):
    """A planned contact. When it happens it becomes a Contact (held), or is closed as
    cancelled or not attended."""

    agreement = models.ForeignKey("agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="sessions")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_led")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions_joined"
    )
    starts_at = models.DateTimeField("Starts")
    duration_minutes = models.PositiveSmallIntegerField(
        "Length in minutes", default=60, validators=[MinValueValidator(5), MaxValueValidator(12 * 60)]
    )
    location = models.CharField("Where", max_length=200)
    purpose = models.CharField("Plan for the session", max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    cancelled_by = models.CharField(max_length=16, choices=CancelledBy.choices, blank=True)
    status_note = models.TextField(blank=True, max_length=2000)
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="session")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Increased on every change; a stale edit is refused.")

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["mentor", "starts_at"]),
            models.Index(fields=["agreement", "starts_at"]),
            models.Index(fields=["provider", "starts_at"]),
            models.Index(fields=["council", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"Session on {self.starts_at:%d %b %Y %H:%M}"


class CalendarFeed(BaseModel):
    """A mentor's private iCalendar feed of their sessions. Only a hash of the secret in
    the address is stored; resetting it makes the old address stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["user"]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
