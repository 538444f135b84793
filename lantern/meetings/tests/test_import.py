"""Importing Meeting Guide feeds: real feeds are messy. Every row that cannot be a meeting is
reported with its reason; the rest are kept; importing the same feed again changes nothing."""

import json
import os
import subprocess
import sys

import pytest

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
    {"name": "No Day", "slug": "no-day", "time": "18:00", "address": "1 A St", "city": "X"},
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
        4: "no day (meetings by appointment are not listed)",
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
