"""Choices for meetings."""

from django.db import models


class MeetingType(models.TextChoices):
    PEP = "pep", "Personal Education Plan (PEP) review"
    LAC_REVIEW = "lac_review", "Looked-after child (LAC) review"
    TAC = "tac", "Team Around the Child meeting"
    OTHER = "other", "Other planning meeting"


class MeetingAttendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    WRITTEN = "written", "Contributed in writing"
    NOT_ATTENDED = "not_attended", "Invited, did not attend or contribute"
