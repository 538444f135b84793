"""The chair's controls, each through the page a chair uses without JavaScript: open and close
the meeting, pin the format, the share queue and the floor, slow mode, mute, remove, co-chairs."""

from django.urls import reverse

from lantern.chat import access, services
from lantern.chat.models import Hand, Message, Room

URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


def post(client, name, room, **data):
    return client.post(reverse(name, args=[room.slug]), data)


def say(client, room, body):
    return client.post(reverse("chat-post", args=[room.slug]), {"body": body})


def test_a_host_opens_the_meeting_and_members_cannot(people, signed_in, meeting_room):
    river = signed_in(people.river)
    assert post(river, "chat-open", meeting_room).status_code == 404
    assert access.open_session(meeting_room) is None
    jo = signed_in(people.jo)
    page = jo.get(meeting_room.get_absolute_url())
    assert "Open the meeting" in page.content.decode()
    response = post(jo, "chat-open", meeting_room, pinned="We share one at a time.")
    assert response.status_code == 302
    session = access.open_session(meeting_room)
    assert session.chair == people.jo
    page = river.get(meeting_room.get_absolute_url()).content.decode()
    assert "We share one at a time." in page
    assert "The chair opened the meeting. Welcome." in page
    assert "Chair&#x27;s controls" not in page and "Chair's controls" not in page


def test_nobody_posts_in_a_meeting_room_before_it_opens(people, signed_in, meeting_room):
    river = signed_in(people.river)
    page = river.get(meeting_room.get_absolute_url()).content.decode()
    assert "The meeting has not started yet." in page
    response = say(river, meeting_room, "hello?")
    assert response.status_code == 400
    assert not Message.objects.filter(kind=Message.Kind.TEXT).exists()


def test_a_second_session_cannot_open(people, signed_in, session):
    response = post(signed_in(people.morgan), "chat-open", session.room)
    assert response.status_code == 302
    assert session.room.sessions.count() == 1


def test_the_chair_pins_the_format(people, signed_in, session):
    jo = signed_in(people.jo)
    post(jo, "chat-pin", session.room, pinned="Tonight's reading: Just for Today.")
    page = signed_in(people.sam).get(session.room.get_absolute_url()).content.decode()
    assert "Tonight&#x27;s reading: Just for Today." in page
    assert "The chair pinned the format and readings." in page
    assert post(signed_in(people.river), "chat-pin", session.room, pinned="x").status_code == 404


def test_share_queue_floor_and_taking_it_back(people, signed_in, session):
    room = session.room
    jo, river, sam = signed_in(people.jo), signed_in(people.river), signed_in(people.sam)
    post(jo, "chat-queue", room, on="1")
    # Only the floor and the chairs post while the queue is on.
    response = say(sam, room, "Can I say something?")
    assert response.status_code == 400
    assert "raise your hand" in response.content.decode()
    assert say(jo, room, "Who would like to share?").status_code == 302
    post(river, "chat-hand", room, up="1")
    post(sam, "chat-hand", room, up="1")
    page = jo.get(room.get_absolute_url()).content.decode()
    assert "Waiting to share" in page and "river" in page
    post(jo, "chat-floor", room)  # the next raised hand: river's, the first
    session.refresh_from_db()
    assert session.floor == people.river
    assert say(river, room, "I'm river, grateful to be here. Day 94.").status_code == 302
    assert say(sam, room, "me next").status_code == 400
    post(jo, "chat-floor-end", room)
    session.refresh_from_db()
    assert session.floor is None
    assert say(river, room, "one more thing").status_code == 400
    assert Hand.objects.get(person=people.river).status == Hand.Status.DONE
    post(jo, "chat-floor", room)
    session.refresh_from_db()
    assert session.floor == people.sam
    post(jo, "chat-queue", room, on="0")
    assert say(river, room, "thank you sam").status_code == 302
    notices = list(Message.objects.filter(kind=Message.Kind.NOTICE).values_list("body", flat=True))
    assert notices == ["opened", "queue_on", "floor", "floor_ended", "floor", "queue_off"]


def test_the_chair_gives_the_floor_by_name_and_a_member_lowers_a_hand(people, signed_in, session):
    room = session.room
    jo, sam = signed_in(people.jo), signed_in(people.sam)
    services.participant_for(room, people.river)
    post(jo, "chat-floor", room, handle="river")
    session.refresh_from_db()
    assert session.floor == people.river
    post(sam, "chat-hand", room, up="1")
    post(sam, "chat-hand", room, up="0")
    assert not Hand.objects.filter(person=people.sam).waiting().exists()
    response = post(jo, "chat-floor", room)  # river is done; nobody is waiting
    assert response.status_code == 302
    assert "Nobody is waiting to share." in jo.get(room.get_absolute_url()).content.decode()


def test_slow_mode_spaces_out_members_but_not_the_chair(people, signed_in, session):
    room = session.room
    jo, sam = signed_in(people.jo), signed_in(people.sam)
    post(jo, "chat-slow", room, seconds="30")
    session.refresh_from_db()
    assert session.slow_seconds == 30
    assert say(sam, room, "first").status_code == 302
    response = say(sam, room, "second")
    assert response.status_code == 400
    assert "Slow mode is on" in response.content.decode()
    assert "second" in response.content.decode()  # the form keeps what was typed
    assert say(jo, room, "chair one").status_code == 302
    assert say(jo, room, "chair two").status_code == 302
    post(jo, "chat-slow", room, seconds="7")  # not offered
    session.refresh_from_db()
    assert session.slow_seconds == 30
    post(jo, "chat-slow", room, seconds="0")
    assert say(sam, room, "second").status_code == 302


def test_the_chair_mutes_and_unmutes(people, signed_in, session):
    room = session.room
    jo, sam = signed_in(people.jo), signed_in(people.sam)
    assert say(sam, room, "hi").status_code == 302
    post(jo, "chat-mute", room, handle="sam", reason="Please let others share")
    response = say(sam, room, "hey")
    assert response.status_code == 400
    assert "muted you" in response.content.decode()
    assert sam.get(room.get_absolute_url()).status_code == 200  # still reads along
    assert post(sam, "chat-hand", room, up="1").status_code == 302
    assert not Hand.objects.filter(person=people.sam).exists()
    post(jo, "chat-unmute", room, handle="sam")
    assert say(sam, room, "thanks").status_code == 302


def test_the_chair_cannot_mute_a_chair_or_moderator(people, signed_in, session):
    jo = signed_in(people.jo)
    services.participant_for(session.room, people.morgan)
    post(jo, "chat-mute", session.room, handle="morgan")
    assert not session.restrictions.exists()


def test_a_removed_person_is_out_until_the_meeting_ends(people, signed_in, session):
    room = session.room
    jo, sam = signed_in(people.jo), signed_in(people.sam)
    say(sam, room, "hi")
    post(jo, "chat-remove", room, handle="sam")
    assert sam.get(room.get_absolute_url()).status_code == 404
    assert say(sam, room, "let me back").status_code == 404
    assert room.slug not in [r.slug for r, _s in access.rooms_for(people.sam)]
    post(jo, "chat-close", room)
    assert sam.get(room.get_absolute_url()).status_code == 200


def test_hidden_handles_show_numbers_to_members_and_handles_to_chairs(people, signed_in, session):
    room = session.room
    room.hide_handles = True
    room.save()
    river, sam, jo = signed_in(people.river), signed_in(people.sam), signed_in(people.jo)
    say(river, room, "Hello from river")
    page = sam.get(room.get_absolute_url()).content.decode()
    assert "Participant " in page and "<strong>river</strong>" not in page
    assert "<strong>river</strong>" in river.get(room.get_absolute_url()).content.decode()
    assert "<strong>river</strong>" in jo.get(room.get_absolute_url()).content.decode()
    number = services.participant_for(room, people.river).number
    post(jo, "chat-mute", room, handle=f"#{number}")
    assert say(river, room, "again").status_code == 400


def test_co_chairs_get_the_controls(people, signed_in, session):
    room = session.room
    jo, river = signed_in(people.jo), signed_in(people.river)
    assert post(river, "chat-queue", room, on="1").status_code == 404
    services.participant_for(room, people.river)
    post(jo, "chat-co-chair", room, handle="river")
    assert access.can_run_session(people.river, session)
    assert "Chair's controls" in river.get(room.get_absolute_url()).content.decode()
    assert post(river, "chat-queue", room, on="1").status_code == 302
    session.refresh_from_db()
    assert session.queue_on


def test_closing_clears_a_room_that_promises_it(people, signed_in, session):
    room = session.room
    room.history = Room.History.CLEAR
    room.save()
    say(signed_in(people.river), room, "What is said here stays here")
    post(signed_in(people.jo), "chat-close", room)
    assert access.open_session(room) is None
    assert list(room.messages.values_list("body", flat=True)) == ["cleared"]
    page = signed_in(people.river).get(room.get_absolute_url()).content.decode()
    assert "stays here" in page and "What is said here stays here" not in page


def test_closing_keeps_history_by_default(people, signed_in, session):
    room = session.room
    say(signed_in(people.river), room, "kept for next week")
    assert post(signed_in(people.river), "chat-close", room).status_code == 404
    post(signed_in(people.jo), "chat-close", room)
    assert room.messages.filter(body="kept for next week").exists()
    assert room.messages.last().body == "closed"


def test_sequence_numbers_are_per_room_and_never_reused(people, signed_in, session, room):
    river = signed_in(people.river)
    say(river, room, "one")
    say(river, session.room, "two")
    say(river, room, "three")
    assert list(room.messages.values_list("seq", flat=True)) == [1, 2]
    assert list(session.room.messages.values_list("seq", flat=True)) == [1, 2]


def test_urgent_words_alert_the_chair_and_show_the_author_crisis_lines(people, signed_in, session):
    room = session.room
    river = signed_in(people.river)
    response = say(river, room, URGENT)
    assert response.status_code == 302
    page = river.get(room.get_absolute_url()).content.decode()
    assert "crisis-lines" in page
    assert people.jo.notifications.filter(kind="chat.urgent").exists()
    message = room.messages.get(author=people.river)
    # The chair opens a private conversation with the author from the message.
    response = signed_in(people.jo).post(reverse("chat-side", args=[message.pk]))
    assert response.status_code == 302
    assert "/messages/" in response["Location"]
    assert signed_in(people.sam).post(reverse("chat-side", args=[message.pk])).status_code == 404


def test_clearing_keeps_reported_words_out_of_sight(people, signed_in, session):
    room = session.room
    room.history = Room.History.CLEAR
    room.save()
    reported = services.post_message(people.sam, room, "Something cruel").obj
    services.post_message(people.river, room, "Something kind")
    services.report_message(people.river, reported, "cruel")
    post(signed_in(people.jo), "chat-close", room)
    assert not room.messages.filter(body="Something kind").exists()
    reported.refresh_from_db()
    assert reported.status == Message.Status.HIDDEN
    page = signed_in(people.river).get(room.get_absolute_url()).content.decode()
    assert "Something cruel" not in page
    assert (
        signed_in(people.morgan).get(reverse("chat-message", args=[reported.pk])).status_code == 200
    )
