from django.db import models


class IndicatorKind(models.TextChoices):
    """Repeated measurements of progress (specification section 2)."""

    ATTENDANCE = "attendance", "School attendance (%)"
    SUSPENSIONS = "suspensions", "Suspensions (days this term)"
    EXCLUSIONS = "exclusions", "Permanent exclusions"
    PLACEMENT_MOVES = "placement_moves", "Placement moves"
    KEY_ADULTS = "key_adults", "Engagement with key adults"
    RESILIENCE = "resilience", "Resilience"
    PROBLEM_BEHAVIOUR = "problem_behaviour", "Problem behaviour"


class IndicatorSource(models.TextChoices):
    SCHOOL = "school", "School or college"
    SOCIAL_WORKER = "social_worker", "Social worker"
    CARER = "carer", "Carer"
    MENTOR = "mentor", "Mentor's observation"
    YOUNG_PERSON = "young_person", "The young person"
    VIRTUAL_SCHOOL = "virtual_school", "Virtual School"


class MissingCode(models.TextChoices):
    """SSDA903 MISSING codes."""

    MISSING = "M", "M – Missing: whereabouts unknown"
    AWAY = "A", "A – Away without authorisation: whereabouts known"


class MeasureKind(models.TextChoices):
    SWEMWBS = "swemwbs", "SWEMWBS (short Warwick-Edinburgh wellbeing)"
    ROSENBERG = "rosenberg", "Rosenberg self-esteem"
    ONS4 = "ons4", "ONS4 personal wellbeing"
    SDQ = "sdq", "SDQ (Strengths and Difficulties) scores"


class Informant(models.TextChoices):
    SELF = "self", "The young person"
    CARER = "carer", "Parent or carer"
    TEACHER = "teacher", "Teacher"


class EetStatus(models.TextChoices):
    EET = "eet", "In education, employment or training (EET)"
    NEET = "neet", "Not in education, employment or training (NEET)"
    NOT_KNOWN = "not_known", "Not known"
    BELOW_LEAVING_AGE = "below_leaving_age", "Below school leaving age"
