from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "lantern.support"
    label = "support"
    verbose_name = "Support"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import audit, notification_kinds, registry
        from lantern.recovery import access as recovery_access
        from lantern.safety import extensions

        from . import access, demo, home, services

        personal_data.register(
            "support", export=services.export_support, erase=services.erase_support
        )
        registry.demo_seed("support", demo.seed, order=70)
        registry.home_card("support", "support/_home_card.html", context=home.home_card, order=25)
        # The member's own specialist, answering their "I need someone now", finds their work.
        extensions.shared_with_responder("support", services.links_for_responder)
        # The plan together: with consent to the plan, the specialist edits the member's goals
        # through recovery's own services (which log, audit and tell the member).
        recovery_access.register_plan_editor(access.can_edit_plan_of)
        registry.menu_link(
            "support-caseload",
            _("Caseload"),
            "support-caseload",
            order=60,
            show=access.is_specialist,
        )
        registry.menu_link(
            "support",
            _("Peer specialist"),
            "support-home",
            order=61,
            show=lambda user: not access.is_specialist(user),
        )

        # What the member sees under "Who looked" (and in the engagement's access history)
        # when their specialist reads their records.
        audit.register_read("support.read_intake", _("intake (peer specialist)"))
        audit.register_read("support.read_notes", _("contact notes (peer specialist)"))
        audit.register_read("support.read_assessments", _("assessments (peer specialist)"))
        audit.register_read("support.read_referrals", _("referrals (peer specialist)"))
        audit.register_read("support.read_followups", _("follow-ups (peer specialist)"))
        audit.register_read("support.read_plan", _("recovery plan (peer specialist)"))
        audit.register_read("support.supervise_intake", _("intake (supervisor)"))
        audit.register_read("support.supervise_notes", _("contact notes (supervisor)"))
        audit.register_read("support.supervise_assessments", _("assessments (supervisor)"))
        audit.register_read("support.supervise_referrals", _("referrals (supervisor)"))
        audit.register_read("support.supervise_followups", _("follow-ups (supervisor)"))
        audit.register_read("support.supervise_plan", _("recovery plan (supervisor)"))

        # Neutral words never say what the engagement is about: only that there is news.
        kinds = {
            "support.request": (
                _("A member asked for a peer specialist"),
                _("A member asked for a peer specialist"),
            ),
            "support.invited": (
                _("%(actor)s invited you to work together"),
                _("You have an invitation on Lantern"),
            ),
            "support.consent": (
                _("%(actor)s gave consent: you can start"),
                _("News about someone on your caseload"),
            ),
            "support.revoked": (
                _("%(actor)s withdrew consent"),
                _("News about someone on your caseload"),
            ),
            "support.closed": (
                _("%(actor)s closed your engagement"),
                _("News from Lantern"),
            ),
            "support.handover": (
                _("%(actor)s proposes a new peer specialist for you"),
                _("You have a question waiting on Lantern"),
            ),
            "support.handed_over": (
                _("%(actor)s is now on your caseload"),
                _("News about your caseload"),
            ),
        }
        kinds["support.plan_proposal"] = (
            _("%(actor)s proposed a goal for your recovery plan"),
            _("You have a question waiting on Lantern"),
        )
        kinds["support.referral_waiting"] = (
            _("A referral has been %(status)s for two weeks"),
            _("A referral on your caseload is waiting"),
        )
        for kind, (title, neutral) in kinds.items():
            notification_kinds.register(kind, title=title, neutral=neutral, staff=kind in STAFF)


STAFF = {
    "support.request",
    "support.consent",
    "support.revoked",
    "support.handed_over",
    "support.referral_waiting",
}
