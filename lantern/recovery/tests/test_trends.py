"""Trends: mood and craving over 30 and 90 days, the streak, meetings per week, drawn on the
server as SVG with the same numbers in a table."""

import datetime
import re

import time_machine

from lantern.meetings.models import Attendance
from lantern.recovery import services

NOW = datetime.datetime(2026, 11, 23, 18, tzinfo=datetime.UTC)


def check_in_on(member, days_ago, mood, craving, other_meetings=0):
    with time_machine.travel(NOW - datetime.timedelta(days=days_ago), tick=False):
        services.save_checkin(member, mood=mood, craving=craving, other_meetings=other_meetings)


def test_the_trend_page_draws_and_tabulates_the_last_30_days(people, signed_in):
    for days_ago, mood, craving in [(0, 4, 2), (1, 3, 5), (2, 2, 8), (10, 5, 0), (40, 1, 10)]:
        check_in_on(people.river, days_ago, mood, craving)
    Attendance.objects.create(
        member=people.river,
        meeting=None,
        meeting_name="Home group",
        date=datetime.date(2026, 11, 23),
    )
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        page = river.get("/recovery/trends/").content.decode()
        page_90 = river.get("/recovery/trends/?days=90").content.decode()
    assert "Check-in streak: 3 days" in page
    assert "<svg" in page and 'role="img"' in page and "<polyline" in page
    assert "4 check-ins; average mood 3.5 of 5, average craving 3.8 of 10." in page
    assert "<td>Mon 23 Nov</td><td>4</td><td>2</td>" in page
    assert "<td>Fri 13 Nov</td><td>5</td><td>0</td>" in page
    assert "Sat 24 Oct" not in page  # 30 days only
    assert (
        "<td>Sat 24 Oct</td>" not in page and "<td>Wed 14 Oct</td><td>1</td><td>10</td>" in page_90
    )
    assert "5 check-ins" in page_90
    assert "Meetings per week" in page and "<td>23 Nov</td><td>1</td>" in page


def test_the_streak_allows_today_to_be_still_open(people):
    for days_ago in (1, 2, 3, 5):
        check_in_on(people.river, days_ago, 3, 3)
    with time_machine.travel(NOW, tick=False):
        assert services.streak(people.river, services.today_for(people.river)) == 3
    check_in_on(people.river, 0, 3, 3)
    with time_machine.travel(NOW, tick=False):
        assert services.streak(people.river, services.today_for(people.river)) == 4


def test_a_gap_breaks_the_line_rather_than_inventing_values(people):
    check_in_on(people.river, 0, 4, 2)
    check_in_on(people.river, 1, 4, 2)
    check_in_on(people.river, 5, 2, 6)
    check_in_on(people.river, 6, 2, 6)
    with time_machine.travel(NOW, tick=False):
        t = services.trends(people.river, 30)
    assert len(t["mood_lines"]) == 2 and len(t["craving_lines"]) == 2


def test_a_spanish_trend_page_draws_with_dot_decimals(people, signed_in):
    """Spanish writes 3,5 for 3.5: fine in the sentence, fatal in an SVG attribute."""
    people.river.language = "es"
    people.river.save()
    for days_ago, mood, craving in [(0, 4, 3), (1, 3, 7), (3, 2, 9)]:
        check_in_on(people.river, days_ago, mood, craving, other_meetings=1)
    river = signed_in(people.river)
    river.cookies["django_language"] = "es"
    with time_machine.travel(NOW, tick=False):
        page = river.get("/recovery/trends/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es">' in page
    svg = "".join(re.findall(r"<svg.*?</svg>", page, flags=re.S))
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', svg)
    assert len(numbers) > 20
    assert all(re.fullmatch(r"-?\d+(\.\d)?|100%", n) for n in numbers), numbers
    for points in re.findall(r'points="([^"]*)"', svg):
        for pair in points.split():
            assert re.fullmatch(r"\d+\.\d,\d+\.\d", pair), pair
    assert 'y1="92.0"' in svg  # the craving grid's 0 line
    assert "6,3" in page  # the average craving, in the sentence, is written the Spanish way
