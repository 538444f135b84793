"""Input the fuzzer of issue 12 sent to the meetings: a deeply nested JSON file on the
administrators' import page (a RecursionError, so a 500), NUL characters inside a feed (PostgreSQL
refuses them), `?km=0` that the OpenAPI document said was fine, a page number no database holds."""

import json
from datetime import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantern.meetings.models import Meeting
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_import import GOOD


def upload(client, content: bytes):
    return client.post(
        reverse("meetings-import"), {"feed": SimpleUploadedFile("intergroup.json", content)}
    )


def nested(depth: int, inner="0") -> str:
    return "[" * depth + inner + "]" * depth


def test_a_file_nested_far_too_deeply_is_refused_with_the_reason(people, signed_in):
    response = upload(signed_in(people.alex), nested(100_000).encode())
    assert response.status_code == 200
    assert "its JSON is nested far too deeply" in response.content.decode()
    assert not Meeting.objects.exists()


def test_rows_with_deeply_nested_values_are_rejected_one_by_one(people, signed_in):
    deep = json.loads(nested(400))
    feed = [
        GOOD,
        {**GOOD, "slug": deep, "name": "Nested slug"},
        {**GOOD, "slug": "nested-day", "day": deep},
        {**GOOD, "slug": "nested-regions", "regions": {"a": deep}},
        {**GOOD, "slug": "nested-name", "name": deep},
    ]
    page = upload(signed_in(people.alex), json.dumps(feed).encode()).content.decode()
    assert "2 new, 0 updated, 0 unchanged, 0 taken off the finder, 3 rejected." in page
    assert "no slug" in page and "day is not a number" in page and "no name" in page
    assert set(Meeting.objects.values_list("slug", flat=True)) == {
        "sunday-serenity",
        "nested-regions",
    }


def test_nul_characters_in_a_feed_are_left_out_of_what_is_stored(db):
    feed = [
        {
            **GOOD,
            "name": "Sunday\u0000 Serenity",
            "notes": "Back \u0000door",
            "slug": "sunday\u0000-serenity",
            "time": "18:00\u0000",
        }
    ]
    report = import_feed(feed, source="test")
    assert report.created == 1, report.summary()
    meeting = Meeting.objects.get()
    assert (meeting.slug, meeting.name, meeting.notes) == (
        "sunday-serenity",
        "Sunday Serenity",
        "Back door",
    )
    assert meeting.start_time == time(18, 0)


def test_a_feed_file_larger_than_the_form_limit_still_imports(people, signed_in, settings):
    # 2.5 MB is the limit of form fields and JSON bodies, not of an uploaded file (200 MB here).
    feed = [{**GOOD, "slug": f"meeting-{n}", "notes": "x" * 3000} for n in range(1000)]
    content = json.dumps(feed).encode()
    assert len(content) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    page = upload(signed_in(people.alex), content).content.decode()
    assert "1000 new" in page


def test_the_finder_api_documents_the_distances_it_accepts(client, db):
    document = client.get(reverse("api:openapi-json")).json()
    parameters = document["paths"][reverse("api:meetings-api")]["get"]["parameters"]
    km = next(p for p in parameters if p["name"] == "km")
    assert km["schema"]["anyOf"][0] == {"type": "integer", "enum": [2, 5, 10, 25, 50]}
    day = next(p for p in parameters if p["name"] == "day")
    assert day["schema"]["items"]["enum"] == [0, 1, 2, 3, 4, 5, 6]


def test_a_distance_the_document_does_not_list_is_refused_with_the_reason(client, db):
    response = client.get(reverse("api:meetings-api"), {"km": "0", "zip": "60641"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("km: Select a valid choice.")


def test_a_page_far_past_the_end_is_an_empty_page(client, db):
    import_feed([GOOD], source="test")
    response = client.get(reverse("api:meetings-api"), {"page": "922337203685477580"})
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 1}


def test_a_nul_in_a_meeting_page_address_gets_400(client, db):
    response = client.get(reverse("meetings-finder"), {"zip": "606\x0041"})
    assert response.status_code == 400
