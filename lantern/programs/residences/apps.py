from django.apps import AppConfig


class ResidencesConfig(AppConfig):
    name = "lantern.programs.residences"
    label = "residences"
    verbose_name = "Residences"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import audit, notification_kinds, registry
        from lantern.programs import registry as programs_registry
        from lantern.programs.models import Program

        from . import demo, panel
        from .services import log, personal, reports

        residence = [Program.Kind.RESIDENCE]
        programs_registry.panel(
            "residences", residence, "residences/_panel.html", panel.context, order=10
        )
        programs_registry.report("residences", residence, reports.build, order=10)
        personal_data.register("residences", export=personal.export, erase=personal.erase)
        audit.register_read(log.READ, _("an entry about you in your house's log"))
        # Where someone will live is nobody's business on a lock screen: the neutral words say
        # nothing of a residence.
        notification_kinds.register(
            "residences.bed_offered",
            title=_("%(program)s offers you a bed at %(house)s"),
            body=_("Your house leader will be in touch about moving in."),
            neutral=_("A program on Lantern has news for you"),
        )
        # After programs (70): Maple House is there.
        registry.demo_seed("residences", demo.seed, order=75)
