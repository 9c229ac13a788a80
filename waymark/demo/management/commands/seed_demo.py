"""Fill an empty database with a small, fictional demo: one council, one provider,
their people and eight young people at different stages (R1, R2, R3, R8).

Everything is built through the services, so audit events and notifications exist as
they would in real use, with dates relative to today. Every name is invented.

    manage.py seed_demo    # builds the demo, or does nothing if it is there

To start again, delete the demo's SQLite file (``make demo-reset``). Nothing here
deletes data: the audit log is append-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from waymark.agreements.enums import AssignmentEndReason
from waymark.agreements.models import Assignment, FrameworkAgreement, IndividualAgreement, OrderForm
from waymark.agreements.services import (
    assignment_create,
    assignment_substitute,
    framework_agreement_save,
    order_form_accept,
    order_form_receive,
)
from waymark.contacts.enums import ContactMode, ContactOutcome
from waymark.contacts.services import contact_log
from waymark.core.clock import local_today
from waymark.core.working_days import add_working_days, is_working_day
from waymark.demo.contacts import seed_contact_history
from waymark.demo.meetings import seed_meetings
from waymark.demo.outcomes import seed_progress_history
from waymark.organisations.enums import OrganisationKind, Role
from waymark.organisations.models import Membership, Organisation, User
from waymark.organisations.services import membership_save, organisation_save, user_save

PASSWORD = "waymark-demo-2026"  # noqa: S105 - published demo password, demo data only  # nosec B105
URL = "http://127.0.0.1:8000"
TERM_WORKING_DAYS = 60  # about twelve school weeks
LONDON = ZoneInfo("Europe/London")

COUNCIL_NAME = "Northshire County Council"
PROVIDER_NAME = "Brightpath Mentoring"
FRAMEWORK_REFERENCE = "DEMO-NORTHSHIRE-BRIGHTPATH"
COUNCIL_DOMAIN = "northshire.example"
PROVIDER_DOMAIN = "brightpath.example"
DEMO_DOMAINS = (COUNCIL_DOMAIN, PROVIDER_DOMAIN)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    council: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@{COUNCIL_DOMAIN if self.council else PROVIDER_DOMAIN}"


DEMO_USERS = [
    DemoUser("vsofficer", "Rosalind Fairweather", Role.VS_OFFICER, council=True),
    DemoUser("contracts", "Barnaby Quince", Role.CONTRACT_MANAGER, council=True),
    DemoUser("manager", "Imogen Stillwater", Role.SERVICE_MANAGER),
    DemoUser("mentor1", "Kit Ashdown", Role.MENTOR),
    DemoUser("mentor2", "Priya Larkspur", Role.MENTOR),
    DemoUser("volunteer", "Toby Hazelwood", Role.VOLUNTEER),
    DemoUser("dsl", "Mared Blackthorn", Role.DSL),
    DemoUser("finance", "Felix Underhill", Role.FINANCE),
]
USERNAMES = [u.username for u in DEMO_USERS]


def working_days_before(day: date, n: int) -> date:
    """The working day ``n`` working days before ``day`` (the inverse of add_working_days)."""
    counted = 0
    while counted < n:
        day -= timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def child(n: int, first: str, last: str, age: int, today: date, **extra: Any) -> dict[str, Any]:
    """A fictional young person's Order Form details."""
    return {
        "legal_first_name": first,
        "legal_last_name": last,
        "date_of_birth": date(today.year - age, 1 + (n * 5) % 12, 1 + (n * 7) % 27),
        "local_child_id": f"NCC-DEMO-{n:03d}",
        "school_or_setting": ["Hollowmere Academy", "Saltmarsh High School", "Northshire Pupil Referral Unit"][n % 3],
        "social_worker_name": ["Ada Penhallow", "Cormac Wilde"][n % 2],
        "social_worker_email": f"social.worker{n}@{COUNCIL_DOMAIN}",
        "social_worker_phone": f"01632 960{n:03d}",  # Ofcom's numbers reserved for drama
        "carer_name": ["Jem and Sal Oakley", "Marguerite Voss", "Linden House children's home"][n % 3],
        "needs": "Finds new adults hard to trust; responds well to outdoor activities.",
        **extra,
    }


class Command(BaseCommand):
    help = "Create fictional demo data (one council, one provider, eight young people). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        exists = (
            Organisation.objects.filter(name__in=[COUNCIL_NAME, PROVIDER_NAME]).exists()
            or User.objects.filter(username__in=USERNAMES).exists()
        )
        if exists:
            self.stdout.write("Demo data is already there: nothing changed. Run `make demo-reset` to start again.")
            self._print_logins()
            return
        # Demo emails go nowhere: in-app notifications are kept, mail is not sent.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with transaction.atomic():
                self._build(local_today())
        self.stdout.write(self.style.SUCCESS("Demo data created."))
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nSign in at {URL} with any of these (password for all: {PASSWORD}):")
        for spec in DEMO_USERS:
            self.stdout.write(f"  {Role(spec.role).label:<30} {spec.email:<32} {PASSWORD}")
        self.stdout.write("\nAPI tokens: manage.py create_api_token USERNAME (the usernames are the part before @).")

    # --- building ----------------------------------------------------------------

    def _build(self, today: date) -> None:
        council = organisation_save(
            actor=None,
            organisation=Organisation(
                kind=OrganisationKind.COUNCIL,
                name=COUNCIL_NAME,
                email=f"virtual.school@{COUNCIL_DOMAIN}",
                complaints_procedure_url=f"https://www.{COUNCIL_DOMAIN}/complaints",
            ),
        )
        provider = organisation_save(
            actor=None,
            organisation=Organisation(
                kind=OrganisationKind.PROVIDER,
                name=PROVIDER_NAME,
                email=f"referrals@{PROVIDER_DOMAIN}",
                caseload_limit=8,
            ),
        )
        users: dict[str, User] = {}
        for spec in DEMO_USERS:
            user = user_save(
                actor=None,
                user=User(username=spec.username, email=spec.email, full_name=spec.full_name),
                password=PASSWORD,
            )
            membership_save(
                actor=None,
                membership=Membership(user=user, organisation=council if spec.council else provider, role=spec.role),
            )
            users[spec.username] = user
        # 36 months from the September before last, so a year of history always fits.
        academic_year = today.year if today.month >= 9 else today.year - 1
        start = date(academic_year - 1, 9, 1)
        framework = framework_agreement_save(
            actor=None,
            framework=FrameworkAgreement(
                council=council,
                provider=provider,
                reference=FRAMEWORK_REFERENCE,
                start_date=start,
                end_date=date(start.year + 3, 8, 31),
                annual_cap=Decimal("40000.00"),
            ),
        )
        Demo(framework=framework, users=users, today=today).build()


@dataclass
class Demo:
    """The eight young people, each built through the services."""

    framework: FrameworkAgreement
    users: dict[str, User]
    today: date

    @property
    def manager(self) -> User:
        return self.users["manager"]

    def receive(self, n: int, first: str, last: str, age: int, received_on: date, **extra: Any) -> OrderForm:
        return order_form_receive(
            actor=self.manager,
            framework=self.framework,
            young_person=child(n, first, last, age, self.today, **extra),
            referral_reason="Persistent absence and a recent placement move; needs a trusted adult.",
            outcomes=[
                "Attend school or college on at least four days a week",
                "Name one adult at school they would go to for help",
            ],
            received_on=received_on,
        )

    def agreement(
        self, n: int, first: str, last: str, age: int, received_on: date, **extra: Any
    ) -> IndividualAgreement:
        order_form = self.receive(n, first, last, age, received_on, **extra)
        return order_form_accept(actor=self.manager, order_form=order_form)

    def assign(self, agreement: IndividualAgreement, mentor: str) -> None:
        assignment_create(
            actor=self.manager, agreement=agreement, mentor=self.users[mentor], started_on=agreement.start_date
        )

    def contact(
        self,
        agreement: IndividualAgreement,
        mentor: str,
        when: datetime,
        mode: str,
        *,
        made: bool = True,
        first_meeting: bool = False,
        minutes: int | None = 45,
        summary: str = "",
    ) -> None:
        contact_log(
            actor=self.users[mentor],
            agreement=agreement,
            occurred_at=when,
            mode=mode,
            outcome=ContactOutcome.MADE if made else ContactOutcome.ATTEMPTED,
            is_first_meeting=first_meeting,
            duration_minutes=minutes if made else None,
            summary=summary,
        )

    def history(self, agreement: IndividualAgreement, mentor: str, *, missing_episode: bool = False) -> None:
        """A term of contacts, sessions, meetings and progress, through the services (#3)."""
        agreement.refresh_from_db()
        seed_contact_history(
            agreement=agreement,
            mentor=self.users[mentor],
            manager=self.manager,
            volunteer=self.users["volunteer"],
            today=self.today,
        )
        agreement.refresh_from_db()
        seed_meetings(agreement=agreement, author=self.users[mentor], today=self.today)
        seed_progress_history(
            agreement=agreement, author=self.users[mentor], today=self.today, missing_episode=missing_episode
        )

    def build(self) -> None:
        today = self.today
        day = add_working_days  # n-th working day after a date

        # 1. Just received online from the Virtual School, not yet accepted.
        order_form_receive(
            actor=self.users["vsofficer"],
            framework=self.framework,
            young_person=child(1, "Juniper", "Halloway", 13, today),
            referral_reason="New to care this month; not attending school since the move.",
            outcomes=["Settle into the new school and attend every day"],
        )

        # 2. Accepted today, no mentor yet (first contact due in two working days).
        self.agreement(2, "Caspar", "Wrenfield", 15, today)

        # 3. Assigned; first contact due today (or on the next working day when today is not one).
        due = today if is_working_day(today) else day(today, 1)
        agreement = self.agreement(3, "Elowen", "Marchbank", 12, working_days_before(due, 2))
        self.assign(agreement, "mentor1")

        # 4. First contact OVERDUE: received five working days ago; only an attempt since (R1).
        received = working_days_before(today, 5)
        agreement = self.agreement(4, "Rafferty", "Duskwood", 14, received)
        self.assign(agreement, "mentor2")
        self.contact(
            agreement,
            "mentor2",
            at(day(received, 1), 16, 30),
            ContactMode.PHONE,
            made=False,
            summary="Rang the carer's number; no answer. Left a voicemail.",
        )

        # 5. Contacted; first meeting due within ten working days of that contact (R2).
        received = working_days_before(today, 6)
        agreement = self.agreement(5, "Saffron", "Ottershaw", 16, received)
        self.assign(agreement, "mentor2")
        self.contact(
            agreement,
            "mentor2",
            at(day(received, 1), 17, 15),
            ContactMode.PHONE,
            minutes=15,
            summary="Spoke by phone; agreed to meet at the library after school.",
        )

        # 6. A term of mentoring: met on time, weekly contacts since (evenings and weekends,
        #    R9), a session with the volunteer and the mentor present (R5), a PEP and a LAC
        #    review, outcomes and indicators moving over the term.
        received = working_days_before(today, TERM_WORKING_DAYS)
        agreement = self.agreement(6, "Ottilie", "Brackenridge", 14, received)
        self.assign(agreement, "mentor1")
        self.contact(
            agreement,
            "mentor1",
            at(day(received, 1), 11),
            ContactMode.PHONE,
            minutes=10,
            summary="First call; introduced myself and the service.",
        )
        self.history(agreement, "mentor1", missing_episode=True)

        # 7. Face-to-face contact legally restricted (R8): a term of phone and video work.
        received = working_days_before(today, TERM_WORKING_DAYS - 5)
        agreement = self.agreement(
            7,
            "Tamsin",
            "Quillfeather",
            15,
            received,
            face_to_face_restricted=True,
            restriction_details="Court order: no face-to-face contact with professionals outside the placement.",
        )
        self.assign(agreement, "mentor1")
        self.contact(
            agreement,
            "mentor1",
            at(day(received, 1), 10),
            ContactMode.PHONE,
            minutes=20,
            summary="Introductory call with the carer present.",
        )
        self.history(agreement, "mentor1")

        # 8. Substitution under way: the mentor is unavailable, no substitute yet (R3).
        received = working_days_before(today, 40)
        agreement = self.agreement(8, "Lorcan", "Fernhollow", 13, received)
        self.assign(agreement, "mentor2")
        self.contact(
            agreement, "mentor2", at(day(received, 1), 12), ContactMode.PHONE, minutes=10, summary="First call."
        )
        self.contact(
            agreement,
            "mentor2",
            at(day(received, 5), 15, 30),
            ContactMode.FACE_TO_FACE,
            first_meeting=True,
            minutes=50,
            summary="First meeting at the placement.",
        )
        assignment = Assignment.objects.get(agreement=agreement, ended_on__isnull=True)
        assignment_substitute(
            actor=self.manager,
            assignment=assignment,
            reason=AssignmentEndReason.MENTOR_UNAVAILABLE,
            note="Mentor on long-term sick leave from this week.",
            ended_on=today - timedelta(days=3),
        )
        agreement.refresh_from_db()
        seed_progress_history(agreement=agreement, author=self.manager, today=today)
