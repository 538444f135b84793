from django.apps import AppConfig


class DropinConfig(AppConfig):
    name = "lantern.programs.dropin"
    label = "dropin"
    verbose_name = "Dropin"

    def ready(self):
        pass
