from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What events' notifications say (core/notification_kinds.py). Titles name the event (the
# reader chose to go); neutral words (mail subjects, push titles) never do: going to a sober
# event is the reader's own business.
EVENT_NEWS = _("There is news about an event on Lantern")
KINDS = {
    "events.promoted": {
        "title": _("A place opened up: you are going to “%(event)s”"),
        "neutral": _("A place opened up for you at an event on Lantern"),
    },
    "events.reminder": {
        "title": _("Reminder: “%(event)s” is coming up"),
        "neutral": _("An event you are going to is coming up"),
    },
    "events.cancelled": {
        "title": _("“%(event)s” is called off"),
        "neutral": _("An event you were going to is called off"),
    },
    "events.changed": {
        "title": _("“%(event)s” has a new time or place"),
        "neutral": EVENT_NEWS,
    },
    "events.hours_logged": {
        "title": _("%(actor)s logged volunteer hours for “%(opportunity)s”"),
        "neutral": _("Volunteer hours are waiting for you to confirm on Lantern"),
    },
    "events.hours_confirmed": {
        "title": _("Your %(hours)s hours for “%(opportunity)s” are confirmed"),
        "neutral": _("Your volunteer hours are confirmed on Lantern"),
    },
    "events.story_published": {
        "title": _("Your story is published"),
        "neutral": _("There is news about your story on Lantern"),
    },
    "events.story_declined": {
        "title": _("A moderator has a note about your story"),
        "neutral": _("There is news about your story on Lantern"),
    },
}
# Reach moderators because of their role: always neutral, left out of token reads.
STAFF_KINDS = {
    "events.story_waiting": {
        "title": _("A recovery story is waiting to be read"),
        "neutral": _("Something is waiting for the moderators on Lantern"),
    },
    "events.story_reported": {
        "title": _("A recovery story was reported"),
        "neutral": _("Something is waiting for the moderators on Lantern"),
    },
}


class EventsConfig(AppConfig):
    name = "lantern.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from lantern.accounts import personal_data
        from lantern.core import notification_kinds, registry

        from . import demo, home, services, stories, volunteering

        for kind, words in KINDS.items():
            notification_kinds.register(kind, detailed_if_chosen=True, **words)
        for kind, words in STAFF_KINDS.items():
            notification_kinds.register(kind, staff=True, **words)
        personal_data.register("events", export=services.export_events, erase=services.erase_events)
        personal_data.register("volunteering", export=volunteering.export_volunteering)
        personal_data.register(
            "stories", export=stories.export_stories, erase=stories.erase_stories
        )
        registry.menu_link("events", _("Events"), "events-list", order=50, visitors=True)
        registry.home_card("events", "events/_home_card.html", context=home.home_card, order=40)
        # After the demo people and community (40): a few events in Chicago and a club.
        registry.demo_seed("events", demo.seed, order=60)
