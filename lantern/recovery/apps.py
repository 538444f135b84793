from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "lantern.recovery"
    label = "recovery"
    verbose_name = "Recovery"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import audit, notification_kinds, registry
        from lantern.safety import extensions

        from . import demo, home, services

        # Every recovery row cascades with the account; the erase step removes what would not.
        personal_data.register(
            "recovery", export=services.export_recovery, erase=services.erase_recovery
        )
        registry.home_card("recovery", "recovery/_home_card.html", context=home.home_card, order=20)
        registry.demo_seed("recovery", demo.seed, order=30)
        # Whoever answers a member's "I need someone now" finds what the member shares with them.
        extensions.shared_with_responder("recovery", services.links_for_responder)

        # What recovery's notifications say. `neutral` (email subjects, push titles) never
        # names the member or carries their words: a recovery is nobody's business on a lock
        # screen.
        notification_kinds.register(
            "recovery.reminder",
            title=_("Time for your daily check-in"),
            neutral=_("Time for your daily check-in"),
            body=_("Thirty seconds: how are you today?"),
        )
        notification_kinds.register(
            "recovery.new_start",
            title=_("%(actor)s made a new start"),
            neutral=_("Someone who shares their recovery with you has news"),
            body=_("A word of support can mean a lot today."),
        )
        notification_kinds.register(
            "recovery.journal_shared",
            title=_("%(actor)s shared a journal entry with you"),
            neutral=_("Someone shared a journal entry with you on Lantern"),
        )
        notification_kinds.register(
            "recovery.grant",
            title=_("%(actor)s shared their recovery with you"),
            neutral=_("Someone shared their recovery with you on Lantern"),
        )
        # Someone the member lets edit their plan (their peer specialist) changed it.
        notification_kinds.register(
            "recovery.plan_edit",
            title=_("%(actor)s changed your recovery plan"),
            neutral=_("Your recovery plan changed"),
        )

        # What a member sees under "Who looked" when someone they share with reads this.
        audit.register_read("recovery.view_checkins", _("check-ins"))
        audit.register_read("recovery.view_milestones", _("milestones and counters"))
        audit.register_read("recovery.view_plan", _("recovery plan"))
        audit.register_read("recovery.view_journal", _("a journal entry"))
        # Not a read but more: someone else changed the plan. Shown the same way, so the member
        # sees everyone who touched their plan in one place.
        audit.register_read("recovery.plan_edit", _("recovery plan (changed it)"))
