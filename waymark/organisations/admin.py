"""Platform administration: organisations, people and their roles.

Young people's records are deliberately not in the admin: administrators reach them
only through the service's own audited pages. Every change here goes through the
organisations services, which write the audit log; nothing is deleted (people and
organisations are made inactive instead), and the rows no service changes are read-only.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from waymark.core.admin import ReadOnlyAdminMixin, make_read_only

from .models import Membership, Organisation, User
from .services import membership_save, organisation_save, user_password_changed, user_save, user_second_factor_remove


class NoDeleteMixin:
    """Records are kept for the audit trail: deactivate instead of deleting."""

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class MembershipInline(admin.StackedInline[Membership, User]):
    model = Membership
    extra = 0
    max_num = 1
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(NoDeleteMixin, admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "email", "caseload_limit"]
    list_filter = ["kind"]
    search_fields = ["name"]
    readonly_fields = ["public_id", "created_at", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Organisation, form: ModelForm[Organisation], change: bool) -> None:
        organisation_save(actor=_admin(request), organisation=obj)


@admin.register(User)
class UserAdmin(NoDeleteMixin, BaseUserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Waymark", {"fields": ("full_name",)}),
    )

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool) -> None:
        # The admin's forms set the password hash themselves; the service saves and audits.
        user_save(actor=_admin(request), user=obj)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseInlineFormSet[Any, Any, Any], change: bool
    ) -> None:
        for membership in formset.save(commit=False):
            membership_save(actor=_admin(request), membership=membership)
        formset.save_m2m()

    def log_change(self, request: HttpRequest, obj: User, message: Any) -> Any:
        # The "change password" page saves through its own form and then logs the change:
        # record it in the audit log too.
        if isinstance(obj, User) and request.path.rstrip("/").endswith("/password"):
            user_password_changed(actor=_admin(request), user=obj)
        return super().log_change(request, obj, message)


@admin.register(Membership)
class MembershipAdmin(NoDeleteMixin, admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request: HttpRequest, obj: Membership, form: ModelForm[Membership], change: bool) -> None:
        membership_save(actor=_admin(request), membership=obj)


class AuthenticatorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Authenticator]):
    """Second factors: seen, and removed when someone loses their phone (audited)."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        user_second_factor_remove(actor=_admin(request), user=obj.user, authenticators=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Authenticator]) -> None:
        by_user: dict[int, list[Authenticator]] = {}
        for authenticator in queryset.select_related("user"):
            by_user.setdefault(authenticator.user_id, []).append(authenticator)
        for authenticators in by_user.values():
            user_second_factor_remove(actor=_admin(request), user=authenticators[0].user, authenticators=authenticators)


def _admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # the admin site lets only signed-in staff in
        raise TypeError("The admin needs a signed-in administrator.")
    return user


if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)
admin.site.register(Authenticator, AuthenticatorAdmin)
# Roles are memberships, not groups; sign-in addresses follow each account's email.
make_read_only(Group)
make_read_only(EmailAddress)
