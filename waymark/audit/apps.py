from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "waymark.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        # Imported here: services imports models, which must wait for the app registry.
        from waymark.core.reads import register_read_recorder

        from .services import audit_list_read

        register_read_recorder(audit_list_read)
