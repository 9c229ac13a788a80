"""Platform administration: organisations, people and their roles.

Young people's records are deliberately not in the admin: administrators reach them
only through the service's own audited pages.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, Organisation, User


class MembershipInline(admin.StackedInline[Membership, User]):
    model = Membership
    extra = 0
    max_num = 1
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "email", "caseload_limit"]
    list_filter = ["kind"]
    search_fields = ["name"]
    readonly_fields = ["public_id", "created_at", "updated_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Waymark", {"fields": ("full_name",)}),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
