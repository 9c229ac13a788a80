"""Meetings about a young person (PEP, LAC review, TAC) and what the provider contributed."""

from django.conf import settings
from django.db import models

from waymark.core.models import BaseModel
from waymark.organisations.models import OrganisationScoped

from .enums import MeetingAttendance, MeetingType


class Meeting(BaseModel, OrganisationScoped):
    """A PEP, LAC review, Team Around the Child or other planning meeting, and what the
    provider contributed to it."""

    agreement = models.ForeignKey("agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="meetings")
    meeting_type = models.CharField("Type of meeting", max_length=16, choices=MeetingType.choices)
    held_on = models.DateField("Date of the meeting")
    attendance = models.CharField("Our part", max_length=16, choices=MeetingAttendance.choices)
    engagement = models.TextField("Engagement we have seen", blank=True, max_length=4000)
    progress = models.TextField("Progress on outcomes", blank=True, max_length=4000)
    young_person_views = models.TextField("The young person's views", blank=True, max_length=4000)
    recommended_actions = models.TextField("Recommended actions", blank=True, max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Increased on every change; a stale edit is refused.")

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [
            models.Index(fields=["agreement", "held_on"]),
            models.Index(fields=["provider", "held_on"]),
            models.Index(fields=["council", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_meeting_type_display()} on {self.held_on:%d %b %Y}"
