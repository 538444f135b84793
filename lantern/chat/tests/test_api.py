"""/api/v1/chat: rooms, messages after a number, posting with the page's rules."""

import json

from django.urls import reverse

from lantern.chat import services


def test_rooms_and_messages_since_a_number(people, signed_in, room, session):
    for n in range(3):
        services.post_message(people.sam, room, f"message {n}")
    river = signed_in(people.river)
    rooms = river.get(reverse("api:chat-api-rooms")).json()
    assert {r["slug"]: r["open"] for r in rooms} == {"late-night": False, "late-night-online": True}
    url = reverse("api:chat-api-messages", args=[room.slug])
    everything = river.get(url).json()
    assert [m["seq"] for m in everything] == [1, 2, 3]
    after = river.get(url, {"since": 2}).json()
    assert [(m["seq"], m["body"], m["author"]) for m in after] == [(3, "message 2", "sam")]
    assert river.get(url, {"since": -1}).status_code in (400, 422)


def test_posting_answers_201_or_a_refusal_with_its_message(people, signed_in, session):
    room = session.room
    url = reverse("api:chat-api-post", args=[room.slug])
    river = signed_in(people.river)
    response = river.post(url, json.dumps({"body": "Hello"}), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["message"]["seq"] == 2 and body["message"]["author"] == "river"
    assert body["held"] is False
    services.set_queue(people.jo, session, True)
    response = river.post(url, json.dumps({"body": "again"}), content_type="application/json")
    assert response.status_code == 400
    assert "raise your hand" in response.json()["detail"]
    sam_url = reverse("api:chat-api-messages", args=["late-night-online"])
    assert signed_in(people.casey).get(sam_url).status_code == 200  # any member may enter
