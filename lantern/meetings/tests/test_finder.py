import datetime
from zoneinfo import ZoneInfo

import time_machine

from lantern.meetings.models import Meeting
from lantern.meetings.services import import_feed

CHICAGO = ZoneInfo("America/Chicago")


def feed():
    base = {"city": "Chicago", "state": "IL", "timezone": "America/Chicago", "types": ["O"]}
    return [
        # Near ZIP 60641 (Portage Park), Tuesdays 19:00 and 07:00.
        {
            **base,
            "name": "Tuesday Night Hope",
            "slug": "tue-night",
            "day": 2,
            "time": "19:00",
            "address": "4953 W Addison St",
            "postal_code": "60641",
            "latitude": 41.9453,
            "longitude": -87.7474,
        },
        {
            **base,
            "name": "Early Birds",
            "slug": "early-birds",
            "day": 2,
            "time": "07:00",
            "address": "4900 W Irving Park Rd",
            "postal_code": "60641",
            "latitude": 41.9533,
            "longitude": -87.7480,
        },
        # Far away (Denver), also Tuesday evening.
        {
            **base,
            "name": "Mile High",
            "slug": "mile-high",
            "day": 2,
            "time": "19:00",
            "city": "Denver",
            "state": "CO",
            "address": "1 Broadway",
            "postal_code": "80202",
            "latitude": 39.7525,
            "longitude": -104.9995,
            "timezone": "America/Denver",
        },
        # Online, Spanish, women.
        {
            "name": "Mujeres en Línea",
            "slug": "mujeres",
            "day": [2, 4],
            "time": "20:00",
            "conference_url": "https://zoom.us/j/1",
            "types": ["W", "S"],
            "timezone": "America/Chicago",
            "formatted_address": "Chicago, IL, USA",
        },
    ]


TUESDAY_6PM = datetime.datetime(2026, 11, 24, 18, 0, tzinfo=CHICAGO)


def test_a_visitor_finds_meetings_tonight_within_10_km_of_a_zip_code(client, db):
    import_feed(feed(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = client.get(
            "/meetings/", {"zip": "60641", "km": "10", "time": "soon"}
        ).content.decode()
    assert "Tuesday Night Hope" in html
    assert "Early Birds" not in html  # this morning's, and next week's is not soon
    assert "Mile High" not in html  # too far
    assert "near Chicago, IL" in html
    assert "Tue 7:00 PM CST" in html  # a visitor sees the meeting's own local time, labelled


def test_results_come_soonest_first_with_distance(client, db):
    import_feed(feed(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = client.get("/meetings/", {"zip": "60641", "km": "25"}).content.decode()
    assert html.index("Tuesday Night Hope") < html.index("Early Birds")
    assert " km" in html


def test_filters_by_mode_type_and_language(client, db):
    import_feed(feed(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = client.get(
            "/meetings/", {"mode": "online", "type": "w", "language": "es"}
        ).content.decode()
    assert "Mujeres en Línea" in html and "Tuesday Night Hope" not in html


def test_a_day_filter_shows_the_meeting_on_that_day(client, db):
    """Mujeres meets Tuesdays and Thursdays: asked for Thursday, it shows Thursday's."""
    import_feed(feed(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = client.get("/meetings/", {"mode": "online", "day": "4"}).content.decode()
    assert "Thu 8:00 PM CST" in html and "Tue 8:00 PM" not in html


def test_a_bad_zip_code_gets_a_clear_message(client, db):
    response = client.get("/meetings/", {"zip": "6064"})
    assert "Type a 5-digit US ZIP code." in response.content.decode()
    response = client.get("/meetings/", {"zip": "00000"})
    assert "We don&#x27;t know the ZIP code 00000." in response.content.decode()


def test_next_start_is_right_across_a_daylight_saving_change(db):
    import_feed(feed(), source="t")
    meeting = Meeting.objects.get(slug="tue-night")
    # Saturday before DST ends (2026-11-01): the next Tuesday 19:00 is in standard time.
    saturday = datetime.datetime(2026, 10, 31, 12, 0, tzinfo=CHICAGO)
    starts = meeting.next_start(saturday)
    assert starts == datetime.datetime(2026, 11, 3, 19, 0, tzinfo=CHICAGO)
    assert starts.utcoffset() == datetime.timedelta(hours=-6)
    assert starts.astimezone(datetime.UTC).hour == 1  # 01:00 UTC, not 00:00
    # A meeting under way still counts as starting now.
    during = datetime.datetime(2026, 11, 3, 19, 30, tzinfo=CHICAGO)
    assert meeting.next_start(during) == starts


def test_a_viewer_in_another_zone_sees_their_own_time(client, db, people, signed_in):
    import_feed(feed(), source="t")
    people.river.time_zone = "America/New_York"
    people.river.save()
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = signed_in(people.river).get("/meetings/", {"zip": "60641"}).content.decode()
    # 19:00 in Chicago is 20:00 in New York.
    assert 'datetime="2026-11-24T20:00:00-05:00"' in html


def test_the_meeting_page_has_directions_join_and_calendar_links(client, db):
    import_feed(feed(), source="t")
    html = client.get("/meetings/tue-night/").content.decode()
    assert "https://www.openstreetmap.org/?mlat=41.9453&amp;mlon=-87.7474" in html
    assert 'href="geo:41.9453,-87.7474"' in html
    assert 'href="/meetings/tue-night.ics"' in html
    online = client.get("/meetings/mujeres/").content.decode()
    assert 'href="https://zoom.us/j/1"' in online and "geo:" not in online
    assert client.get("/meetings/no-such-meeting/").status_code == 404


def test_the_api_finds_meetings_with_the_finders_filters(client, db):
    import_feed(feed(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        data = client.get("/api/v1/meetings", {"zip": "60641", "km": 10}).json()
    # The two meetings near the ZIP code, and the online one (online meetings are in every
    # search unless the person filters them out), which has no distance.
    assert data["count"] == 3
    assert [i["distance_km"] is None for i in data["items"]].count(True) == 1
    first = data["items"][0]
    assert first["slug"] == "tue-night" and first["time"] == "19:00"
    assert first["next_start"].startswith("2026-11-24T19:00:00-06:00")
    assert first["distance_km"] == 0.0


def test_the_api_answers_bad_input_with_400_and_a_message(client, db):
    response = client.get("/api/v1/meetings", {"zip": "123"})
    assert response.status_code == 400
    assert "Type a 5-digit US ZIP code." in response.json()["detail"]
    response = client.get("/api/v1/meetings", {"day": "9"})
    assert response.status_code == 400 and "day" in response.json()["detail"]
    response = client.get("/api/v1/meetings", {"km": "lots"})
    assert response.status_code in (400, 422)


def test_the_api_is_in_the_openapi_document(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/meetings" in schema["paths"]
