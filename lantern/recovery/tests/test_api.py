"""/api/v1/recovery: counters and check-ins for the signed-in member, described in OpenAPI."""

import datetime
import json

import time_machine

from lantern.recovery import services
from lantern.recovery.models import CheckIn, Counter

NOW = datetime.datetime(2026, 11, 23, 18, tzinfo=datetime.UTC)


def post(client, path, data, method="post"):
    return getattr(client, method)(
        f"/api/v1/recovery{path}", json.dumps(data), content_type="application/json"
    )


def test_counters_are_created_listed_and_restarted(people, signed_in):
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        response = post(river, "/counters", {"kind": "alcohol", "started_on": "2026-08-25"})
        assert response.status_code == 201
        body = response.json()
        assert body["days"] == 90 and body["milestones_reached"][-1]["key"] == "90d"
        assert body["next_milestone"] == {"key": "6m", "label": "6 months", "on": "2027-02-25"}
        counter_id = body["id"]
        response = post(river, f"/counters/{counter_id}/new-start", {"started_on": "2026-11-20"})
        assert response.status_code == 201 and response.json()["days"] == 3
        assert response.json()["longest_days"] == 87 and response.json()["total_days"] == 90
        listing = river.get("/api/v1/recovery/counters").json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == counter_id
    assert len(listing["items"][0]["runs"]) == 2
    # Nobody else's counters, nor their counter by id.
    sam = signed_in(people.sam)
    assert sam.get("/api/v1/recovery/counters").json()["count"] == 0
    assert sam.get(f"/api/v1/recovery/counters/{counter_id}").status_code == 404
    assert (
        post(sam, f"/counters/{counter_id}/new-start", {"started_on": "2026-11-21"}).status_code
        == 404
    )


def test_bad_input_gets_4xx_with_a_message(people, signed_in):
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        response = post(river, "/counters", {"kind": "alcohol", "started_on": "2026-12-01"})
        assert response.status_code == 400
        assert response.json() == {"detail": "That date is in the future.", "field": "started_on"}
        assert post(river, "/checkins", {"mood": 6, "craving": 0}).json() == {
            "detail": "Mood goes from 1 to 5.",
            "field": "mood",
        }
        assert post(river, "/checkins", {"mood": 3, "craving": 11}).json() == {
            "detail": "Craving goes from 0 to 10.",
            "field": "craving",
        }
        future = post(river, "/checkins", {"mood": 3, "craving": 1, "day": "2026-11-24"})
        assert (
            future.status_code == 400 and future.json()["detail"] == "That date is in the future."
        )
        assert post(river, "/checkins", {"mood": "happy", "craving": 1}).status_code == 422
        assert post(river, "/checkins", {"mood": 3, "craving": 1}).status_code == 201
        second = post(river, "/checkins", {"mood": 3, "craving": 1})
        assert second.status_code == 400
        assert "already checked in today" in second.json()["detail"]
        changed = post(river, "/checkins/2026-11-23", {"mood": 5, "craving": 0}, method="put")
        assert changed.status_code == 200 and changed.json()["checkin"]["mood"] == 5
    assert Counter.objects.count() == 0 and CheckIn.objects.get().mood == 5


def test_check_ins_are_paginated_newest_first(people, signed_in):
    for days_ago in range(35):
        with time_machine.travel(NOW - datetime.timedelta(days=days_ago), tick=False):
            services.save_checkin(people.river, mood=3, craving=days_ago % 11)
    river = signed_in(people.river)
    first = river.get("/api/v1/recovery/checkins").json()
    assert first["count"] == 35 and len(first["items"]) == 30
    assert first["items"][0]["day"] == "2026-11-23"
    assert len(river.get("/api/v1/recovery/checkins?page=2").json()["items"]) == 5


def test_the_api_needs_a_session_and_is_in_the_openapi_document(client, db):
    assert client.get("/api/v1/recovery/checkins").status_code == 401
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/recovery/counters",
        "/api/v1/recovery/checkins",
        "/api/v1/recovery/counters/{counter_id}/new-start",
        "/api/v1/recovery/checkins/{day}",
    ):
        assert path in paths, path


def test_a_meeting_id_too_big_for_the_database_is_ignored_not_an_error(people, signed_in):
    with time_machine.travel(NOW, tick=False):
        river = signed_in(people.river)
        response = post(river, "/checkins", {"mood": 3, "craving": 1, "meeting_ids": [10**30]})
        assert response.status_code in (201, 400, 422), response.content
        assert response.status_code != 201 or CheckIn.objects.get().meetings.count() == 0
