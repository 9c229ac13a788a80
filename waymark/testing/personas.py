"""One small world of councils, providers, people and records, shared by every test.

Council X (Northshire) commissions provider A (Brightpath); council Y (Southby)
commissions provider B (Kestrel). ``yp_a`` is council X's young person with provider
A, mentored by ``mentor_a``; ``yp_b`` is council Y's with provider B, mentored by
``mentor_b``. Build it with ``build_world()`` (the ``world`` fixture does).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from waymark.agreements.enums import OrderFormStatus
from waymark.agreements.models import Assignment, FrameworkAgreement, IndividualAgreement, OrderForm
from waymark.organisations.enums import Role
from waymark.organisations.models import Organisation, User
from waymark.young_people.models import YoungPerson

from .factories import (
    AssignmentFactory,
    FrameworkAgreementFactory,
    IndividualAgreementFactory,
    MembershipFactory,
    OrderFormFactory,
    OrganisationFactory,
    UserFactory,
    YoungPersonFactory,
)

# The persona users: name -> (organisation attribute, role, full name).
PERSONAS: dict[str, tuple[str, str, str]] = {
    "mentor_a": ("provider_a", Role.MENTOR, "Alys Mentor-Brightpath"),
    "mentor_a2": ("provider_a", Role.MENTOR, "Bryn Second-Mentor"),
    "manager_a": ("provider_a", Role.SERVICE_MANAGER, "Carys Manager"),
    "dsl_a": ("provider_a", Role.DSL, "Dafydd Safeguarding"),
    "volunteer_a": ("provider_a", Role.VOLUNTEER, "Elin Volunteer"),
    "finance_a": ("provider_a", Role.FINANCE, "Ffion Finance"),
    "vs_x": ("council_x", Role.VS_OFFICER, "Gareth Virtual-School"),
    "contract_x": ("council_x", Role.CONTRACT_MANAGER, "Heledd Contracts"),
    "vs_y": ("council_y", Role.VS_OFFICER, "Iestyn Southby"),
    "mentor_b": ("provider_b", Role.MENTOR, "Jac Kestrel"),
    "manager_b": ("provider_b", Role.SERVICE_MANAGER, "Lowri Kestrel-Manager"),
}

RECEIVED_ON = datetime.date(2026, 9, 7)  # a Monday; R1 due Wednesday 9 September 2026


@dataclass(frozen=True)
class World:
    council_x: Organisation
    council_y: Organisation
    provider_a: Organisation
    provider_b: Organisation
    framework_xa: FrameworkAgreement
    framework_yb: FrameworkAgreement

    mentor_a: User
    mentor_a2: User
    manager_a: User
    dsl_a: User
    volunteer_a: User
    finance_a: User
    vs_x: User
    contract_x: User
    vs_y: User
    mentor_b: User
    manager_b: User

    yp_a: YoungPerson
    order_form_a: OrderForm
    agreement_a: IndividualAgreement
    assignment_a: Assignment
    yp_b: YoungPerson
    order_form_b: OrderForm
    agreement_b: IndividualAgreement
    assignment_b: Assignment

    @property
    def personas(self) -> dict[str, User]:
        """Persona name -> User, in the order of ``PERSONAS``."""
        return {name: getattr(self, name) for name in PERSONAS}


def persona_user(username: str, organisation: Organisation, role: str, full_name: str) -> User:
    """A user (email ``username@example.test``) with an active membership."""
    user = UserFactory(username=username, full_name=full_name)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def build_world() -> World:
    """Create the world in the database and return it (about 40 rows)."""
    orgs = {
        "council_x": OrganisationFactory(
            council=True, name="Northshire County Council", email="virtual.school@northshire.example.test"
        ),
        "council_y": OrganisationFactory(
            council=True, name="Southby City Council", email="virtual.school@southby.example.test"
        ),
        "provider_a": OrganisationFactory(
            provider=True, name="Brightpath Mentoring", email="referrals@brightpath.example.test"
        ),
        "provider_b": OrganisationFactory(
            provider=True, name="Kestrel Youth Trust", email="referrals@kestrel.example.test"
        ),
    }
    framework_xa = FrameworkAgreementFactory(
        council=orgs["council_x"], provider=orgs["provider_a"], reference="FW-NORTHSHIRE-BRIGHTPATH"
    )
    framework_yb = FrameworkAgreementFactory(
        council=orgs["council_y"], provider=orgs["provider_b"], reference="FW-SOUTHBY-KESTREL"
    )
    users = {name: persona_user(name, orgs[org], role, full_name) for name, (org, role, full_name) in PERSONAS.items()}

    yp_a = YoungPersonFactory(
        council=orgs["council_x"],
        provider=orgs["provider_a"],
        legal_first_name="Tamsin",
        legal_last_name="Quillfeather",
        local_child_id="NX-0001",
    )
    order_form_a = OrderFormFactory(
        framework=framework_xa,
        young_person=yp_a,
        received_on=RECEIVED_ON,
        status=OrderFormStatus.ACCEPTED,
        submitted_by=users["vs_x"],
        decided_by=users["manager_a"],
    )
    agreement_a = IndividualAgreementFactory(order_form=order_form_a)
    assignment_a = AssignmentFactory(agreement=agreement_a, mentor=users["mentor_a"], assigned_by=users["manager_a"])

    yp_b = YoungPersonFactory(
        council=orgs["council_y"],
        provider=orgs["provider_b"],
        legal_first_name="Oren",
        legal_last_name="Duskwood",
        local_child_id="SY-0001",
    )
    order_form_b = OrderFormFactory(
        framework=framework_yb,
        young_person=yp_b,
        received_on=RECEIVED_ON,
        status=OrderFormStatus.ACCEPTED,
        submitted_by=users["vs_y"],
        decided_by=users["manager_b"],
    )
    agreement_b = IndividualAgreementFactory(order_form=order_form_b)
    assignment_b = AssignmentFactory(agreement=agreement_b, mentor=users["mentor_b"], assigned_by=users["manager_b"])

    world = World(
        **orgs,
        framework_xa=framework_xa,
        framework_yb=framework_yb,
        **users,
        yp_a=yp_a,
        order_form_a=order_form_a,
        agreement_a=agreement_a,
        assignment_a=assignment_a,
        yp_b=yp_b,
        order_form_b=order_form_b,
        agreement_b=agreement_b,
        assignment_b=assignment_b,
    )
    return world
