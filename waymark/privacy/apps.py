from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "waymark.privacy"
    label = "privacy"
