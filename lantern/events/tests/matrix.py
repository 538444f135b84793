"""The events' records for the access matrix (lantern/core/tests/test_access_matrix.py): jo's
events (a public one, a members-only one) and a club. Organizing is for the helpers (jo, casey,
morgan, alex); changing an event for its organizer (jo) and site moderators (morgan, alex)."""

from datetime import timedelta

from django.utils import timezone

from lantern.core.tests.matrix import LOGIN, everyone, only, river_only, signed_in
from lantern.events import services, stories, volunteering
from lantern.events.models import Event, ServiceHours, Shift, ShiftSignup

HELPERS = ("jo", "casey", "morgan", "alex")
EDITORS = ("jo", "morgan", "alex")
MEMBERS_ONLY = {**everyone(200), "anon": 404}

MATRIX = {
    "events-list": ("get", None, everyone(200)),
    "events-feed-ics": ("get", None, everyone(200)),
    "events-clubs": ("get", None, everyone(200)),
    "events-club": ("get", {"slug": "club"}, everyone(200)),
    "events-new": ("get", None, only(200, *HELPERS)),
    "events-club-new": ("get", None, only(200, *HELPERS)),
    # A members-only event does not exist for a visitor
    "events-detail": ("get", {"pk": "members_event"}, MEMBERS_ONLY),
    "events-detail-ics": ("get", {"pk": "members_event"}, MEMBERS_ONLY),
    "events-edit": ("get", {"pk": "event"}, only(200, *EDITORS)),
    "events-cancel": ("get", {"pk": "event"}, only(200, *EDITORS)),
    "api:events-api-list": ("get", None, signed_in(200, anon=401)),
    "api:events-api-detail": ("get", {"pk": "members_event"}, signed_in(200, anon=401)),
    # Writes: saying yes and no again (no change for anyone else), joining and leaving a club
    "events-rsvp": ("post", {"pk": "event"}, signed_in(302)),
    "events-rsvp-cancel": ("post", {"pk": "event"}, signed_in(302)),
    "api:events-api-rsvp": ("post", {"pk": "event"}, signed_in(200, anon=401)),
    "api:events-api-rsvp-cancel": ("post", {"pk": "event"}, signed_in(200, anon=401)),
    "events-club-join": ("post", {"slug": "club"}, signed_in(302, anon=LOGIN)),
    "events-club-leave": ("post", {"slug": "club"}, signed_in(302, anon=LOGIN)),
    # Volunteering: for people signed in; shifts and hours kept by the organizer (jo) and site
    # moderators; river logs hours only for the shift river signed up for
    "events-volunteer": ("get", None, signed_in()),
    "events-service-summary": ("get", None, signed_in()),
    "events-opportunity-new": ("get", None, only(200, *HELPERS)),
    "events-opportunity": ("get", {"pk": "opportunity"}, signed_in()),
    "events-shift-new": ("get", {"pk": "opportunity"}, only(200, *EDITORS)),
    "events-hours-log": ("get", {"pk": "past_shift"}, river_only(200)),
    "events-shift-signup": ("post", {"pk": "shift"}, signed_in(302)),
    "events-shift-cancel": ("post", {"pk": "shift"}, signed_in(302)),
    "events-hours-decline": ("post", {"pk": "hours"}, only(302, *EDITORS)),
    "events-hours-confirm": ("post", {"pk": "hours"}, only(302, *EDITORS)),
    # Stories: published ones for people signed in; the review for site moderators
    "events-stories": ("get", None, signed_in()),
    "events-story-new": ("get", None, signed_in()),
    "events-story-review": ("get", None, only(200, "morgan", "alex")),
    "events-story": ("get", {"pk": "story"}, signed_in()),
    # river wrote it: reporting one's own story is not a thing (404)
    "events-story-report": ("post", {"pk": "story"}, {**signed_in(302), "river": 404}),
    "events-story-publish": ("post", {"pk": "waiting_story"}, only(302, "morgan", "alex")),
    # No note: a message and back to the story
    "events-story-decline": ("post", {"pk": "story"}, only(302, "morgan", "alex")),
    "events-story-withdraw": ("post", {"pk": "story"}, river_only(302)),
}


def records(people) -> dict:
    starts = timezone.now() + timedelta(days=3)

    def event(title, visibility):
        return services.create_event(
            people.jo,
            services.EventFields(
                title=title,
                description="For the matrix.",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                time_zone="America/Chicago",
                place="The drop-in center",
                capacity=2,
                visibility=visibility,
            ),
        ).obj

    club = services.create_club(people.jo, "Matrix walkers", "Walks.").obj
    opportunity = volunteering.create_opportunity(people.jo, "Greeter", "At the door.").obj
    shift = volunteering.add_shift(
        people.jo, opportunity, starts, starts + timedelta(hours=2), "America/Chicago", 10
    )
    past = Shift.objects.create(
        opportunity=opportunity,
        starts_at=starts - timedelta(days=7),
        ends_at=starts - timedelta(days=7, hours=-2),
        time_zone="America/Chicago",
    )
    ShiftSignup.objects.create(shift=past, person=people.river)
    hours = ServiceHours.objects.create(person=people.river, shift=past, hours=2)
    story = stories.write_story(people.river, "Matrix story", "My story.").obj
    stories.publish_story(people.morgan, story)
    waiting = stories.write_story(people.river, "Matrix waiting", "Another.").obj
    return {
        "opportunity": opportunity.pk,
        "shift": shift.pk,
        "past_shift": past.pk,
        "hours": hours.pk,
        "story": story.pk,
        "waiting_story": waiting.pk,
        "event": event("Matrix open event", Event.Visibility.PUBLIC).pk,
        "members_event": event("Matrix members event", Event.Visibility.MEMBERS).pk,
        "club": club.slug,
    }
