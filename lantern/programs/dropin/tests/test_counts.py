"""Visits counted by day and by hour on the center's own clock: a visit at 23:30 in Chicago
counts on that day in Chicago (it is already tomorrow in UTC), the night the clocks go back
counts its repeated hour twice, and a center without a zone counts on the community's. The
staff's page shows the day × hour table and bar charts; the program's report adds visits,
by weekday and by hour, with small cells suppressed."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from lantern.core import site
from lantern.programs import services as programs
from lantern.programs.dropin import counts, services
from lantern.programs.dropin.models import Visit

DEC_3 = date(2025, 12, 3)  # a Wednesday
DEC_4 = date(2025, 12, 4)


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def visit(kiosk, iso, **fields):
    fields.setdefault("as_guest", "handle" not in fields)
    return services.sign_in(kiosk, now=at(iso), **fields)


@pytest.fixture
def evening(new_kiosk, people):
    """Three visits around midnight in Chicago (UTC−6 in December)."""
    k = new_kiosk.kiosk
    visit(k, "2025-12-03T15:10:00+00:00", handle="river", first_visit=True)  # 9:10 AM, Dec 3
    visit(k, "2025-12-04T05:30:00+00:00", handle="sam")  # 11:30 PM, Dec 3
    visit(k, "2025-12-04T06:15:00+00:00")  # 12:15 AM, Dec 4
    return k


def test_a_visit_at_23_30_local_counts_on_that_local_day(center, evening):
    zone = services.zone_of(center)
    assert zone.key == "America/Chicago"
    found = counts.day_hour_counts(center, zone, DEC_3, DEC_4)
    assert found == {(DEC_3, 9): 1, (DEC_3, 23): 1, (DEC_4, 0): 1}
    # Dec 3 alone: the 23:30 visit is in, the one at 00:15 the next morning is not.
    assert sum(counts.day_hour_counts(center, zone, DEC_3, DEC_3).values()) == 2


def test_the_night_the_clocks_go_back_counts_its_repeated_hour_twice(center, new_kiosk):
    k = new_kiosk.kiosk
    visit(k, "2025-11-02T05:59:00+00:00")  # 12:59 AM CDT
    visit(k, "2025-11-02T06:30:00+00:00")  # 1:30 AM CDT
    visit(k, "2025-11-02T07:30:00+00:00")  # 1:30 AM CST, the same hour again
    visit(k, "2025-11-03T05:30:00+00:00")  # 11:30 PM CST, still Nov 2
    found = counts.day_hour_counts(
        center, services.zone_of(center), date(2025, 11, 2), date(2025, 11, 2)
    )
    assert found == {
        (date(2025, 11, 2), 0): 1,
        (date(2025, 11, 2), 1): 2,
        (date(2025, 11, 2), 23): 1,
    }


def test_a_center_without_a_zone_counts_on_the_community_s_clock(dropin, people):
    site.save(people.alex, time_zone="America/Los_Angeles")
    kiosk = services.create_kiosk(people.morgan, dropin, "Front desk").kiosk
    visit(kiosk, "2025-12-04T06:30:00+00:00")  # 10:30 PM on Dec 3 in Los Angeles
    zone = services.zone_of(dropin)
    assert counts.day_hour_counts(dropin, zone, DEC_3, DEC_3) == {(DEC_3, 22): 1}


def test_today_s_count_is_on_the_center_s_clock(center, evening):
    with time_machine.travel(at("2025-12-04T05:45:00+00:00"), tick=False):  # 11:45 PM, Dec 3
        today = counts.today_count(center, services.zone_of(center))
    assert (today.visits, today.first_visits, today.guests) == (2, 1, 0)
    with time_machine.travel(at("2025-12-04T07:00:00+00:00"), tick=False):  # 1 AM, Dec 4
        today = counts.today_count(center, services.zone_of(center))
    assert (today.visits, today.guests) == (1, 1)


def test_the_table_has_a_row_a_day_and_a_column_an_hour(center, evening):
    table = counts.visit_table(center, services.zone_of(center), DEC_3, DEC_4)
    # Opening hours run 9 AM to 8 PM; the visits add 11 PM and midnight: every hour between.
    assert table.hours == list(range(0, 24))
    assert [row.day for row in table.rows] == [DEC_4, DEC_3]  # newest first
    dec4, dec3 = table.rows
    assert (dec3.total, dec4.total, table.total) == (2, 1, 3)
    assert dec3.cells[9] == 1 and dec3.cells[23] == 1 and dec4.cells[0] == 1
    assert table.by_hour[9] == table.by_hour[23] == table.by_hour[0] == 1
    assert table.hour_labels[13] == "1:00 PM"
    assert len(table.day_bars) == 2 and len(table.hour_bars) == 24
    assert [b.value for b in table.day_bars] == [2, 1]  # oldest first, left to right


def test_without_visits_the_table_spans_the_opening_hours(center):
    table = counts.visit_table(center, services.zone_of(center), DEC_3, DEC_3)
    assert table.hours == list(range(9, 20))  # 9 AM to the hour that ends at 8 PM
    assert table.total == 0 and table.rows[0].cells == [0] * 11


def test_staff_read_the_counts_by_day_and_hour(center, evening, people, signed_in):
    url = reverse("dropin-visits", args=[center.slug])
    page = signed_in(people.morgan).get(url, {"start": "2025-12-03", "end": "2025-12-04"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "From 3 Dec 2025 to 4 Dec 2025: 3 visits." in html
    assert "Wed 3 Dec" in html and "Thu 4 Dec" in html
    assert "11:00 PM" in html
    assert html.count('<rect class="bar"') == 2 + 24
    assert "river" not in html and "sam" not in html  # counts, never who


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2025-12-04", "end": "2025-12-03"}, "The end comes before the start."),
        ({"start": "2025-01-01", "end": "2025-12-31"}, "Choose at most 92 days at a time."),
        ({"start": "yesterday", "end": "2025-12-03"}, "Enter a valid date."),
        ({"start": "2025-12-03"}, "This field is required."),
    ],
)
def test_a_period_that_makes_no_sense_is_refused(center, people, signed_in, query, message):
    page = signed_in(people.morgan).get(reverse("dropin-visits", args=[center.slug]), query)
    assert page.status_code == 400
    assert message in page.content.decode()


def test_the_default_period_is_the_last_two_weeks_on_the_center_s_clock(center, people, signed_in):
    with time_machine.travel(at("2025-12-04T05:30:00+00:00"), tick=False):  # Dec 3 in Chicago
        page = signed_in(people.morgan).get(reverse("dropin-visits", args=[center.slug]))
    assert "From 20 Nov 2025 to 3 Dec 2025" in page.content.decode()


# --- The program's report ------------------------------------------------------------------


def sections(center, start=DEC_3, end=DEC_4) -> dict:
    return {s.key: s for s in counts.report_sections(center, start, end)}


def test_the_report_counts_members_guests_and_first_visits(center, evening, new_kiosk):
    visit(new_kiosk.kiosk, "2025-12-03T16:00:00+00:00", handle="river")
    visit(new_kiosk.kiosk, "2025-12-03T16:30:00+00:00", first_visit=True)
    found = sections(center)
    assert found["dropin-visits"].rows == [
        ["All visits", 5],
        ["Signed in with a handle (members)", 3],
        ["Signed in as guests", 2],
        ["First visits", 2],
        ["Different members", 2],
    ]
    weekday = dict(found["dropin-weekday"].rows)
    assert weekday["Wednesday"] == 4 and weekday["Thursday"] == 1 and weekday["Monday"] == 0
    assert found["dropin-weekday"].chart_column == 1
    hours = dict(found["dropin-hour"].rows)
    assert hours["9:00 AM"] == 1 and hours["10:00 AM"] == 2 and hours["11:00 PM"] == 1
    assert hours["12:00 AM"] == 1
    assert all(isinstance(row[1], int) for s in found.values() for row in s.rows)


def test_the_report_page_and_csv_hide_small_cells(center, new_kiosk, people, signed_in):
    for minute in range(12):
        visit(new_kiosk.kiosk, f"2025-12-03T16:{minute:02}:00+00:00")  # 10 AM, all guests
    visit(new_kiosk.kiosk, "2025-12-03T20:00:00+00:00", handle="river")  # 2 PM
    morgan = signed_in(people.morgan)
    query = {"start": "2025-12-01", "end": "2025-12-07"}
    page = morgan.get(reverse("programs-report", args=[center.slug]), query).content.decode()
    assert "Visits by day of the week" in page and "Visits by hour of the day" in page
    assert "<td>13</td>" in page  # all visits
    assert "<td>12</td>" in page  # guests; 10 AM
    assert "<td>&lt;11</td>" in page  # river alone, at 2 PM and as the one member
    assert "<td>1</td>" not in page
    csv = morgan.get(reverse("programs-report-csv", args=[center.slug]), query).content.decode()
    assert "All visits,13" in csv and "Signed in as guests,12" in csv
    assert "Signed in with a handle (members),<11" in csv
    assert "2:00 PM,<11" in csv and ",1\r\n" not in csv


def test_a_report_of_another_kind_of_program_has_no_visits(residence, people):
    result = programs.report(people.jo, residence, DEC_3, DEC_4)
    assert not any(s.key.startswith("dropin") for s in result.sections)


def test_a_visit_taken_off_a_record_still_counts_as_a_guest_s(center, evening, people):
    river = Visit.objects.get(person=people.river)
    services.disown_visit(people.river, river)
    rows = dict(sections(center)["dropin-visits"].rows)
    assert rows["All visits"] == 3 and rows["Signed in as guests"] == 2
