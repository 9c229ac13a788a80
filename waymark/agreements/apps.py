from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "waymark.agreements"
    label = "agreements"

    def ready(self) -> None:
        # Imported here: selectors import models, which must wait for the app registry.
        from waymark.core.scoping import register_caseload_loader

        from .selectors import caseload_load

        register_caseload_loader(caseload_load)
