from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from waymark.organisations.models import User

from .models import FrameworkAgreement
from .services import framework_agreement_save


@admin.register(FrameworkAgreement)
class FrameworkAgreementAdmin(admin.ModelAdmin[FrameworkAgreement]):
    """Framework agreements hold no personal data; Order Forms and agreements are
    managed in the service itself. Changes are audited; nothing is deleted."""

    list_display = ["reference", "council", "provider", "start_date", "end_date", "annual_cap"]
    list_filter = ["council", "provider"]
    search_fields = ["reference"]
    readonly_fields = ["public_id", "created_at", "updated_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: FrameworkAgreement, form: ModelForm[FrameworkAgreement], change: bool
    ) -> None:
        actor: Any = request.user
        framework_agreement_save(actor=actor if isinstance(actor, User) else None, framework=obj)
