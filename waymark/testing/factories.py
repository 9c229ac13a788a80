"""Plain factory_boy factories, one per model the spine needs.

They create rows directly, bypassing the services: use them to arrange a test, and
call the services (``waymark.*.services``) for the behaviour under test. Names are
invented; no factory produces a real person's name.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from waymark.agreements.enums import OrderFormChannel, OrderFormStatus
from waymark.agreements.models import Assignment, FrameworkAgreement, IndividualAgreement, OrderForm
from waymark.contacts.enums import ContactMode, ContactOutcome
from waymark.contacts.models import Contact
from waymark.core.working_days import add_working_days
from waymark.organisations.enums import OrganisationKind, Role
from waymark.organisations.models import Membership, Organisation, User
from waymark.young_people.models import YoungPerson

PASSWORD = "correct horse battery staple"  # noqa: S105 - test-only password
LONDON = ZoneInfo("Europe/London")

# Invented names only: none of these should name a real child or worker.
FIRST_NAMES = ["Tamsin", "Oren", "Lyra", "Caspian", "Ember", "Rowan", "Isolde", "Jory", "Marlow", "Wren"]
LAST_NAMES = ["Quillfeather", "Brackenridge", "Duskwood", "Fernhollow", "Marchbank", "Ottershaw", "Pennywhistle"]
# Staff get names from another pool, so a young person's name never matches a worker's.
STAFF_NAMES = ["Ansel Greave", "Bettany Cole", "Cyprian Hale", "Delphine Orrin", "Evander Noakes", "Fenella Rusk"]


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A provider by default; ``OrganisationFactory(council=True)`` for a council."""

    class Meta:
        model = Organisation

    kind = OrganisationKind.PROVIDER
    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    email = factory.LazyAttribute(lambda o: f"inbox-{o.name.lower().replace(' ', '-')}@example.test")

    class Params:
        council = factory.Trait(kind=OrganisationKind.COUNCIL, name=factory.Sequence(lambda n: f"Test Council {n}"))
        provider = factory.Trait(kind=OrganisationKind.PROVIDER, name=factory.Sequence(lambda n: f"Test Provider {n}"))


class UserFactory(factory.django.DjangoModelFactory):
    """A user with no membership; the password is ``PASSWORD`` unless given."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    full_name = factory.Sequence(lambda n: STAFF_NAMES[n % len(STAFF_NAMES)])

    @factory.post_generation
    def password(obj: User, create: bool, extracted: str | None, **kwargs: object) -> None:  # noqa: N805
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    """A user's role in an organisation: a mentor in a new provider by default."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory, provider=True)
    role = Role.MENTOR
    is_active = True


class FrameworkAgreementFactory(factory.django.DjangoModelFactory):
    """36 months from 1 September 2025, £40,000 a year."""

    class Meta:
        model = FrameworkAgreement

    council = factory.SubFactory(OrganisationFactory, council=True)
    provider = factory.SubFactory(OrganisationFactory, provider=True)
    reference = factory.Sequence(lambda n: f"FW-TEST-{n:04d}")
    start_date = datetime.date(2025, 9, 1)
    end_date = datetime.date(2028, 8, 31)
    annual_cap = Decimal("40000.00")


class YoungPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YoungPerson

    council = factory.SubFactory(OrganisationFactory, council=True)
    provider = factory.SubFactory(OrganisationFactory, provider=True)
    legal_first_name = factory.Iterator(FIRST_NAMES)
    legal_last_name = factory.Iterator(LAST_NAMES)
    date_of_birth = datetime.date(2011, 3, 14)
    local_child_id = factory.Sequence(lambda n: f"LC{n:06d}")
    school_or_setting = "Hollowmere Academy"
    face_to_face_restricted = False


class OrderFormFactory(factory.django.DjangoModelFactory):
    """An Order Form recorded by email, received on 7 September 2026 unless given.

    The young person belongs to the framework's council and provider; the R1 deadline
    is worked out from ``received_on`` as the service does.
    """

    class Meta:
        model = OrderForm

    framework = factory.SubFactory(FrameworkAgreementFactory)
    young_person = factory.SubFactory(
        YoungPersonFactory,
        council=factory.SelfAttribute("..framework.council"),
        provider=factory.SelfAttribute("..framework.provider"),
    )
    provider = factory.SelfAttribute("young_person.provider")
    council = factory.SelfAttribute("young_person.council")
    channel = OrderFormChannel.EMAIL
    received_on = datetime.date(2026, 9, 7)
    first_contact_due_on = factory.LazyAttribute(lambda o: add_working_days(o.received_on, 2))
    status = OrderFormStatus.RECEIVED
    referral_reason = "Struggling to attend school since a placement move."
    submitted_by = factory.SubFactory(UserFactory)


class IndividualAgreementFactory(factory.django.DjangoModelFactory):
    """An active agreement formed by an accepted Order Form, starting on its receipt."""

    class Meta:
        model = IndividualAgreement

    order_form = factory.SubFactory(OrderFormFactory, status=OrderFormStatus.ACCEPTED)
    framework = factory.SelfAttribute("order_form.framework")
    young_person = factory.SelfAttribute("order_form.young_person")
    provider = factory.SelfAttribute("order_form.provider")
    council = factory.SelfAttribute("order_form.council")
    start_date = factory.SelfAttribute("order_form.received_on")


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A current assignment; the mentor assigns themself unless ``assigned_by`` is given."""

    class Meta:
        model = Assignment

    agreement = factory.SubFactory(IndividualAgreementFactory)
    provider = factory.SelfAttribute("agreement.provider")
    council = factory.SelfAttribute("agreement.council")
    mentor = factory.SubFactory(UserFactory)
    started_on = factory.SelfAttribute("agreement.start_date")
    is_substitute = False
    assigned_by = factory.SelfAttribute("mentor")


class ContactFactory(factory.django.DjangoModelFactory):
    """A made, face-to-face contact at 10:00 London time on the agreement's first day."""

    class Meta:
        model = Contact

    agreement = factory.SubFactory(IndividualAgreementFactory)
    provider = factory.SelfAttribute("agreement.provider")
    council = factory.SelfAttribute("agreement.council")
    author = factory.SubFactory(UserFactory)
    occurred_at = factory.LazyAttribute(
        lambda o: datetime.datetime.combine(o.agreement.start_date, datetime.time(10, 0), tzinfo=LONDON)
    )
    occurred_on = factory.LazyAttribute(lambda o: o.occurred_at.astimezone(LONDON).date())
    mode = ContactMode.FACE_TO_FACE
    outcome = ContactOutcome.MADE
    is_first_meeting = False
    duration_minutes = 45
    summary = "Met at school; talked about football and the week ahead."
