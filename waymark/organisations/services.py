"""Changing organisations, people and their roles: the only way each change happens.

Platform administrators make these changes through the admin; the demo seeding and
management commands call the same functions (with ``actor=None`` for the system).
Each runs in one transaction and writes its audit event inside it.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction

from waymark.audit.services import audit_record, audited_save, snapshot

from .models import Membership, Organisation, User

ORGANISATION_FIELDS = ["kind", "name", "email", "caseload_limit", "complaints_procedure_url"]
# Never the password hash: the audit log records that it changed, not what it is.
USER_FIELDS = ["username", "email", "full_name", "first_name", "last_name", "is_active", "is_staff", "is_superuser"]
PASSWORD_CHANGED = "changed"  # noqa: S105 - what the audit log says instead of the hash  # nosec B105
MEMBERSHIP_FIELDS = ["user_id", "organisation_id", "role", "is_active"]


def _check_administrator(actor: User | None) -> None:
    """The system (``None``) or a platform administrator; nobody else manages accounts."""
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied("Only platform administrators manage organisations and accounts.")


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def organisation_save(*, actor: User | None, organisation: Organisation) -> Organisation:
    """Create or change a council or provider, as ``organisation`` holds it.

    Side effects: the organisation validated and saved; an audit event
    ``organisation.created`` or ``organisation.updated`` with the fields that changed.
    """
    _check_administrator(actor)
    with transaction.atomic():
        audited_save(actor=actor, instance=organisation, fields=ORGANISATION_FIELDS, noun="organisation")
    return organisation


def user_save(*, actor: User | None, user: User, password: str | None = None) -> User:
    """Create or change a person's account, as ``user`` holds it.

    ``password``, when given, is set (hashed). A form that already set the password hash
    (the admin's "add user" form) passes none. The sign-in address follows the account's
    email: administrators manage it, people do not change it themselves.

    Side effects: the user saved; their email made their one verified, primary sign-in
    address; an audit event ``user.created`` or ``user.updated`` with the fields that
    changed (and ``password`` named, never its value, when it was set here).
    """
    _check_administrator(actor)
    with transaction.atomic():
        creating = user.pk is None
        before = {} if creating else snapshot(User.objects.get(pk=user.pk), USER_FIELDS)
        if password is not None:
            user.set_password(password)
        user.save()
        if user.email:
            EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        old, new = _changes(before, snapshot(user, USER_FIELDS))
        if password is not None and not creating:
            new["password"] = PASSWORD_CHANGED
        audit_record(
            actor=actor,
            action="user.created" if creating else "user.updated",
            subject=user,
            before=old or None,
            after=new,
        )
    return user


def user_password_changed(*, actor: User | None, user: User) -> None:
    """Record that an administrator set someone's password (the admin's own form saved it).

    Side effects: an audit event ``user.password_changed``.
    """
    _check_administrator(actor)
    audit_record(actor=actor, action="user.password_changed", subject=user, after={"password": PASSWORD_CHANGED})


def user_second_factor_remove(*, actor: User | None, user: User, authenticators: Any) -> int:
    """Remove a person's second factors (a lost phone), so they set one up again.

    Side effects: the authenticators deleted; an audit event ``user.second_factor_removed``
    naming their kinds.
    """
    _check_administrator(actor)
    with transaction.atomic():
        kinds = sorted({a.type for a in authenticators})
        count = 0
        for authenticator in authenticators:
            authenticator.delete()
            count += 1
        audit_record(actor=actor, action="user.second_factor_removed", subject=user, after={"types": kinds})
    return count


def membership_save(*, actor: User | None, membership: Membership) -> Membership:
    """Give a person their role in their one organisation, or change it.

    Side effects: the membership validated (a council role for a council, a provider role
    for a provider) and saved; an audit event ``membership.created`` or
    ``membership.updated`` with the fields that changed.
    """
    _check_administrator(actor)
    with transaction.atomic():
        audited_save(actor=actor, instance=membership, fields=MEMBERSHIP_FIELDS, noun="membership")
    # The person's role is read once per request and cached on the user object.
    if hasattr(membership.user, "_waymark_actor"):
        del membership.user._waymark_actor
    return membership
