from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "lantern.safety"
    label = "safety"
    verbose_name = "Safety net"
