from django.apps import AppConfig


class AlumniConfig(AppConfig):
    name = "lantern.programs.alumni"
    label = "alumni"
    verbose_name = "Alumni"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import audit, notification_kinds, registry, taskqueue
        from lantern.programs import registry as programs_registry
        from lantern.programs.models import Program

        from . import demo, panel, services
        from .services.cohorts import leave_cohorts

        alumni = [Program.Kind.ALUMNI]
        programs_registry.on_discharge("alumni", alumni, leave_cohorts)

        programs_registry.panel("alumni", alumni, "alumni/_panel.html", panel.context, order=40)
        programs_registry.report("alumni", alumni, services.build_report, order=40)
        personal_data.register("alumni", export=services.export_alumni, erase=services.erase_alumni)
        audit.register_read("alumni.read_checkins", _("aftercare check-in answers"))
        # A check-in found due by its task, or by this sweeper when its task was lost.
        taskqueue.register_periodic("alumni.due_checkins", services.sweep_due_checkins)
        # The program's name is the program's words, never a member's: fine in subjects too.
        notification_kinds.register(
            "alumni.checkin_due",
            title=_("Your %(days)s-day check-in from %(program)s"),
            neutral=_("You have a check-in waiting on Lantern"),
            body=_("A minute to say how you are doing. Only you and the program's staff see it."),
        )
        notification_kinds.register(
            "alumni.asked_for_call",
            title=_("%(actor)s would like someone to call them (%(days)s-day check-in)"),
            neutral=_("A graduate asked to hear from the program"),
            staff=True,
        )
        notification_kinds.register(
            "alumni.finding_it_hard",
            title=_("%(actor)s is finding it hard (%(days)s-day check-in)"),
            neutral=_("A graduate's check-in needs a look"),
            staff=True,
        )
        notification_kinds.register(
            "alumni.volunteer",
            title=_("%(actor)s would like to come back as a peer supporter (%(program)s)"),
            neutral=_("A graduate offered to give back"),
            staff=True,
        )
        # After programs (70): Northside Alumni is there to add cohorts to.
        registry.demo_seed("alumni", demo.seed, order=75)
