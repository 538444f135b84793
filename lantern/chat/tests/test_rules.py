"""The rules behind the pages and the socket, told as stories: who enters which room, what the
shared state says to each viewer, notices in the reader's words, one person's several sockets,
and sign-out of one session leaving the person's other sessions alone."""

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lantern.chat import access, services
from lantern.chat.models import Message, Participant, Room
from lantern.community.models import Membership, Space
from lantern.community.services import moderation
from lantern.conftest import log_in
from lantern.core.errors import NotFound, Refused

from .sockets import connect, enter, run


def test_entry_rules(people, space):
    open_room = services.create_room(people.morgan, "Open", "open-room")
    members = services.create_room(
        people.morgan, "Members", "members", space=space, entry=Room.Entry.SPACE
    )
    invited = services.create_room(
        people.morgan, "Invited", "invited", space=space, entry=Room.Entry.INVITED
    )
    services.invite(people.morgan, invited, people.sam)
    assert access.can_enter_room(people.casey, open_room)
    assert access.can_enter_room(people.river, members)
    assert not access.can_enter_room(people.casey, members)
    assert access.can_enter_room(people.sam, invited)
    assert not access.can_enter_room(people.river, invited)
    assert access.can_enter_room(people.jo, invited)  # the group's peer moderator
    assert access.can_enter_room(people.alex, invited)  # site moderators keep rooms safe
    listed = {room.slug for room, _s in access.rooms_for(people.river)}
    assert listed == {"open-room", "members"}


def test_a_room_of_a_private_group_is_for_its_members(people):
    private = Space.objects.create(
        slug="circle", name="Circle", description="By invitation", kind=Space.Kind.PRIVATE
    )
    Membership.objects.create(space=private, person=people.river)
    room = services.create_room(people.morgan, "Circle room", "circle-room", space=private)
    assert access.can_enter_room(people.river, room)
    assert not access.can_enter_room(people.sam, room)
    with pytest.raises(NotFound):
        access.get_room_for(people.sam, room.slug)


def test_a_banned_person_enters_no_room(people, room):
    moderation.ban(people.morgan, people.sam, "Harassment")
    assert not access.can_enter_room(people.sam, room)
    assert access.rooms_for(people.sam) == []


def test_only_site_moderators_make_meeting_rooms_and_peer_moderators_their_group_s(
    people, space, meeting
):
    with pytest.raises(NotFound):
        services.create_room(people.jo, "Meeting", "m-room", meeting=meeting)
    room = services.create_room(people.jo, "Our room", "our-room", space=space)
    assert room.hosts.filter(pk=people.jo.pk).exists()
    with pytest.raises(NotFound):
        services.create_room(people.river, "Mine", "mine", space=space)
    with pytest.raises(Refused):
        services.create_room(people.morgan, "New", "new")  # a word the addresses use
    with pytest.raises(Refused):
        services.create_room(people.morgan, "Bad", "bad address!")
    with pytest.raises(Refused):
        services.create_room(people.morgan, "Loose", "loose", entry=Room.Entry.SPACE)


def test_the_shared_state_is_shaped_for_each_viewer(people, session):
    room = session.room
    room.hide_handles = True
    room.save()
    services.raise_hand(people.river, session)
    services.raise_hand(people.sam, session)
    services.set_queue(people.jo, session, True)
    services.give_floor(people.jo, session)
    shared = services.public_state(room)
    assert shared["floor"]["handle"] == "river"
    assert [p["handle"] for p in shared["queue"]] == ["sam"]
    for_sam = services.shape_state(shared, people.sam.pk, show_handles=False, moderates=False)
    assert for_sam["floor"]["name"].startswith("Participant ")
    assert for_sam["queue"][0]["name"] == "sam"  # one's own handle
    assert for_sam["can_post"] is False and for_sam["hand_raised"] is True
    assert for_sam["can_run"] is False
    for_river = services.shape_state(shared, people.river.pk, show_handles=False, moderates=False)
    assert for_river["can_post"] is True
    for_jo = services.shape_state(shared, people.jo.pk, show_handles=False, moderates=False)
    assert for_jo["can_run"] is True and for_jo["floor"]["name"] == "river"
    for_morgan = services.shape_state(shared, people.morgan.pk, show_handles=True, moderates=True)
    assert for_morgan["can_run"] is True and for_morgan["can_post"] is True


def test_the_exact_state_knows_a_chair_s_mute(people, session):
    services.participant_for(session.room, people.sam)
    services.mute(people.jo, session, people.sam)
    assert services.room_state(people.sam, session.room)["can_post"] is False
    assert services.room_state(people.river, session.room)["can_post"] is True


def test_notices_speak_the_reader_s_language(people, session):
    services.set_slow_mode(people.jo, session, 30)
    notice = Message.objects.filter(kind=Message.Kind.NOTICE, body="slow_on").get()
    assert services.notice_text(notice) == "Slow mode: one message every 30 seconds."
    with translation.override("es"):
        assert services.notice_text(notice)  # worded from the catalogue, never empty
    floor = services.give_floor(people.jo, session, people.river)
    assert floor == people.river
    told = Message.objects.filter(body="floor").get()
    assert services.notice_text(told) == "river has the floor."
    assert services.notice_text(told, show_handles=False).startswith("Participant ")


def test_participants_keep_their_number(people, room):
    first = services.participant_for(room, people.river)
    second = services.participant_for(room, people.sam)
    assert (first.number, second.number) == (1, 2)
    assert services.participant_for(room, people.river).number == 1
    assert Participant.objects.filter(room=room).count() == 2


def test_slow_mode_and_queue_apply_over_the_api_too(people, signed_in, session):
    services.set_slow_mode(people.jo, session, 60)
    url = reverse("api:chat-api-post", args=[session.room.slug])
    sam = signed_in(people.sam)
    assert sam.post(url, {"body": "one"}, content_type="application/json").status_code == 201
    response = sam.post(url, {"body": "two"}, content_type="application/json")
    assert response.status_code == 400 and "Slow mode" in response.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_signing_out_on_one_phone_leaves_the_other_phone_connected(people, room):
    phone_client = log_in(Client(), people.river)
    laptop_client = log_in(Client(), people.river)
    phone_key = phone_client.cookies["sessionid"].value
    laptop_key = laptop_client.cookies["sessionid"].value

    async def scenario():
        phone, accepted, _code = await connect(room, phone_key)
        assert accepted
        laptop, accepted, _code = await connect(room, laptop_key)
        assert accepted
        await phone.until("state")
        await laptop.until("state")
        await run_in_thread(phone_client.post, reverse("account_logout"))
        closed, _before = await phone.until("closed")
        assert closed["reason"] == "signed_out"
        await laptop.send({"type": "ping"})
        await laptop.until("pong")
        await laptop.close()

    run(scenario)


async def run_in_thread(fn, *args):
    return await database_sync_to_async(fn)(*args)


@pytest.mark.django_db(transaction=True)
def test_two_sockets_of_one_person_count_once_in_the_room(people, room):
    async def scenario():
        first = await enter(room, people.river)
        second = await enter(room, people.river)
        here = await run_in_thread(services.present, room)
        assert [p.person_id for p in here] == [people.river.pk]
        await first.close()
        here = await run_in_thread(services.present, room)
        assert [p.person_id for p in here] == [people.river.pk]
        await second.close()
        assert await run_in_thread(services.present, room) == []

    run(scenario)


def test_a_meeting_held_in_a_room_says_join_in_lantern_and_is_online(client, meeting_room):
    meeting = meeting_room.meeting
    meeting.refresh_from_db()
    room = reverse("chat-room", args=[meeting_room.slug])
    assert meeting.mode == "online"  # it has no place
    assert meeting.conference_url.endswith(room)  # the feed's online link is the room
    page = client.get(reverse("meetings-detail", args=[meeting.slug])).content.decode()
    assert f'href="{room}">Join in Lantern</a>' in page
    assert page.count(room) == 1  # not a second "Join online" to the same room
    finder = client.get(reverse("meetings-finder"), {"mode": "online"}).content.decode()
    assert meeting.name in finder
    [row] = [m for m in client.get("/meetings.json").json() if m["slug"] == meeting.slug]
    assert row["conference_url"].endswith(room)
