"""The finder's walk through time gives exactly what looking at every meeting would: the true
soonest results within the radius, however dense the city, across time zones, daylight-saving
changes, meetings that run past midnight and online meetings. Checked against a brute-force
search (every active meeting, its next start, filtered and sorted) over random dense feeds."""

import datetime
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.meetings import finder
from lantern.meetings.models import Meeting

HERE = (41.95, -87.75)  # the searcher, on Chicago's northwest side
ZONES = [
    "America/Chicago",
    "America/New_York",
    "America/Denver",
    "America/Phoenix",
    "Pacific/Honolulu",
    "Mars/Olympus_Mons",  # nobody knows it: the meeting keeps the community's zone
]
UTC = datetime.UTC
# Moments near the 2026 daylight-saving changes in the US, and ordinary ones.
NOWS = st.one_of(
    st.datetimes(
        min_value=datetime.datetime(2026, 3, 7, 12),
        max_value=datetime.datetime(2026, 3, 9, 12),
        timezones=st.just(UTC),
    ),
    st.datetimes(
        min_value=datetime.datetime(2026, 10, 31, 12),
        max_value=datetime.datetime(2026, 11, 2, 12),
        timezones=st.just(UTC),
    ),
    st.datetimes(
        min_value=datetime.datetime(2026, 1, 1),
        max_value=datetime.datetime(2026, 12, 31),
        timezones=st.just(UTC),
    ),
)
TIMES = st.one_of(
    st.times(),
    st.sampled_from([time(0, 0), time(1, 30), time(2, 30), time(23, 30), time(23, 59)]),
).map(lambda t: t.replace(second=0, microsecond=0))

meeting_rows = st.fixed_dictionaries(
    {
        "zone": st.sampled_from(ZONES),
        "days_mask": st.integers(1, 127),
        "start_time": TIMES,
        "end_time": st.one_of(st.none(), TIMES),
        "online": st.integers(0, 4).map(lambda n: n == 0),  # about one in five
        "dlat": st.floats(-0.25, 0.25),
        "dlon": st.floats(-0.35, 0.35),
    }
)
filters = st.fixed_dictionaries(
    {
        "km": st.sampled_from([2, 5, 10, 25, 50]),
        "day": st.lists(st.integers(0, 6), max_size=3, unique=True),
        "time": st.sampled_from(["", "soon", "morning", "afternoon", "evening", "night"]),
        "mode": st.sampled_from(["", "in_person", "online"]),
    }
)


def make_feed(rows) -> None:
    Meeting.objects.all().delete()
    meetings = []
    for n, row in enumerate(rows):
        online = row["online"]
        meetings.append(
            Meeting(
                slug=f"m{n}",
                name=f"Meeting {n}",
                days_mask=row["days_mask"],
                start_time=row["start_time"],
                end_time=row["end_time"],
                time_zone=row["zone"],
                mode=Meeting.Mode.ONLINE if online else Meeting.Mode.IN_PERSON,
                latitude=None if online else HERE[0] + row["dlat"],
                longitude=None if online else HERE[1] + row["dlon"],
            )
        )
    Meeting.objects.bulk_create(meetings)
    finder.forget_zone_names()


def brute_force(data: dict, now: datetime.datetime, limit: int):
    """Every active meeting, its next start, the filters, sorted: what the finder must equal."""
    lat, lon = data.get("lat"), data.get("lon")
    km = data.get("km") or finder.DEFAULT_KM
    found = []
    for meeting in Meeting.objects.active():
        if data.get("mode") and meeting.mode != data["mode"]:
            continue
        distance = None
        if meeting.latitude is None:
            if meeting.mode != Meeting.Mode.ONLINE:
                continue
        else:
            distance = finder.distance_km(lat, lon, meeting.latitude, meeting.longitude)
            if distance > km:
                continue
        starts = meeting.next_start(now, data.get("day"))
        if starts is None:
            continue
        if data.get("time") == "soon" and starts > now + timedelta(hours=2):
            continue
        if data.get("time") in finder.TIMES_OF_DAY:
            low, high = finder.TIMES_OF_DAY[data["time"]]
            hour = starts.astimezone(meeting.zone()).hour
            if not (low <= hour < high or low <= hour + 24 < high):
                continue
        found.append((starts, distance or 0, meeting.pk))
    found.sort()
    return [(pk, starts) for starts, _km, pk in found[:limit]]


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(meeting_rows, min_size=1, max_size=60),
    data=filters,
    now=NOWS,
    limit=st.sampled_from([1, 5, 25]),
)
def test_the_walk_finds_exactly_what_looking_at_every_meeting_finds(db, rows, data, now, limit):
    make_feed(rows)
    data = {**data, "lat": HERE[0], "lon": HERE[1]}
    outcome = finder.search(data, viewer_zone=ZoneInfo("UTC"), now=now, limit=limit)
    got = [(r.meeting.pk, r.starts) for r in outcome.results]
    assert got == brute_force(data, now, limit)


def test_a_meeting_under_way_past_midnight_counts_as_starting_now(db):
    make_feed(
        [
            {
                "zone": "America/Chicago",
                "days_mask": 1 << 6,  # Saturday
                "start_time": time(23, 0),
                "end_time": time(1, 0),
                "online": False,
                "dlat": 0.0,
                "dlon": 0.0,
            }
        ]
    )
    # Sunday 00:30 in Chicago: Saturday's late meeting is still going.
    now = datetime.datetime(2026, 11, 29, 6, 30, tzinfo=UTC)
    outcome = finder.search({"lat": HERE[0], "lon": HERE[1]}, now=now)
    [result] = outcome.results
    assert result.starts == datetime.datetime(
        2026, 11, 28, 23, 0, tzinfo=ZoneInfo("America/Chicago")
    )


def test_online_meetings_are_in_a_search_near_a_place_unless_filtered_out(db):
    row = {"days_mask": 127, "start_time": time(20, 0), "end_time": None, "dlat": 0, "dlon": 0}
    make_feed(
        [
            {**row, "zone": "America/New_York", "online": True},
            {**row, "zone": "America/Chicago", "online": False},
        ]
    )
    now = datetime.datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    near = {"lat": HERE[0], "lon": HERE[1], "km": 2}
    modes = [r.meeting.mode for r in finder.search(near, now=now).results]
    assert sorted(modes) == ["in_person", "online"]
    in_person = finder.search({**near, "mode": "in_person"}, now=now).results
    assert [r.meeting.mode for r in in_person] == ["in_person"]


def test_the_search_costs_a_few_queries_however_many_meetings_are_near(
    db, django_assert_max_num_queries
):
    row = {"zone": "America/Chicago", "end_time": None, "online": False}
    make_feed(
        [
            {**row, "days_mask": 1 << (n % 7), "start_time": time(n % 24, (n * 7) % 60)}
            | {"dlat": (n % 40) / 400, "dlon": (n % 37) / 400}
            for n in range(3000)
        ]
    )
    finder.zone_names()  # the zones and the hours of long meetings are kept between requests
    finder.long_hours()
    now = datetime.datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
    with django_assert_max_num_queries(2):
        outcome = finder.search({"lat": HERE[0], "lon": HERE[1], "km": 25}, now=now)
    assert len(outcome.results) == 25
