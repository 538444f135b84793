"""The grouped query that counts visits by local day and hour (in the database, in the
center's zone) agrees with the obvious computation in Python (each instant converted with
zoneinfo), for random visits across zones on both sides of UTC and across the days the clocks
change, and for periods cut anywhere."""

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from lantern.programs.dropin import counts, services
from lantern.programs.dropin.models import Visit

ZONES = [
    "America/Chicago",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Europe/Madrid",
    "Asia/Kolkata",
]
# Around the changes of 2025: 9 March and 2 November in the US, 30 March and 26 October in Spain.
WINDOWS = [date(2025, 3, 7), date(2025, 3, 28), date(2025, 10, 24), date(2025, 10, 31)]


def by_hand(instants, zone: ZoneInfo, start: date, end: date) -> Counter:
    found = Counter()
    for instant in instants:
        local = instant.astimezone(zone)
        if start <= local.date() <= end:
            found[(local.date(), local.hour)] += 1
    return found


@pytest.mark.parametrize("seed", range(6))
def test_counts_by_day_and_hour_match_the_clock(center, people, seed):
    rng = random.Random(seed)
    zone_name = ZONES[seed % len(ZONES)]
    services.set_opening_hours(people.morgan, center, spans={}, time_zone=zone_name)
    zone = ZoneInfo(zone_name)
    first = WINDOWS[seed % len(WINDOWS)]
    origin = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    instants = [origin + timedelta(minutes=rng.randrange(6 * 24 * 60)) for _n in range(300)]
    Visit.objects.bulk_create(Visit(program=center, signed_in_at=at) for at in instants)
    for _cut in range(4):
        start = first + timedelta(days=rng.randrange(0, 4))
        end = start + timedelta(days=rng.randrange(0, 3))
        expected = by_hand(instants, zone, start, end)
        assert counts.day_hour_counts(center, zone, start, end) == expected
        table = counts.visit_table(center, zone, start, end)
        assert table.total == sum(expected.values())
        assert sum(row.total for row in table.rows) == table.total
        rows = {s.key: s.rows for s in counts.report_sections(center, start, end)}
        assert rows["dropin-visits"][0][1] == table.total
        assert sum(n for _day, n in rows["dropin-weekday"]) == table.total
        assert sum(n for _hour, n in rows["dropin-hour"]) == table.total
