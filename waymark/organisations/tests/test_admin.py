"""Every change made through the admin is audited; what no service changes is read-only."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import reverse

from waymark.audit.models import AuditEvent
from waymark.organisations.enums import Role
from waymark.organisations.models import Organisation, User
from waymark.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator() -> User:
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client_for, administrator):
    return client_for(administrator)


def test_adding_an_organisation_in_the_admin_is_audited(admin_client, administrator):
    response = admin_client.post(
        reverse("admin:organisations_organisation_add"),
        {"kind": "council", "name": "Northshire", "email": "vs@northshire.test", "caseload_limit": 8},
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Northshire")
    event = AuditEvent.objects.get(action="organisation.created")
    assert (event.actor, event.subject_id) == (administrator, str(organisation.public_id))


def test_changing_a_persons_role_in_the_admin_is_audited(admin_client):
    membership = MembershipFactory(role=Role.MENTOR)
    user = membership.user
    url = reverse("admin:organisations_membership_change", args=[membership.pk])

    response = admin_client.post(
        url,
        {"user": user.pk, "organisation": membership.organisation.pk, "role": "service_manager", "is_active": "on"},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.SERVICE_MANAGER
    event = AuditEvent.objects.get(action="membership.updated")
    assert (event.before, event.after) == ({"role": "mentor"}, {"role": "service_manager"})


def test_setting_a_password_in_the_admin_is_audited_without_the_hash(admin_client):
    user = UserFactory()
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "a brand new passphrase 42", "password2": "a brand new passphrase 42"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase 42")
    event = AuditEvent.objects.get(action="user.password_changed")
    assert event.after == {"password": "changed"}


@pytest.mark.parametrize(
    "url_name",
    ["admin:organisations_organisation_delete", "admin:organisations_user_delete"],
)
def test_nothing_is_deleted_through_the_admin(admin_client, url_name):
    user = UserFactory()
    target = OrganisationFactory() if "organisation" in url_name else user

    response = admin_client.post(reverse(url_name, args=[target.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert type(target).objects.filter(pk=target.pk).count() == 1


def test_groups_and_sign_in_addresses_are_read_only(admin_client):
    group = Group.objects.create(name="Unused")
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    renamed = admin_client.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "Renamed"})
    readdressed = admin_client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": user.pk, "email": "someone.else@example.test", "verified": "on", "primary": "on"},
    )

    assert (renamed.status_code, readdressed.status_code) == (403, 403)
    group.refresh_from_db()
    address.refresh_from_db()
    assert (group.name, address.email) == ("Unused", user.email)


def test_removing_a_lost_second_factor_is_audited(admin_client):
    user = UserFactory()
    authenticator = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})

    response = admin_client.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user).count() == 0
    event = AuditEvent.objects.get(action="user.second_factor_removed")
    assert event.after == {"types": ["totp"]}
