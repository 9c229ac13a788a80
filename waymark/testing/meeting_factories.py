"""A plain factory for meetings (arrange tests with it; act through the services)."""

from __future__ import annotations

import datetime

import factory

from waymark.meetings.enums import MeetingAttendance, MeetingType
from waymark.meetings.models import Meeting

from .factories import IndividualAgreementFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A PEP review we contributed to in writing, a week after the agreement started."""

    class Meta:
        model = Meeting

    agreement = factory.SubFactory(IndividualAgreementFactory)
    provider = factory.SelfAttribute("agreement.provider")
    council = factory.SelfAttribute("agreement.council")
    author = factory.SubFactory(UserFactory)
    meeting_type = MeetingType.PEP
    held_on = factory.LazyAttribute(lambda o: o.agreement.start_date + datetime.timedelta(days=7))
    attendance = MeetingAttendance.WRITTEN
    engagement = "Comes to most sessions and stays for the hour."
    progress = "In school four days most weeks."
    young_person_views = "Wants to keep going to football club."
    recommended_actions = "School to set up a maths catch-up group."
