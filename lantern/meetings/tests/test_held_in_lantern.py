"""A meeting can also be held in a Lantern room (the chat app registers which): its page says
"Join in Lantern" instead of sending people elsewhere, and once marked as held here it is an
online meeting in the finder and the feed, so people searching near or far find it tonight."""

import pytest
from django.urls import reverse

from lantern.meetings import extensions
from lantern.meetings.models import Meeting
from lantern.meetings.services import import_feed, mark_held_in_lantern
from lantern.meetings.tests.test_import import GOOD


@pytest.fixture
def room_for_sunday():
    """A stand-in for chat: Sunday Serenity is held in a room."""

    def rooms(ids):
        return {
            pk: "/rooms/sunday/"
            for pk in ids
            if Meeting.objects.filter(pk=pk, slug=GOOD["slug"]).exists()
        }

    extensions.held_in("stand-in", rooms)
    yield
    extensions._rooms.pop("stand-in")


def test_the_meeting_page_offers_to_join_in_lantern(client, db, room_for_sunday):
    import_feed([GOOD], source="intergroup")
    page = client.get(reverse("meetings-detail", args=[GOOD["slug"]])).content.decode()
    assert '<a class="button primary" href="/rooms/sunday/">Join in Lantern</a>' in page


def test_a_meeting_without_a_room_has_no_such_button(client, db, room_for_sunday):
    import_feed([{**GOOD, "slug": "elsewhere", "name": "Elsewhere"}], source="intergroup")
    page = client.get(reverse("meetings-detail", args=["elsewhere"])).content.decode()
    assert "Join in Lantern" not in page


def test_held_in_lantern_it_is_online_in_the_finder_and_the_feed(client, db, room_for_sunday):
    import_feed([GOOD], source="intergroup")
    meeting = Meeting.objects.get(slug=GOOD["slug"])
    mark_held_in_lantern(meeting, "https://lantern.example/rooms/sunday/")

    meeting.refresh_from_db()
    assert meeting.mode == Meeting.Mode.HYBRID  # it still has its hall
    online = client.get(reverse("meetings-finder"), {"mode": "hybrid"}).content.decode()
    assert "Sunday Serenity" in online
    [row] = [m for m in client.get("/meetings.json").json() if m["slug"] == GOOD["slug"]]
    assert row["conference_url"] == "https://lantern.example/rooms/sunday/"
    page = client.get(reverse("meetings-detail", args=[GOOD["slug"]])).content.decode()
    assert page.count("/rooms/sunday/") == 1  # one button to the room, not two
    import_feed([GOOD], source="intergroup")  # the unchanged feed keeps it
    assert Meeting.objects.get(slug=GOOD["slug"]).mode == Meeting.Mode.HYBRID


def test_an_online_only_meeting_held_here_keeps_its_own_link(db):
    import_feed(
        [
            {
                **GOOD,
                "slug": "zoom-night",
                "conference_url": "https://zoom.us/j/1",
                "address": "",
                "city": "",
                "state": "",
                "postal_code": "",
                "latitude": None,
                "longitude": None,
                "location": "",
            }
        ],
        source="intergroup",
    )
    meeting = Meeting.objects.get(slug="zoom-night")
    mark_held_in_lantern(meeting, "https://lantern.example/rooms/zoom/")
    meeting.refresh_from_db()
    assert (meeting.mode, meeting.conference_url) == (Meeting.Mode.ONLINE, "https://zoom.us/j/1")
