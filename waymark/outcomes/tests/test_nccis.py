"""NCCIS activity codes: the list, the derived ACTIV code and EET status (uk-domain.md section 7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from waymark.outcomes import nccis
from waymark.outcomes.enums import EetStatus

# Every code in the reference's table, typed in from it.
REFERENCE_CODES = (
    "110 120 130 140 150 210 220 230 240 250 260 270 280 290 310 320 330 340 350 360 380 381 410 430 440 450 460 "
    "530 540 550 610 615 616 619 620 630 640 650 660 670 680 710 720 810 820 830"
).split()


def test_the_list_holds_exactly_the_reference_codes():
    assert sorted(nccis.ACTIVITIES) == sorted(REFERENCE_CODES)


@pytest.mark.parametrize(
    ("code", "full_time", "activ", "status"),
    [
        ("110", None, "", EetStatus.BELOW_LEAVING_AGE),
        ("150", None, "", EetStatus.BELOW_LEAVING_AGE),
        ("210", None, "F2", EetStatus.EET),
        ("230", None, "F2", EetStatus.EET),
        ("270", None, "F2", EetStatus.EET),
        ("280", None, "F2", EetStatus.EET),
        ("240", True, "F1", EetStatus.EET),
        ("240", False, "P1", EetStatus.EET),
        ("250", None, "P2", EetStatus.EET),
        ("310", True, "F4", EetStatus.EET),
        ("310", False, "P4", EetStatus.EET),
        ("330", True, "F5", EetStatus.EET),
        ("381", False, "P5", EetStatus.EET),
        ("360", None, "P5", EetStatus.EET),
        ("410", True, "F5", EetStatus.EET),
        ("460", False, "P5", EetStatus.EET),
        ("530", None, "G5", EetStatus.NEET),
        ("619", None, "G5", EetStatus.NEET),
        ("620", None, "G5", EetStatus.NEET),
        ("640", None, "G4", EetStatus.NEET),
        ("670", None, "G4", EetStatus.NEET),
        ("630", None, "G6", EetStatus.NEET),
        ("650", None, "G6", EetStatus.NEET),
        ("680", None, "G5", EetStatus.NEET),
        ("710", None, "", EetStatus.NOT_KNOWN),
        ("810", None, "0", EetStatus.NOT_KNOWN),
        ("830", None, "0", EetStatus.NOT_KNOWN),
    ],
)
def test_derive_gives_the_activ_code_and_eet_status(code, full_time, activ, status):
    assert nccis.derive(code, full_time=full_time) == (activ, status)


def test_full_or_part_time_is_needed_where_the_activ_code_depends_on_it():
    with pytest.raises(ValidationError) as exc:
        nccis.derive("240")

    assert list(exc.value.message_dict) == ["full_time"]


@pytest.mark.parametrize("code", ["999", "100", "abc", "", "23"])
def test_unknown_codes_are_refused(code):
    with pytest.raises(ValidationError) as exc:
        nccis.derive(code, full_time=True)

    assert exc.value.message_dict["nccis_code"][0].startswith("Choose an activity from the NCCIS list")


def test_traineeships_ended_so_450_is_refused_and_left_out_of_the_choices():
    with pytest.raises(ValidationError) as exc:
        nccis.derive("450", full_time=True)

    assert "no longer used" in exc.value.message_dict["nccis_code"][0]
    offered = [code for _, group in nccis.choices() for code, _ in group]
    assert "450" not in offered
    assert len(offered) == len(REFERENCE_CODES) - 1
