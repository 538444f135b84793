from django.apps import AppConfig


class DropinConfig(AppConfig):
    name = "lantern.programs.dropin"
    label = "dropin"
    verbose_name = "Drop-in centers"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from lantern.accounts import personal_data
        from lantern.core import registry
        from lantern.programs import registry as programs
        from lantern.programs.models import Program

        from . import counts, demo, panels, services

        programs.panel(
            "dropin",
            [Program.Kind.DROP_IN],
            "dropin/_panel.html",
            panels.program_panel,
            order=20,
        )
        programs.report("dropin", [Program.Kind.DROP_IN], counts.report_sections, order=20)
        # Erasure turns a person's visits into guest visits: the counts stay.
        personal_data.register(
            "dropin_visits", export=services.export_visits, erase=services.erase_visits
        )
        # After programs (70), which starts The Lighthouse Drop-in.
        registry.demo_seed("dropin", demo.seed, order=75)
