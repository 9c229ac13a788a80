"""Admin helpers that know no domain.

Every change made through the admin goes through a service that writes an audit event;
a model whose changes have no such service is shown read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django_tasks_db.models import DBTaskResult


class ReadOnlyAdminMixin:
    """Show the rows; add, change and delete nothing."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


def make_read_only(model: type[Model], site: admin.AdminSite = admin.site) -> None:
    """Re-register a library's admin for ``model`` as read-only (kept when it is not registered)."""
    if not site.is_registered(model):
        return
    base = type(site._registry[model])
    site.unregister(model)
    site.register(model, type(f"ReadOnly{base.__name__}", (ReadOnlyAdminMixin, base), {}))


# Background task results are the task worker's record: nobody edits them by hand.
make_read_only(DBTaskResult)
