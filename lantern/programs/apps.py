from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "lantern.programs"
    label = "programs"
    verbose_name = "Programs"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.core import registry

        from . import access, demo, home

        registry.menu_link(
            "programs",
            _("Programs"),
            "programs-list",
            order=70,
            show=access.sees_programs_in_menu,
        )
        registry.settings_section(
            "programs",
            _("Programs"),
            "programs-manage",
            description=_(
                "Residences, drop-in centers, alumni and family programs, and their staff"
            ),
            order=35,
        )
        registry.home_card("programs", "programs/_home_card.html", context=home.card, order=30)
        registry.home_card(
            "programs.family", "programs/_family_card.html", context=home.family_card, order=5
        )
        # After community (spaces) and events (clubs).
        registry.demo_seed("programs", demo.seed, order=70)
