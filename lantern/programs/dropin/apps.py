from django.apps import AppConfig

# Until settings.LANTERN_RATE_LIMITS names the kiosk's limit, this one: a busy front desk signs
# in a room's worth of people in minutes; a script with a kiosk's address gets no further.
KIOSK_RATE = "60/10m"


class DropinConfig(AppConfig):
    name = "lantern.programs.dropin"
    label = "dropin"
    verbose_name = "Drop-in centers"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.conf import settings

        from lantern.accounts import personal_data
        from lantern.core import registry
        from lantern.programs import registry as programs
        from lantern.programs.models import Program

        from . import counts, demo, panels, services

        settings.LANTERN_RATE_LIMITS.setdefault(services.KIOSK_RATE_LIMIT, KIOSK_RATE)
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
