"""/meetings.json at the size of a big intergroup, and from the demo (issue 13, acceptance 2): one
object per day with an integer `day` and a unique slug, the export → import → export round trip
exact, and the nightly re-import of an unchanged feed costing little more than reading it."""

import gc
import json
import random
import time
from io import StringIO

from django.core.management import call_command

from lantern.meetings.models import Location, Meeting
from lantern.meetings.services import import_feed, read_feed
from lantern.meetings.tests.test_feeds import assert_meeting_guide

METROS = [  # (latitude, longitude, zone)
    (41.88, -87.63, "America/Chicago"),
    (40.71, -74.01, "America/New_York"),
    (34.05, -118.24, "America/Los_Angeles"),
    (29.76, -95.37, "America/Chicago"),
    (33.45, -112.07, "America/Phoenix"),
    (39.74, -104.99, "America/Denver"),
]
TYPES = ["O", "C", "D", "W", "M", "B", "S", "ST", "BE", "LGBTQ", "Y", "SP", "12x12"]


def big_feed(count: int, seed: int = 13) -> list[dict]:
    """`count` meetings around six metros, as an intergroup's feed: about half held on several
    days (a list of days), a few by appointment, type codes in any case."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        lat, lon, zone = METROS[n % len(METROS)]
        row = {
            "name": f"Meeting {n}",
            "slug": f"meeting-{n}",
            "time": f"{rng.randrange(6, 23):02d}:{rng.choice(['00', '30'])}",
            "end_time": f"{rng.randrange(0, 24):02d}:00",
            "timezone": zone,
            "types": [rng.choice([c, c.lower()]) for c in rng.sample(TYPES, rng.randrange(0, 4))],
            "notes": rng.choice(["", "Ring the bell.", "Side door, second floor."]),
            "location": f"Hall {n % 3000}",
            "address": f"{n % 3000} Main St",
            "city": "Town",
            "state": "XX",
            "postal_code": "00000",
            "latitude": round(lat + rng.gauss(0, 0.1), 5),
            "longitude": round(lon + rng.gauss(0, 0.1), 5),
            "group": f"Group {n % 1000}",
        }
        kind = rng.random()
        if kind < 0.01:
            pass  # by appointment: no day
        elif kind < 0.5:
            row["day"] = rng.randrange(7)
        else:
            row["day"] = sorted(rng.sample(range(7), rng.choice([2, 2, 3, 5, 7])))
        rows.append(row)
    return rows


def days_published() -> int:
    """How many objects /meetings.json should hold: one per meeting and day, or one."""
    return sum(len(m.days) or 1 for m in Meeting.objects.active())


def without_updated(feed: list[dict]) -> list[dict]:
    return [{k: v for k, v in m.items() if k != "updated"} for m in feed]


def test_the_demo_feed_is_one_object_per_day_and_survives_a_round_trip(client, db):
    """The Meeting Guide app and TSML UI showed a loading error, and no meetings at all, for a
    feed with two or more `"day": [...]` meetings: 11 of the demo's 18 were."""
    call_command("demo", stdout=StringIO())
    several = Meeting.objects.exclude(days_mask__in=[1 << d for d in range(7)]).count()
    assert several >= 2
    first = json.loads(client.get("/meetings.json").content)
    assert_meeting_guide(first)
    assert len(first) == days_published() > Meeting.objects.count()
    Meeting.objects.all().delete()
    import_feed(read_feed(json.dumps(first)), source="demo-again")
    assert without_updated(json.loads(client.get("/meetings.json").content)) == without_updated(
        first
    )


def cpu_seconds(work) -> float:
    """The best of two runs, in this process's CPU time (steadier than the clock on a shared
    machine)."""
    best = None
    for _ in range(2):
        gc.collect()
        start = time.process_time()
        work()
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def test_a_feed_of_20000_meetings_round_trips_and_reimports_at_the_cost_of_reading_it(client, db):
    report = import_feed(big_feed(20_000), source="intergroup")
    assert (report.created, report.rejected) == (20_000, [])
    assert Meeting.objects.filter(days_mask=0).exists()  # by appointment, kept
    text = client.get("/meetings.json").content
    first = json.loads(text)
    assert_meeting_guide(first)  # one object per day, integer days, unique slugs
    assert len(first) == days_published() > 30_000

    Meeting.objects.all().delete()
    Location.objects.all().delete()
    report = import_feed(read_feed(text), source="intergroup")
    assert (report.created, report.rejected) == (20_000, [])
    second = json.loads(client.get("/meetings.json").content)
    assert without_updated(second) == without_updated(first)

    # Areas import their feed every night: an unchanged one is read, not imported again. It
    # cost 13.7 s for 100,000 meetings, many times the 1 s it takes to read the file.
    reading = cpu_seconds(lambda: json.loads(text))
    nightly = cpu_seconds(lambda: import_feed(read_feed(text), source="intergroup"))
    again = import_feed(read_feed(text), source="intergroup")
    assert (again.unchanged, again.created, again.updated, again.deactivated) == (20_000, 0, 0, 0)
    assert nightly < 6 * reading, (nightly, reading)
