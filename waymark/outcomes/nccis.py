"""NCCIS current-activity codes, held as data, with the SSDA903 ACTIV code and the EET
status derived from each (reference/uk-domain.md section 7).

The NCCIS code is the source of truth; ``derive`` works out the rest. The ACTIV mapping
is the reference's approximate one: where it depends on hours (F = full time,
P = part time) the caller says which. Codes the mapping does not cover (below school
leaving age, gap year, education in custody, custody and asylum) get no ACTIV code.
DfE changes the NCCIS list: check it against each year's NCCIS management information
requirement.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .enums import EetStatus

BELOW_LEAVING_AGE = "Below school leaving age"
EDUCATION = "Education"
EMPLOYMENT = "Employment"
TRAINING = "Training"
RE_ENGAGEMENT = "Re-engagement"
NEET_AVAILABLE = "NEET: available to work or learn"
NEET_NOT_AVAILABLE = "NEET: not available to work or learn"
OTHER = "Other"
NOT_KNOWN = "Not known"

GROUP_STATUS = {
    BELOW_LEAVING_AGE: EetStatus.BELOW_LEAVING_AGE,
    EDUCATION: EetStatus.EET,
    EMPLOYMENT: EetStatus.EET,
    TRAINING: EetStatus.EET,
    RE_ENGAGEMENT: EetStatus.NEET,
    NEET_AVAILABLE: EetStatus.NEET,
    NEET_NOT_AVAILABLE: EetStatus.NEET,
    # Custody and asylum are counted as neither EET nor NEET: the nearest status is "not known";
    # the group is shown beside it so the record stays truthful.
    OTHER: EetStatus.NOT_KNOWN,
    NOT_KNOWN: EetStatus.NOT_KNOWN,
}


@dataclass(frozen=True)
class Activity:
    code: str
    label: str
    group: str
    # The ACTIV code: "F1/P1" when full or part time decides it, one code, or "" for none.
    activ: str
    in_use: bool = True

    @property
    def eet_status(self) -> str:
        return str(GROUP_STATUS[self.group])

    @property
    def needs_hours(self) -> bool:
        """Whether the ACTIV code depends on the activity being full or part time."""
        return "/" in self.activ

    @property
    def choice_label(self) -> str:
        return f"{self.code} – {self.label}"


ACTIVITIES: dict[str, Activity] = {
    a.code: a
    for a in [
        Activity("110", "On a school roll", BELOW_LEAVING_AGE, ""),
        Activity("120", "Educated at home", BELOW_LEAVING_AGE, ""),
        Activity("130", "In custody", BELOW_LEAVING_AGE, ""),
        Activity("140", "Not registered with a school", BELOW_LEAVING_AGE, ""),
        Activity("150", "Not known", BELOW_LEAVING_AGE, ""),
        Activity("210", "School sixth form", EDUCATION, "F2"),
        Activity("220", "Sixth-form college", EDUCATION, "F2"),
        Activity("230", "Further education", EDUCATION, "F2"),
        Activity("240", "Higher education", EDUCATION, "F1/P1"),
        Activity("250", "Part-time education", EDUCATION, "P2"),
        Activity("260", "Gap year", EDUCATION, ""),
        Activity("270", "Other education", EDUCATION, "F2"),
        Activity("280", "Special post-16 institution", EDUCATION, "F2"),
        Activity("290", "Education in a custodial institution", EDUCATION, ""),
        Activity("310", "Apprenticeship", EMPLOYMENT, "F4/P4"),
        Activity("320", "Full-time job with study towards a regulated qualification", EMPLOYMENT, "F5/P5"),
        Activity("330", "Job without training", EMPLOYMENT, "F5/P5"),
        Activity("340", "Job with other training", EMPLOYMENT, "F5/P5"),
        Activity("350", "Temporary job", EMPLOYMENT, "F5/P5"),
        Activity("360", "Part-time job", EMPLOYMENT, "P5"),
        Activity("380", "Self-employed", EMPLOYMENT, "F5/P5"),
        Activity("381", "Self-employed with study", EMPLOYMENT, "F5/P5"),
        Activity("410", "Work-based learning (ESFA funded)", TRAINING, "F5/P5"),
        Activity("430", "Other training", TRAINING, "F5/P5"),
        Activity("440", "Training funded by the DWP", TRAINING, "F5/P5"),
        Activity("450", "Traineeship (ended in 2024)", TRAINING, "F5/P5", in_use=False),
        Activity("460", "Supported internship", TRAINING, "F5/P5"),
        Activity("530", "Re-engagement provision", RE_ENGAGEMENT, "G5"),
        Activity("540", "Working not for reward (full time)", NEET_AVAILABLE, "G5"),
        Activity("550", "Working not for reward (part time)", NEET_AVAILABLE, "G5"),
        Activity("610", "Not yet ready for work or learning", NEET_AVAILABLE, "G5"),
        Activity("615", "Start date agreed (education)", NEET_AVAILABLE, "G5"),
        Activity("616", "Start date agreed (other)", NEET_AVAILABLE, "G5"),
        Activity("619", "Seeking work or learning", NEET_AVAILABLE, "G5"),
        Activity("620", "Young carer", NEET_NOT_AVAILABLE, "G5"),
        Activity("630", "Teenage parent", NEET_NOT_AVAILABLE, "G6"),
        Activity("640", "Illness", NEET_NOT_AVAILABLE, "G4"),
        Activity("650", "Pregnancy", NEET_NOT_AVAILABLE, "G6"),
        Activity("660", "Religious grounds", NEET_NOT_AVAILABLE, "G5"),
        Activity("670", "Unlikely ever to be economically active", NEET_NOT_AVAILABLE, "G4"),
        Activity("680", "Other reason", NEET_NOT_AVAILABLE, "G5"),
        Activity("710", "In custody (young adult)", OTHER, ""),
        Activity("720", "Refugee or asylum seeker", OTHER, ""),
        Activity("810", "Current activity not known", NOT_KNOWN, "0"),
        Activity("820", "Cannot be contacted", NOT_KNOWN, "0"),
        Activity("830", "Refused to disclose activity", NOT_KNOWN, "0"),
    ]
}


def activity(code: str) -> Activity:
    """The activity for an NCCIS code; refuses codes not on the list."""
    found = ACTIVITIES.get(str(code).strip())
    if found is None:
        raise ValidationError({"nccis_code": [f"Choose an activity from the NCCIS list: {code} is not an NCCIS code."]})
    return found


def derive(code: str, *, full_time: bool | None = None) -> tuple[str, str]:
    """``(ACTIV code, EET status)`` for an NCCIS code.

    Refuses an unknown code, a code no longer in use, and — where the ACTIV code
    depends on hours — a missing answer to "full time or part time?".
    """
    found = activity(code)
    if not found.in_use:
        raise ValidationError({"nccis_code": [f"{found.choice_label} is no longer used: choose the current activity."]})
    activ = found.activ
    if found.needs_hours:
        if full_time is None:
            raise ValidationError(
                {"full_time": ["Say whether this activity is full time or part time: the ACTIV code depends on it."]}
            )
        full, part = activ.split("/")
        activ = full if full_time else part
    return activ, found.eet_status


def choices(*, include_retired: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped (code, label) choices for a select, in code order."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for a in ACTIVITIES.values():
        if a.in_use or include_retired:
            grouped.setdefault(a.group, []).append((a.code, a.choice_label))
    return list(grouped.items())
