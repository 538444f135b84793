from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "lantern.safety"
    label = "safety"
    verbose_name = "Safety net"

    def ready(self):
        # Imported here: models are ready only now (Django's rule for ready()).
        from django.core import checks
        from django.utils.translation import gettext_lazy as _

        from lantern.accounts import personal_data
        from lantern.core import audit, notification_kinds, registry, taskqueue

        from . import access, demo, encoders, home, services

        # Settings (administrators): the crisis lines and who is on duty, inside Lantern.
        registry.settings_section(
            "crisis_lines",
            _("Crisis lines"),
            "safety-manage-crisis-lines",
            description=_("The numbers on the help page, in each language"),
            order=20,
        )
        registry.settings_section(
            "on_duty",
            _("On-duty roster"),
            "safety-manage-roster",
            description=_("Who answers reach-outs and alerts, and when"),
            order=30,
        )
        registry.settings_section(
            "safety_net",
            _("Safety net"),
            "safety-manage-net",
            description=_("How soon unanswered reach-outs, alerts and “Needs a look” escalate"),
            order=35,
        )
        # What each notification says. Titles may name the person (their handle); the neutral
        # words (email subject, push title, digest line) never carry anyone's words, and say
        # no more than that something needs the reader.
        kind = notification_kinds.register
        kind(
            "safety.circle",
            title=_("%(actor)s added you to their circle"),
            neutral=_("Someone added you to their circle on Lantern"),
            body=_("If they ever tap “I need someone now”, you will be asked to reach out."),
        )
        kind(
            "safety.circle_nudge",
            title=_("%(actor)s may need someone to check on them"),
            neutral=_("Someone in your circle may need you"),
        )
        kind(
            "safety.reach_out",
            title=_("%(actor)s needs someone now"),
            neutral=_("Urgent: someone may need help now"),
            staff=True,
        )
        kind(
            "safety.reach_out_update",
            title=_("We are finding someone for you"),
            neutral=_("We are finding someone for you"),
            body=_(
                "Nobody has answered yet, so we have asked more people. "
                "If you are in danger, call 911 or 988."
            ),
            staff=True,
        )
        kind(
            "safety.reach_out_claimed",
            title=_("%(actor)s is here for you"),
            neutral=_("Someone is here for you on Lantern"),
            staff=True,
        )
        kind(
            "safety.reach_out_message",
            title=_("New message from %(actor)s"),
            neutral=_("Urgent: you have a new message on Lantern"),
            staff=True,
        )
        kind(
            "safety.reach_out_hand_off",
            title=_("%(actor)s asks a peer specialist to take over a reach-out"),
            neutral=_("Urgent: a peer asks for a peer specialist now"),
            staff=True,
        )
        kind(
            "safety.alert",
            title=_("Urgent: someone may be in crisis"),
            neutral=_("Urgent: someone may need help now"),
            staff=True,
        )
        kind(
            "safety.review_waiting",
            title=_("Nobody has looked at words that may be a crisis"),
            neutral=_("Something on Lantern needs a look now"),
            body=_("It has waited past its time in “Needs a look”. Read it and choose what to do."),
            staff=True,
        )

        # A responder on duty sees who is waiting first on every page, not only at home:
        # `{% reach_out_banner %}` in base.html (templatetags/safety.py).
        registry.home_card(
            "safety.right_now", "safety/_right_now_card.html", context=home.right_now_card, order=10
        )
        registry.demo_seed("safety", demo.seed, order=20)
        # "Needs a look" in the header's menu, for the people who work the queue: every
        # responder (a supporter off duty finds there how to go on duty). Asking who is on duty
        # would cost a query on every page a supporter opens.
        registry.menu_link(
            "safety.review",
            _("Needs a look"),
            "safety-review",
            order=80,
            show=access.can_open_review_page,
        )
        personal_data.register("safety", export=services.export_safety, erase=services.erase_safety)

        def sentence_encoder(app_configs=None, **kwargs):
            """`manage.py check` says so when the risk model's sentence encoder cannot load."""
            problem = encoders.problem()
            if problem is None:
                return []
            return [
                checks.Warning(
                    f"The risk model's sentence encoder cannot be used: {problem}.",
                    hint="The safety net goes on with its patterns and the n-gram model, which "
                    "find fewer crises (docs/safety.md). Reinstall the dependencies with `make`, "
                    "or set LANTERN_RISK_ENCODER to an encoder that loads, then run "
                    "`manage.py train_risk_model`.",
                    id="safety.W001",
                )
            ]

        checks.register(sentence_encoder, "safety")

        # A responder or staff member reading what a member wrote appears in "Who looked".
        audit.register_read("reach_out.view", _("your reach-out"))
        audit.register_read("alert.view", _("a message the safety net flagged"))
        audit.register_read(
            "review.read_message", _("a private message of yours the safety net flagged")
        )
        # Every worker, every minute: escalate what a dead worker's lost timer never did.
        taskqueue.register_periodic("safety.missed_escalations", services.sweep_missed_escalations)
