"""Contacts: every interaction with or about a young person, attempted or made."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from waymark.core.models import BaseModel

from .enums import ContactMode, ContactOutcome


class Contact(BaseModel):
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
    submission_token = models.UUIDField(
        null=True, blank=True, unique=True, help_text="One per rendered form: a resubmission creates nothing new."
    )

    class Meta:
        ordering = ["-occurred_at", "-created_at"]
        indexes = [models.Index(fields=["agreement", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} contact on {self.occurred_on:%d %b %Y}"

    @property
    def was_made(self) -> bool:
        return self.outcome == ContactOutcome.MADE
