"""One message: support reactions, reports, hiding, the chair's private word with the author,
blocks; bad input keeps what was typed; personal data; the page in Spanish."""

from django.urls import reverse

from lantern.accounts import services as accounts
from lantern.chat import services
from lantern.chat.models import Message, Reaction, Report, Room
from lantern.community.services import conversations


def say(client, room, body):
    return client.post(reverse("chat-post", args=[room.slug]), {"body": body})


def test_support_reactions_are_counted_and_taken_back(people, signed_in, room):
    message = services.post_message(people.river, room, "Day 94 today.").obj
    sam = signed_in(people.sam)
    url = reverse("chat-react", args=[message.pk])
    assert sam.post(url, {"kind": "strength"}).status_code == 302
    assert Reaction.objects.filter(message=message, kind="strength").count() == 1
    page = sam.get(room.get_absolute_url()).content.decode()
    assert "Sending strength 1" in page
    sam.post(url, {"kind": "strength"})
    assert not Reaction.objects.filter(message=message).exists()
    # Not on one's own words, and not a made-up kind.
    signed_in(people.river).post(url, {"kind": "relate"})
    sam.post(url, {"kind": "like"})
    assert not Reaction.objects.filter(message=message).exists()


def test_a_report_reaches_the_chair_and_the_moderators(people, signed_in, session):
    room = session.room
    message = services.post_message(people.sam, room, "Something unkind").obj
    river = signed_in(people.river)
    page = river.get(reverse("chat-message", args=[message.pk]))
    assert page.status_code == 200 and "Report this message" in page.content.decode()
    response = river.post(reverse("chat-report", args=[message.pk]), {"note": "Unkind to me"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reporter == people.river and report.note == "Unkind to me"
    assert people.jo.notifications.filter(kind="chat.report").exists()
    assert people.morgan.notifications.filter(kind="chat.report").exists()
    assert not people.river.notifications.filter(kind="chat.report").exists()
    # Nobody reports their own words.
    own = services.post_message(people.river, room, "mine").obj
    assert river.post(reverse("chat-report", args=[own.pk])).status_code == 404


def test_a_chair_hides_a_message_and_members_cannot(people, signed_in, session):
    room = session.room
    message = services.post_message(people.sam, room, "Off-topic sales pitch").obj
    assert signed_in(people.river).post(reverse("chat-hide", args=[message.pk])).status_code == 404
    assert signed_in(people.jo).post(reverse("chat-hide", args=[message.pk])).status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.HIDDEN
    page = signed_in(people.river).get(room.get_absolute_url()).content.decode()
    assert "Off-topic sales pitch" not in page
    assert (
        signed_in(people.river).get(reverse("chat-message", args=[message.pk])).status_code == 404
    )


def test_blocked_people_s_words_are_not_shown(people, signed_in, room):
    conversations.block(people.river, people.sam)
    services.post_message(people.sam, room, "from sam")
    services.post_message(people.jo, room, "from jo")
    page = signed_in(people.river).get(room.get_absolute_url()).content.decode()
    assert "from jo" in page and "from sam" not in page


def test_an_empty_or_too_long_message_shows_the_form_again_with_what_to_fix(
    people, signed_in, room
):
    river = signed_in(people.river)
    response = say(river, room, "   ")
    assert response.status_code == 400
    assert "errors" in response.content.decode()
    long = "word " * 500
    response = say(river, room, long)
    assert response.status_code == 400
    text = response.content.decode()
    assert "at most" in text or "Ensure this value has at most" in text
    assert "word word word" in text  # nothing lost
    assert not Message.objects.filter(kind=Message.Kind.TEXT).exists()


def test_the_rate_limit_keeps_the_words_and_answers_429(people, signed_in, room, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "chat": "2/m"}
    river = signed_in(people.river)
    assert say(river, room, "one").status_code == 302
    assert say(river, room, "two").status_code == 302
    response = say(river, room, "three, too fast")
    assert response.status_code == 429
    assert "three, too fast" in response.content.decode()
    assert Message.objects.filter(author=people.river).count() == 2


def test_export_and_erasure(people, room):
    services.post_message(people.river, room, "Kept until I leave")
    exported = accounts.export_data(people.river)["chat"]
    assert exported["messages"][0]["text"] == "Kept until I leave"
    assert exported["rooms"] == ["Late-night room"]
    accounts.erase_account(people.river)
    assert not Message.objects.filter(body="Kept until I leave").exists()


def test_the_rooms_list_and_the_room_in_spanish(people, signed_in, room):
    river = signed_in(people.river)
    river.post(reverse("core-language"), {"language": "es"})
    page = river.get(reverse("chat-rooms"))
    assert page.status_code == 200
    assert 'lang="es"' in page.content.decode()
    page = river.get(room.get_absolute_url())
    assert page.status_code == 200 and 'lang="es"' in page.content.decode()


def test_site_moderators_make_rooms_and_change_their_settings(people, signed_in, space, meeting):
    morgan = signed_in(people.morgan)
    assert signed_in(people.river).get(reverse("chat-room-new")).status_code == 404
    response = morgan.post(
        reverse("chat-room-new"),
        {
            "name": "Thursday step study",
            "slug": "step-study",
            "meeting": meeting.slug,
            "entry": "members",
            "history": "clear",
            "hide_handles": "on",
        },
    )
    assert response.status_code == 302
    room = Room.objects.get(slug="step-study")
    assert room.meeting == meeting and room.hide_handles
    assert services.meeting_room_urls([meeting.pk]) == {meeting.pk: room.get_absolute_url()}
    # A second room for the same meeting, a taken address, a bad group: the form again.
    response = morgan.post(
        reverse("chat-room-new"),
        {"name": "Again", "slug": "step-study", "entry": "members", "history": "keep"},
    )
    assert response.status_code == 400 and "Another room has this address." in (
        response.content.decode()
    )
    response = morgan.post(
        reverse("chat-room-new"),
        {"name": "Nope", "slug": "nope", "space": "no-such", "entry": "members", "history": "keep"},
    )
    assert response.status_code == 400
    url = reverse("chat-room-settings", args=[room.slug])
    assert signed_in(people.river).get(url).status_code == 404
    response = morgan.post(
        url, {"description": "Open to all", "entry": "members", "history": "keep"}
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.history == "keep" and not room.hide_handles and room.description == "Open to all"


def test_a_space_room_for_its_members_only(people, signed_in, space):
    room = services.create_room(
        people.jo, "Members' room", "members-room", space=space, entry=Room.Entry.SPACE
    )
    assert signed_in(people.river).get(room.get_absolute_url()).status_code == 200
    assert signed_in(people.casey).get(room.get_absolute_url()).status_code == 404
