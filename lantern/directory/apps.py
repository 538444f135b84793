from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "lantern.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import registry

        from . import demo, services

        personal_data.register("directory_outdated_reports", export=services.export_reports)
        registry.demo_seed("directory", demo.seed, order=60)
        registry.menu_link("directory", _("Resources"), "directory-list", order=70, visitors=True)
