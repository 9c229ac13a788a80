"""Organisations, accounts and roles change only through their services, each audited."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError

from waymark.audit.models import AuditEvent
from waymark.organisations.enums import OrganisationKind, Role
from waymark.organisations.models import Membership, Organisation, User
from waymark.organisations.services import membership_save, organisation_save, user_save
from waymark.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator() -> User:
    return UserFactory(is_staff=True, is_superuser=True)


def test_organisation_save_creates_and_audits(administrator):
    organisation = organisation_save(
        actor=administrator,
        organisation=Organisation(kind=OrganisationKind.PROVIDER, name="Bright Futures", email="hello@bright.test"),
    )

    event = AuditEvent.objects.get(action="organisation.created")
    assert event.actor == administrator
    assert event.subject_id == str(organisation.public_id)
    assert event.after == {
        "kind": "provider",
        "name": "Bright Futures",
        "email": "hello@bright.test",
        "caseload_limit": 8,
        "complaints_procedure_url": "",
    }


def test_organisation_save_audits_only_what_changed(administrator):
    organisation = OrganisationFactory(name="Old name")
    organisation.name = "New name"

    organisation_save(actor=administrator, organisation=organisation)

    event = AuditEvent.objects.get(action="organisation.updated")
    assert (event.before, event.after) == ({"name": "Old name"}, {"name": "New name"})


def test_organisation_save_refuses_someone_who_is_not_an_administrator():
    member = MembershipFactory(role=Role.SERVICE_MANAGER).user
    organisation = member.membership.organisation
    organisation.name = "Renamed"

    with pytest.raises(PermissionDenied, match="Only platform administrators"):
        organisation_save(actor=member, organisation=organisation)

    organisation.refresh_from_db()
    assert organisation.name != "Renamed"
    assert AuditEvent.objects.filter(action="organisation.updated").count() == 0


def test_user_save_sets_the_sign_in_address_and_never_audits_the_password(administrator):
    user = user_save(
        actor=administrator,
        user=User(username="sam", email="sam@example.test", full_name="Sam Carter"),
        password="a long and unusual passphrase",
    )

    assert user.check_password("a long and unusual passphrase")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("sam@example.test", True, True)
    ]
    event = AuditEvent.objects.get(action="user.created")
    assert "password" not in event.after
    assert event.after["email"] == "sam@example.test"


def test_user_save_moves_the_sign_in_address_with_the_email(administrator):
    user = user_save(actor=administrator, user=User(username="sam", email="sam@example.test"))
    user.email = "sam.carter@example.test"

    user_save(actor=administrator, user=user)

    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == ["sam.carter@example.test"]
    event = AuditEvent.objects.get(action="user.updated")
    assert (event.before, event.after) == ({"email": "sam@example.test"}, {"email": "sam.carter@example.test"})


def test_membership_save_refuses_a_council_role_in_a_provider(administrator):
    user = UserFactory()
    provider = OrganisationFactory(provider=True)

    with pytest.raises(ValidationError) as refused:
        membership_save(
            actor=administrator, membership=Membership(user=user, organisation=provider, role=Role.VS_OFFICER)
        )

    assert refused.value.message_dict == {"role": ["A provider cannot have this role."]}
    assert Membership.objects.filter(user=user).count() == 0
    assert AuditEvent.objects.filter(action="membership.created").count() == 0


def test_membership_save_audits_a_change_of_role(administrator):
    membership = MembershipFactory(role=Role.MENTOR)
    membership.role = Role.SERVICE_MANAGER

    membership_save(actor=administrator, membership=membership)

    event = AuditEvent.objects.get(action="membership.updated")
    assert (event.before, event.after) == ({"role": "mentor"}, {"role": "service_manager"})
