from django.apps import AppConfig


class AlumniConfig(AppConfig):
    name = "lantern.programs.alumni"
    label = "alumni"
    verbose_name = "Alumni"

    def ready(self):
        pass
