from django.contrib import admin

from .models import FrameworkAgreement


@admin.register(FrameworkAgreement)
class FrameworkAgreementAdmin(admin.ModelAdmin[FrameworkAgreement]):
    """Framework agreements hold no personal data; Order Forms and agreements are
    managed in the service itself."""

    list_display = ["reference", "council", "provider", "start_date", "end_date", "annual_cap"]
    list_filter = ["council", "provider"]
    search_fields = ["reference"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
