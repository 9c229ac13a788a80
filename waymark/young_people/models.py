"""The young person's record: only what the service needs (R14)."""

from django.core.validators import RegexValidator
from django.db import models

from waymark.core.models import BaseModel

upn_validator = RegexValidator(
    r"^[A-Z][0-9]{11}[0-9A-Z]$",
    "Enter a Unique Pupil Number of 13 characters: a capital letter, 11 digits, then a digit or capital letter.",
)


class YoungPerson(BaseModel):
    """A looked-after young person, as known to one council and its provider.

    Created by an Order Form. The council owns the record; the provider named on the
    framework agreement holds it to deliver the service.
    """

    council = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="young_people")
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="young_people_served"
    )
    legal_first_name = models.CharField("Legal first name", max_length=100)
    legal_last_name = models.CharField("Legal last name", max_length=100)
    preferred_name = models.CharField(
        "Preferred name", max_length=100, blank=True, help_text="The name they like to be called, if different."
    )
    date_of_birth = models.DateField("Date of birth")
    local_child_id = models.CharField(
        "Local child ID", max_length=40, help_text="The council's own identifier for the child."
    )
    upn = models.CharField("Unique Pupil Number (UPN)", max_length=13, blank=True, validators=[upn_validator])
    school_or_setting = models.CharField("School or setting", max_length=200, blank=True)
    social_worker_name = models.CharField("Social worker's name", max_length=200, blank=True)
    social_worker_email = models.EmailField("Social worker's email", blank=True)
    social_worker_phone = models.CharField("Social worker's phone", max_length=40, blank=True)
    carer_name = models.CharField("Carer's name", max_length=200, blank=True)
    carer_email = models.EmailField("Carer's email", blank=True)
    carer_phone = models.CharField("Carer's phone", max_length=40, blank=True)
    needs = models.TextField("Needs", blank=True, max_length=4000)
    communication_needs = models.TextField(
        "Communication and language needs",
        blank=True,
        max_length=2000,
        help_text="For example, first language, interpreter, or how they prefer to communicate.",
    )
    face_to_face_restricted = models.BooleanField(
        "Legal restrictions forbid face-to-face contact",
        default=False,
        help_text="When ticked, only phone, video and message contacts can be logged (R8).",
    )
    restriction_details = models.TextField("Details of the restriction", blank=True, max_length=2000)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up with every change, so a stale edit is refused, not saved over."
    )

    class Meta:
        ordering = ["legal_last_name", "legal_first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "provider", "local_child_id"], name="young_person_unique_local_id"
            ),
        ]
        indexes = [models.Index(fields=["provider", "legal_last_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.legal_first_name
        return f"{first} {self.legal_last_name}"

    @property
    def legal_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}"

    @property
    def initials(self) -> str:
        first = self.preferred_name or self.legal_first_name
        return f"{first[:1]}{self.legal_last_name[:1]}".upper()
