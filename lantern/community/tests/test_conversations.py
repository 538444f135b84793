"""The one conversation mechanism (services/conversations.py), as another app uses it: a
conversation *about* one of its records, where that app has decided who may talk (so the
newcomers' rule is its own), while blocks, bans, the safety net, reports and erasure apply as
for any private message."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.community import access, services
from lantern.community.models import Conversation, Message, Space
from lantern.core.errors import Refused
from lantern.core.models import Notification, reference
from lantern.safety.models import Alert

URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


@pytest.fixture
def record(db):
    """Stands in for another app's record (a live room, an engagement, a mentorship)."""
    return Space.objects.create(slug="a-room", name="A room", description="Any record")


def test_a_direct_conversation_follows_the_newcomers_rule(people):
    # river and sam are both in their first 30 days: no direct conversation between them.
    with pytest.raises(Refused, match="In your first 30 days"):
        services.open_conversation(people.river, people.sam)
    assert not Conversation.objects.exists()
    conversation = services.open_conversation(people.river, people.jo)  # jo is a supporter
    assert conversation.is_direct and conversation.about == ""
    assert services.open_conversation(people.jo, people.river) == conversation  # one per pair


def test_a_conversation_about_a_record_leaves_the_newcomers_rule_to_the_calling_app(
    people, record, signed_in
):
    conversation = services.open_conversation(people.river, people.sam, about=record)
    assert conversation.about == reference(record) == f"community.space:{record.pk}"
    assert not conversation.is_direct
    saved = services.send_message(people.sam, conversation, "See you in the room later?")
    assert saved.obj.status == Message.Status.SENT and not saved.show_crisis_resources
    told = Notification.objects.get(recipient=people.river, kind="community.message")
    assert told.title == "New message from sam"
    assert told.url == reverse("community-conversation", args=[conversation.pk])
    assert told.about == reference(saved.obj) and told.actor == people.sam
    # Both find it with their private messages, and read it on the same page.
    page = signed_in(people.river).get(told.url).content.decode()
    assert "See you in the room later?" in page and 'name="body"' in page
    assert f'href="{told.url}"' in signed_in(people.river).get("/messages/").content.decode()
    # The direct rule still stands between them, apart from this record.
    with pytest.raises(Refused, match="In your first 30 days"):
        services.open_conversation(people.river, people.sam)


def test_one_conversation_per_record_apart_from_the_direct_one(people, record, spaces):
    direct = services.open_conversation(people.river, people.jo)
    about_room = services.open_conversation(people.jo, people.river, about=record)
    about_other = services.open_conversation(people.river, people.jo, about=spaces["early"])
    assert len({direct.pk, about_room.pk, about_other.pk}) == 3
    assert services.open_conversation(people.river, people.jo, about=record) == about_room
    assert services.conversation_between(people.jo, people.river, about=record) == about_room
    assert services.conversation_between(people.jo, people.river) == direct
    services.send_message(people.river, about_room, "About the room")
    assert [m.body for m in services.messages_for(people.jo, about_room)] == ["About the room"]
    assert list(services.messages_for(people.jo, direct)) == []


def test_blocks_and_bans_apply_to_every_conversation(people, record):
    conversation = services.open_conversation(people.river, people.sam, about=record)
    services.block(people.sam, people.river)
    with pytest.raises(Refused, match="You cannot message this person"):
        services.send_message(people.river, conversation, "hello?")
    with pytest.raises(Refused, match="You cannot message this person"):
        services.open_conversation(people.sam, people.river, about=record)
    services.unblock(people.sam, people.river)
    services.send_message(people.river, conversation, "hello again")
    services.ban(people.morgan, people.river, "threats")
    with pytest.raises(Refused, match="muted or banned"):
        services.send_message(people.river, conversation, "one more")
    assert Message.objects.count() == 1


def test_a_mute_stops_direct_messages_only(people, record):
    # A community mute keeps someone out of the groups' messages, not out of a conversation
    # another app opened for them (their specialist, their mentor).
    direct = services.open_conversation(people.river, people.jo)
    about = services.open_conversation(people.river, people.jo, about=record)
    services.mute(people.morgan, people.river, "cooling off", days=2)
    with pytest.raises(Refused, match="muted or banned"):
        services.send_message(people.river, direct, "hi")
    services.send_message(people.river, about, "hi, about the room")
    assert Message.objects.count() == 1


def test_only_the_two_people_write_in_a_conversation(people, record):
    conversation = services.open_conversation(people.river, people.jo, about=record)
    for outsider in (people.sam, people.morgan):
        with pytest.raises(Refused):
            services.send_message(outsider, conversation, "let me in")
    with pytest.raises(Refused):
        services.open_conversation(people.river, people.river, about=record)
    assert access.why_cannot_send(people.sam, conversation) == "nobody"
    assert not Message.objects.exists()


def test_urgent_words_in_a_conversation_about_a_record_are_held_and_alert(people, record):
    conversation = services.open_conversation(people.river, people.sam, about=record)
    saved = services.send_message(people.river, conversation, URGENT)
    assert saved.held and saved.show_crisis_resources
    alert = Alert.objects.get()
    assert alert.context == "message" and alert.source == reference(saved.obj)
    assert list(services.messages_for(people.sam, conversation)) == []
    assert not Notification.objects.filter(recipient=people.sam).exists()
    services.release_message(people.morgan, saved.obj, "spoke with river")
    assert list(services.messages_for(people.sam, conversation)) == [saved.obj]


def test_messaging_someone_refused_leaves_no_empty_conversation(people):
    with pytest.raises(Refused):
        services.message_person(people.river, people.sam, "hey")
    with pytest.raises(Refused, match="cannot be empty"):
        services.message_person(people.river, people.jo, "   ")
    assert not Conversation.objects.exists()


def test_a_conversation_with_someone_who_left(people, record, signed_in):
    conversation = services.open_conversation(people.jo, people.river, about=record)
    services.send_message(people.river, conversation, "Thank you for today")
    accounts.erase_account(people.river)
    conversation.refresh_from_db()
    assert conversation.members() == [people.jo]
    with pytest.raises(Refused, match="has left Lantern"):
        services.send_message(people.jo, conversation, "Take care")
    page = signed_in(people.jo).get(conversation.get_absolute_url()).content.decode()
    assert "Thank you for today" in page and "has left Lantern" in page


def test_seasoned_members_write_directly(people):
    for person in (people.river, people.sam):
        person.date_joined = timezone.now() - timedelta(days=90)
        person.save()
    saved = services.message_person(people.river, people.sam, "Coffee?")
    assert saved.obj.conversation.is_direct
    assert services.conversation_between(people.sam, people.river) == saved.obj.conversation
