"""Importing Meeting Guide feeds: real feeds are messy. Every row that cannot be a meeting is
reported with its reason; the rest are kept; importing the same feed again changes nothing."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from datetime import time as dt_time

import pytest
from django.urls import reverse
from icalendar import Calendar

from lantern.conftest import REPO
from lantern.core.errors import Refused
from lantern.meetings.models import Meeting
from lantern.meetings.services import import_feed, read_feed

GOOD = {
    "name": "Sunday Serenity",
    "slug": "sunday-serenity",
    "day": 0,
    "time": "18:00",
    "end_time": "19:30",
    "location": "Alano Club",
    "address": "4953 W Addison St",
    "city": "Chicago",
    "state": "IL",
    "postal_code": "60641",
    "country": "US",
    "types": ["O", "D"],
    "timezone": "America/Chicago",
    "latitude": 41.9453,
    "longitude": -87.7474,
}

MESSY = [
    GOOD,
    # A list of days, stray whitespace, HTML in the notes, empty strings for nulls, no
    # coordinates (taken from the ZIP code), an unknown type code, a time with seconds.
    {
        "name": "  Women's Step Study  ",
        "slug": "womens-step-study",
        "day": ["1", 3],
        "time": "7:00:00",
        "end_time": "",
        "address": " 123 Main St ",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60614",
        "types": ["W", "ST", "XYZ"],
        "notes": "<p>Ring the <b>buzzer</b> &amp; come up.</p><script>alert(1)</script>",
        "latitude": "",
        "longitude": None,
        "timezone": "",
    },
    # Online only, formatted address.
    {
        "name": "Noon Online",
        "slug": 77,
        "day": 5,
        "time": "12:00",
        "formatted_address": "Chicago, IL, USA",
        "conference_url": "https://zoom.us/j/123",
        "conference_phone": "+1 (312) 555-0100,,123#",
        "types": "ONL, O",
    },
    {"name": "No Time", "slug": "no-time", "day": 1, "address": "1 A St", "city": "X"},
    {"name": "Bad Time", "slug": "bad-time", "day": 2, "time": "25:99", "address": "1 A St"},
    {"name": "Bad Day", "slug": "bad-day", "day": 9, "time": "18:00", "address": "1 A St"},
    {"slug": "no-name", "day": 1, "time": "18:00", "address": "1 A St"},
    {"name": "No Slug", "day": 1, "time": "18:00", "address": "1 A St"},
    {"name": "Nowhere", "slug": "nowhere", "day": 1, "time": "18:00"},
    "not an object",
    {**GOOD, "name": "Duplicate"},
]


def test_a_messy_feed_keeps_every_good_row_and_says_why_each_bad_one_was_rejected(db):
    report = import_feed(MESSY, source="test-feed")
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    reasons = {n: why for n, _slug, why in report.rejected}
    assert reasons == {
        4: "no time (a meeting held on a day needs its start time)",
        5: "time '25:99' is not a time like 18:30",
        6: "day 9 is not from 0 (Sunday) to 6 (Saturday)",
        7: "no name",
        8: "no slug",
        9: "no address and no online link: nowhere to go",
        10: "not a JSON object",
        11: "the same slug appears earlier in the feed",
    }
    assert report.unknown_types == {"XYZ": 1, "ONL": 1}  # kept out of the list, reported
    summary = report.summary()
    assert "rejected row 6 (bad-day): day 9 is not from 0 (Sunday) to 6 (Saturday)" in summary

    women = Meeting.objects.get(slug="womens-step-study")
    assert women.name == "Women's Step Study"
    assert women.days == [1, 3]
    assert women.start_time.strftime("%H:%M") == "07:00"
    assert women.end_time is None
    assert women.type_codes == ["W", "ST"]
    assert women.notes == "Ring the buzzer & come up.alert(1)"  # tags gone, never run
    assert "<" not in women.notes
    assert women.latitude is not None  # from the ZIP code
    assert women.time_zone == "America/Chicago"  # from the ZIP code
    assert women.mode == "in_person"

    online = Meeting.objects.get(slug="77")
    assert online.mode == "online"  # "Chicago, IL, USA" is an approximate place, not an address
    assert (online.location.city, online.location.state) == ("Chicago", "IL")
    assert online.conference_phone == "+13125550100,,123#"
    assert online.type_codes == ["O"]  # ONL is not a standard type: reported, not listed


def test_importing_the_same_feed_again_changes_nothing(db):
    import_feed(MESSY, source="test-feed")
    before = {m.slug: (m.updated_at, m.source_hash) for m in Meeting.objects.all()}
    report = import_feed(MESSY, source="test-feed")
    assert (report.created, report.updated, report.unchanged, report.deactivated) == (0, 0, 3, 0)
    after = {m.slug: (m.updated_at, m.source_hash) for m in Meeting.objects.all()}
    assert after == before


def test_a_changed_feed_updates_and_meetings_gone_from_it_are_deactivated(db):
    import_feed(MESSY, source="test-feed")
    changed = [{**GOOD, "time": "18:30"}, MESSY[2]]
    report = import_feed(changed, source="test-feed")
    assert (report.updated, report.unchanged, report.deactivated) == (1, 1, 1)
    assert Meeting.objects.get(slug="sunday-serenity").start_time.strftime("%H:%M") == "18:30"
    gone = Meeting.objects.get(slug="womens-step-study")
    assert not gone.active  # kept, not deleted
    # It comes back when the feed lists it again.
    import_feed(MESSY, source="test-feed")
    assert Meeting.objects.get(slug="womens-step-study").active


def test_another_feed_does_not_deactivate_this_ones_meetings(db):
    import_feed([GOOD], source="feed-a")
    import_feed([MESSY[2]], source="feed-b")
    assert Meeting.objects.get(slug="sunday-serenity").active


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "not a JSON feed"), ('{"a": 1}', "a JSON array of meetings")],
)
def test_a_feed_that_is_not_a_feed_is_refused_as_a_whole(text, message):
    with pytest.raises(Refused, match=message) as refused:
        read_feed(text)
    assert refused.value.field == "feed"  # shown beside the upload page's file field


def test_the_import_command_reads_a_file_and_prints_the_summary(tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(MESSY))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("REDIS_URL", None)

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
        )

    assert manage("migrate", "-v0").returncode == 0
    first = manage("import_meetings", str(feed))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("created 3, updated 0, unchanged 0, deactivated 0, rejected 8")
    assert "rejected row 9 (nowhere): no address and no online link" in first.stdout
    again = manage("import_meetings", str(feed))
    assert again.stdout.startswith("created 0, updated 0, unchanged 3, deactivated 0, rejected 8")
    missing = manage("import_meetings", str(tmp_path / "nope.json"))
    assert missing.returncode != 0 and "no such file" in missing.stderr


def test_a_feed_of_one_program_is_found_under_that_program(db):
    """Meeting Guide feeds have no program field: the importer is told, a row may say its own
    (Lantern's export does), and SMART or Refuge type codes say theirs."""
    smart = {**MESSY[2], "slug": "smart-online", "types": ["SMART", "O"]}
    own = {**GOOD, "slug": "na-own", "fellowship": "Narcotics Anonymous"}
    import_feed([GOOD, smart, own], source="intergroup", fellowship="aa")
    assert Meeting.objects.get(slug="sunday-serenity").group.fellowship == "aa"
    assert Meeting.objects.get(slug="na-own").group.fellowship == "na"
    import_feed([smart], source="other-feed")
    assert Meeting.objects.get(slug="smart-online").group.fellowship == "smart"


def test_the_finder_filters_by_program(client, db):
    import_feed([GOOD], source="intergroup", fellowship="aa")
    import_feed([{**GOOD, "slug": "na-tuesday", "name": "Just for Today"}], "n", fellowship="na")
    page = client.get("/meetings/", {"zip": "60641", "fellowship": "na"}).content.decode()
    assert "Just for Today" in page and "Sunday Serenity" not in page


# --- One object per day, folded back into one meeting (issue 13) -------------------------------


def test_the_rows_of_a_meeting_s_other_days_fold_back_into_one_meeting(db):
    """Lantern publishes a meeting held on several days as one object per day: its slug for the
    first day, `<slug>--<day>` for the others. Reading them back makes one meeting again, in
    whatever order the rows come."""
    wednesday = {**GOOD, "slug": "sunday-serenity--3", "day": 3}
    friday = {**GOOD, "slug": "sunday-serenity--5", "day": 5}
    report = import_feed([wednesday, GOOD, friday], source="intergroup")
    assert (report.created, report.rejected) == (1, [])
    meeting = Meeting.objects.get()
    assert (meeting.slug, meeting.days) == ("sunday-serenity", [0, 3, 5])
    again = import_feed([GOOD, wednesday, friday], source="intergroup")  # in another order
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    # A day taken out of the feed is taken off the meeting.
    import_feed([GOOD, friday], source="intergroup")
    assert Meeting.objects.get().days == [0, 5]


def test_rows_that_only_look_like_another_day_stay_meetings_of_their_own(db):
    feed = [
        GOOD,
        # Another day's slug, but another time: a meeting of its own.
        {**GOOD, "slug": "sunday-serenity--2", "day": 2, "time": "07:00", "name": "Early"},
        # Another day's slug of a meeting the feed does not have.
        {**GOOD, "slug": "keep-coming-back--4", "day": 4, "name": "Keep Coming Back"},
        # A real slug that ends like a day ("-3" with one dash): its own meeting, as always.
        {**GOOD, "slug": "step-3", "day": 3, "name": "Step 3"},
        {**GOOD, "slug": "step", "day": 1, "name": "Step"},
    ]
    report = import_feed(feed, source="intergroup")
    assert (report.created, report.rejected) == (5, [])
    days = dict(Meeting.objects.values_list("slug", "days_mask"))
    assert days == {
        "sunday-serenity": 1 << 0,
        "sunday-serenity-2": 1 << 2,
        "keep-coming-back-4": 1 << 4,
        "step-3": 1 << 3,
        "step": 1 << 1,
    }
    assert import_feed(feed, source="intergroup").unchanged == 5


def test_a_bad_row_of_another_day_is_reported_with_its_row_and_the_meeting_kept(db):
    feed = [GOOD, {**GOOD, "slug": "sunday-serenity--3", "day": 3, "time": "evening"}]
    report = import_feed(feed, source="intergroup")
    assert report.created == 1
    assert report.rejected == [(2, "sunday-serenity--3", "time 'evening' is not a time like 18:30")]
    assert Meeting.objects.get().days == [0]


def test_a_meeting_whose_slug_appears_twice_is_rejected_with_its_other_days(db):
    feed = [GOOD, {**GOOD, "name": "Again"}, {**GOOD, "slug": "sunday-serenity--3", "day": 3}]
    report = import_feed(feed, source="intergroup")
    assert report.created == 1
    assert report.rejected == [(2, "sunday-serenity", "the same slug appears earlier in the feed")]
    assert Meeting.objects.get().days == [0, 3]  # the first one's other day


# --- By appointment, type codes in any case ------------------------------------------------------


BY_APPOINTMENT = {
    "name": "Sponsorship by Appointment",
    "slug": "by-appointment",
    "time": "10:00",  # a time without a day means nothing to a finder: not kept
    "address": "4953 W Addison St",
    "city": "Chicago",
    "state": "IL",
    "postal_code": "60641",
    "latitude": 41.9453,
    "longitude": -87.7474,
    "timezone": "America/Chicago",
    "types": ["O"],
}


def test_a_meeting_without_a_day_is_kept_as_by_appointment(client, db):
    """The spec: a meeting without `day` is "by appointment" (TSML UI lists them at the end).
    It used to be rejected ("no day"); now it is kept, listed under "By appointment", never at
    a time."""
    report = import_feed([BY_APPOINTMENT, GOOD], source="intergroup")
    assert (report.created, report.rejected) == (2, [])
    meeting = Meeting.objects.get(slug="by-appointment")
    assert (meeting.days_mask, meeting.days, meeting.end_time) == (0, [], None)
    assert meeting.next_start(datetime.now(UTC)) is None
    # The finder lists it apart, under "By appointment", after the meetings with a time.
    page = client.get(reverse("meetings-finder"), {"zip": "60641", "km": "10"}).content.decode()
    timed, _, apart = page.partition('<h2 id="appointment-heading">By appointment</h2>')
    assert "Sunday Serenity" in timed and "Sponsorship by Appointment" not in timed
    assert "Sponsorship by Appointment" in apart and "contact the group to arrange one" in apart
    # Asked for a day or a time of day, it is not offered: it has neither.
    tuesday = client.get(reverse("meetings-finder"), {"zip": "60641", "km": "10", "day": "2"})
    assert "Sponsorship by Appointment" not in tuesday.content.decode()
    # Too far away, it is not offered either.
    far = client.get(reverse("meetings-finder"), {"lat": "40.71", "lon": "-74.0", "km": "25"})
    assert "Sponsorship by Appointment" not in far.content.decode()
    # Its page and its calendar still answer.
    assert client.get(reverse("meetings-detail", args=["by-appointment"])).status_code == 200
    calendar = client.get(reverse("meetings-detail-ics", args=["by-appointment"]))
    assert Calendar.from_ical(calendar.content).walk("VEVENT") == []
    # It is published as the spec says: neither day nor time.
    [published] = [m for m in client.get("/meetings.json").json() if m["slug"] == "by-appointment"]
    assert "day" not in published and "time" not in published
    assert import_feed([published, GOOD], source="intergroup").created == 0


def test_type_codes_in_any_case_are_the_standard_codes(db):
    row = {**GOOD, "types": ["o", "d", "Lgbtq", "12X12", "xyz"]}
    report = import_feed([row], source="intergroup")
    meeting = Meeting.objects.get()
    assert meeting.type_codes == ["O", "D", "LGBTQ", "12x12"]
    assert report.unknown_types == {"xyz": 1}


def test_a_type_code_typed_in_any_case_in_the_finder_finds_its_meetings(client, db):
    import_feed([{**GOOD, "types": ["O", "12x12"]}], source="intergroup")
    for typed in ["12X12", "12x12", " 12x12 "]:
        page = client.get(reverse("meetings-finder"), {"zip": "60641", "type": typed})
        assert "Sunday Serenity" in page.content.decode(), typed


# --- At scale -----------------------------------------------------------------------------------


def test_a_first_import_asks_the_database_a_few_times_not_a_few_times_a_row(
    db, django_assert_max_num_queries
):
    """100,000 new meetings with new places took 91 s: two or three queries a row."""
    feed = [
        {
            **GOOD,
            "slug": f"meeting-{n}",
            "address": f"{n} W Addison St",
            "group": f"Group {n}",
            "day": [n % 7, (n + 3) % 7],
        }
        for n in range(300)
    ]
    with django_assert_max_num_queries(25):
        report = import_feed(feed, source="intergroup")
    assert report.created == 300
    assert Meeting.objects.filter(location__address="299 W Addison St").get().days == [1, 5]
    with django_assert_max_num_queries(25):
        changed = import_feed([{**row, "time": "18:30"} for row in feed], source="intergroup")
    assert changed.updated == 300
    assert not Meeting.objects.exclude(start_time=dt_time(18, 30)).exists()


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + json.dumps([GOOD]).encode(),  # a byte-order mark, as some tools write
        json.dumps({"meetings": [GOOD]}).encode(),  # wrapped in an object
        json.dumps([GOOD], indent=2).encode("utf-16"),
    ],
)
def test_a_feed_file_is_read_whatever_its_wrapping(db, content):
    report = import_feed(read_feed(content), source="file")
    assert report.created == 1
    assert import_feed(read_feed(content), source="file").unchanged == 1


@pytest.mark.parametrize("text", ["[{}] x", "[{}, ]", "[{} {}]", "[", ' [ {"a": 1}'])
def test_a_broken_array_is_refused_as_a_whole(text):
    with pytest.raises(Refused, match="not a JSON feed"):
        read_feed(text)
