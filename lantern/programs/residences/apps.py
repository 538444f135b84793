from django.apps import AppConfig


class ResidencesConfig(AppConfig):
    name = "lantern.programs.residences"
    label = "residences"
    verbose_name = "Residences"

    def ready(self):
        pass
