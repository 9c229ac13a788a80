from django.db import models


class ContactMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    MESSAGE = "message", "Message (text, email or app)"
    OTHER = "other", "Other"


REMOTE_MODES = frozenset({ContactMode.PHONE, ContactMode.VIDEO, ContactMode.MESSAGE})
# Modes in which a first meeting can happen: face to face, or a live remote
# meeting when face-to-face contact is legally restricted (R2, R8).
MEETING_MODES_RESTRICTED = frozenset({ContactMode.PHONE, ContactMode.VIDEO})


class ContactOutcome(models.TextChoices):
    MADE = "made", "Made: we reached the young person"
    ATTEMPTED = "attempted", "Attempted: we did not reach them"


class Participant(models.TextChoices):
    YOUNG_PERSON = "young_person", "Young person"
    CARER = "carer", "Carer"
    SOCIAL_WORKER = "social_worker", "Social worker"
    SCHOOL = "school", "School or college staff"
    OTHER_PROFESSIONAL = "other_professional", "Other professionals"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    DID_NOT_ATTEND = "did_not_attend", "Young person did not attend"


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.PLANNED: frozenset({SessionStatus.HELD, SessionStatus.CANCELLED, SessionStatus.DID_NOT_ATTEND}),
    SessionStatus.HELD: frozenset(),
    SessionStatus.CANCELLED: frozenset(),
    SessionStatus.DID_NOT_ATTEND: frozenset(),
}


class CancelledBy(models.TextChoices):
    YOUNG_PERSON = "young_person", "The young person"
    CARER = "carer", "The carer or placement"
    PROVIDER = "provider", "Us (the provider)"
    OTHER = "other", "Someone else"
