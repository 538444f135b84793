from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What mentorship's notifications say (core/notification_kinds.py). Neutral words (mail
# subjects, push titles) never name anyone: having a mentor is the reader's own business.
MENTOR_NEWS = _("There is news about mentoring on Lantern")
KINDS = {
    "mentorship.requested": {
        "title": _("%(actor)s asked you to be their mentor"),
        "neutral": _("Someone asked you to be their mentor on Lantern"),
    },
    "mentorship.accepted": {
        "title": _("%(actor)s will be your mentor"),
        "neutral": MENTOR_NEWS,
        "body": _("You can write to each other from the mentorship page."),
    },
    "mentorship.declined": {
        "title": _("%(actor)s can’t take on a mentee right now"),
        "neutral": MENTOR_NEWS,
        "body": _(
            "It is not about you. Other mentors are waiting: have a look at your suggestions."
        ),
    },
    "mentorship.ended": {
        "title": _("Your mentorship with %(actor)s has ended"),
        "neutral": MENTOR_NEWS,
        "body": _("Thank you for the time you gave each other."),
    },
    "mentorship.paired": {
        "title": _("%(cohort)s: you are paired with %(actor)s"),
        "neutral": MENTOR_NEWS,
    },
}


class MentorshipConfig(AppConfig):
    name = "lantern.mentorship"
    label = "mentorship"
    verbose_name = "Mentorship"

    def ready(self):
        from lantern.accounts import personal_data
        from lantern.core import notification_kinds, registry

        from . import demo, home, services

        for kind, words in KINDS.items():
            notification_kinds.register(kind, detailed_if_chosen=True, **words)
        personal_data.register(
            "mentorship", export=services.export_mentorship, erase=services.erase_mentorship
        )
        registry.menu_link("mentorship", _("Mentors"), "mentorship-home", order=55)
        registry.home_card(
            "mentorship", "mentorship/_home_card.html", context=home.home_card, order=45
        )
        # After recovery (30: counters) and events (60).
        registry.demo_seed("mentorship", demo.seed, order=65)
