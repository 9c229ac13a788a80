from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "waymark.agreements"
    label = "agreements"
