from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "waymark.portal"
    label = "portal"
    verbose_name = "Portal"
