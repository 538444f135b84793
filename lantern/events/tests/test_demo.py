"""The events' demo seed: events in Chicago's time zone by jo, a club, a full event with a
waitlist open, volunteer shifts and a published story; running it again changes nothing."""

from zoneinfo import ZoneInfo

from lantern.accounts import demo as people_demo
from lantern.core import registry
from lantern.events import demo
from lantern.events.models import Club, Event, Opportunity, Rsvp, Shift, Story


def counts():
    return tuple(m.objects.count() for m in (Event, Club, Rsvp, Opportunity, Shift, Story))


def test_the_demo_seed_is_registered_and_safe_to_run_again(db):
    people_demo.seed()
    seed = next(s for s in registry.demo_seeds() if s.name == "events")
    assert seed.seed == demo.seed
    seed.seed()
    first = counts()
    assert first[0] == 3 and first[1] == 1 and first[3] == 2 and first[5] == 1
    bowling = Event.objects.get(title="Sober bowling night")
    assert bowling.time_zone == "America/Chicago"
    assert bowling.starts_at.astimezone(ZoneInfo("America/Chicago")).hour == 19
    assert bowling.rsvps.filter(status="going").count() == bowling.capacity  # full
    assert Story.objects.get().status == "published"
    seed.seed()
    assert counts() == first
