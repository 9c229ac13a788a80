"""Outcomes and the evidence of progress: reviews, indicators, measures, destinations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from waymark.core.models import BaseModel
from waymark.organisations.models import OrganisationScoped

from .enums import EetStatus, IndicatorKind, IndicatorSource, Informant, MeasureKind, MissingCode


class Outcome(BaseModel, OrganisationScoped):
    order_form = models.ForeignKey("agreements.OrderForm", on_delete=models.CASCADE, related_name="outcomes")
    description = models.TextField(max_length=1000)
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["order_form", "position"]
        indexes = [
            models.Index(fields=["provider", "order_form", "position"]),
            models.Index(fields=["council", "order_form", "position"]),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class OutcomeReview(BaseModel, OrganisationScoped):
    """A goal-based rating (0–10) of one outcome on a date, with the evidence for it."""

    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField("Date of review")
    rating = models.PositiveSmallIntegerField(
        "Rating from 0 (not at all) to 10 (fully achieved)", validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    evidence = models.TextField("Evidence", max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["outcome", "reviewed_on", "created_at"]
        indexes = [
            models.Index(fields=["provider", "outcome", "reviewed_on"]),
            models.Index(fields=["council", "outcome", "reviewed_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__lte=10), name="outcome_review_rating_0_10"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/10 on {self.reviewed_on:%d %b %Y}"


class IndicatorReading(BaseModel, OrganisationScoped):
    """One measurement of an indicator, with its date and source."""

    agreement = models.ForeignKey(
        "agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="indicator_readings"
    )
    kind = models.CharField(max_length=32, choices=IndicatorKind.choices)
    recorded_on = models.DateField("Date")
    value = models.DecimalField(max_digits=6, decimal_places=2)
    source = models.CharField(max_length=32, choices=IndicatorSource.choices)
    note = models.TextField(blank=True, max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreement", "kind", "recorded_on", "created_at"]
        indexes = [
            models.Index(fields=["agreement", "kind", "recorded_on"]),
            models.Index(fields=["provider", "agreement", "kind", "recorded_on"]),
            models.Index(fields=["council", "agreement", "kind", "recorded_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value} on {self.recorded_on:%d %b %Y}"


class MissingEpisode(BaseModel, OrganisationScoped):
    """A missing episode in SSDA903 terms. Episodes of one young person never overlap."""

    agreement = models.ForeignKey(
        "agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    code = models.CharField("Type", max_length=1, choices=MissingCode.choices)
    start_date = models.DateField("Start date")
    end_date = models.DateField("End date", null=True, blank=True, help_text="Leave empty while still missing.")
    return_interview_offered = models.BooleanField("Return home interview offered", null=True, blank=True)
    return_interview_accepted = models.BooleanField("Return home interview accepted", null=True, blank=True)
    source = models.CharField(max_length=32, choices=IndicatorSource.choices)
    note = models.TextField(blank=True, max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreement", "start_date", "created_at"]
        indexes = [
            models.Index(fields=["provider", "agreement", "start_date"]),
            models.Index(fields=["council", "agreement", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="missing_episode_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} from {self.start_date:%d %b %Y}"


class MeasureResult(BaseModel, OrganisationScoped):
    """A completed questionnaire: item responses (where the licence allows us to hold them)
    and the scores worked out by ``waymark.outcomes.measures``. SDQ holds scores only."""

    agreement = models.ForeignKey(
        "agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="measure_results"
    )
    kind = models.CharField(max_length=16, choices=MeasureKind.choices)
    completed_on = models.DateField("Date completed")
    informant = models.CharField(max_length=16, choices=Informant.choices, default=Informant.SELF)
    items = models.JSONField(default=list, blank=True, help_text="Item responses in questionnaire order.")
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    subscores = models.JSONField(default=dict, blank=True)
    band = models.CharField(max_length=64, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreement", "kind", "completed_on", "created_at"]
        indexes = [
            models.Index(fields=["agreement", "kind", "completed_on"]),
            models.Index(fields=["provider", "agreement", "kind", "completed_on"]),
            models.Index(fields=["council", "agreement", "kind", "completed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.completed_on:%d %b %Y}"


class Qualification(BaseModel, OrganisationScoped):
    agreement = models.ForeignKey(
        "agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="qualifications"
    )
    title = models.CharField("Qualification", max_length=200)
    level = models.CharField("Level", max_length=40, blank=True)
    grade = models.CharField("Grade", max_length=40, blank=True)
    awarding_body = models.CharField("Awarding body", max_length=200, blank=True)
    achieved_on = models.DateField("Date achieved")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreement", "achieved_on"]
        indexes = [
            models.Index(fields=["provider", "agreement", "achieved_on"]),
            models.Index(fields=["council", "agreement", "achieved_on"]),
        ]

    def __str__(self) -> str:
        return self.title


class Destination(BaseModel, OrganisationScoped):
    """Post-16 activity as an NCCIS current-activity code, with the derived SSDA903
    ACTIV code and EET status (``waymark.outcomes.nccis``)."""

    agreement = models.ForeignKey(
        "agreements.IndividualAgreement", on_delete=models.PROTECT, related_name="destinations"
    )
    recorded_on = models.DateField("Date")
    nccis_code = models.CharField("Activity (NCCIS code)", max_length=3)
    activ_code = models.CharField("SSDA903 ACTIV code", max_length=2, blank=True)
    eet_status = models.CharField(max_length=20, choices=EetStatus.choices)
    note = models.TextField(blank=True, max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["agreement", "recorded_on", "created_at"]
        indexes = [
            models.Index(fields=["provider", "agreement", "recorded_on"]),
            models.Index(fields=["council", "agreement", "recorded_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.nccis_code} on {self.recorded_on:%d %b %Y}"
