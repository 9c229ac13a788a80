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
