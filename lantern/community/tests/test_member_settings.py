"""A member's own settings for the groups: a newcomer may open their private messages to any
member (they are closed for the first 30 days unless they do); anyone may close theirs to all
but helpers; reactions and mentions notifications can be turned off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.community import services
from lantern.community.models import Message, Thread
from lantern.core.errors import Refused
from lantern.core.models import Notification


@pytest.fixture
def seasoned_sam(people):
    people.sam.date_joined = timezone.now() - timedelta(days=200)
    people.sam.save()
    return people.sam


def test_a_newcomer_opens_their_messages_to_any_member(people, seasoned_sam, signed_in):
    river = signed_in(people.river)
    page = river.get("/messages/settings/").content.decode()
    assert "You joined less than 30 days ago" in page
    with pytest.raises(Refused, match="This person is new"):
        services.message_person(seasoned_sam, people.river, "Welcome! How is it going?")
    response = river.post("/messages/settings/", {"messages_from": "anyone"})
    assert response.status_code == 302
    services.message_person(seasoned_sam, people.river, "Welcome! How is it going?")
    reply = river.post("/messages/new/", {"to": "sam", "body": "Good, thanks for asking"})
    assert reply.status_code == 302
    assert Message.objects.count() == 2


def test_a_newcomer_who_did_not_choose_keeps_the_usual_rule(people, seasoned_sam, signed_in):
    signed_in(people.river).post(
        "/messages/settings/", {"messages_from": "", "notify_reactions": "on"}
    )
    response = signed_in(people.river).post("/messages/new/", {"to": "sam", "body": "hi"})
    page = response.content.decode()
    assert "In your first 30 days" in page
    assert "/messages/settings/" in page  # where to change it
    assert Message.objects.count() == 0


def test_anyone_can_keep_messages_to_helpers_only(people, seasoned_sam, signed_in):
    people.river.date_joined = timezone.now() - timedelta(days=400)
    people.river.save()
    signed_in(people.river).post("/messages/settings/", {"messages_from": "helpers"})
    with pytest.raises(Refused, match="accepts private messages only from"):
        services.message_person(seasoned_sam, people.river, "hey")
    # ...and they cannot start what the other side could not answer.
    with pytest.raises(Refused, match="You chose to exchange"):
        services.message_person(people.river, seasoned_sam, "hey")
    services.message_person(people.jo, people.river, "Checking in, how are you?")  # a supporter
    assert Message.objects.count() == 1


def test_an_unknown_choice_is_refused_with_a_message(people, signed_in):
    response = signed_in(people.river).post("/messages/settings/", {"messages_from": "strangers"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert services.settings_for(people.river).pk is None or (
        services.settings_for(people.river).messages_from == ""
    )


def test_reaction_and_mention_notifications_can_be_turned_off(early, people, signed_in):
    post = services.start_thread(people.river, early, "Day 3", "Made it to day three.").obj
    signed_in(people.river).post("/messages/settings/", {"messages_from": ""})  # both unticked
    services.toggle_reaction(people.sam, post, "strength")
    services.reply(people.sam, post.thread, "Proud of you @river")
    kinds = set(Notification.objects.filter(recipient=people.river).values_list("kind", flat=True))
    assert kinds == {"community.reply"}  # replies to your thread always reach you
    signed_in(people.river).post(
        "/messages/settings/", {"messages_from": "", "notify_reactions": "on"}
    )
    services.toggle_reaction(people.sam, post, "relate")
    assert Notification.objects.filter(
        recipient=people.river, kind="community.reaction.relate"
    ).exists()


def test_mentions_are_on_by_default(early, people):
    post = services.start_thread(people.sam, early, "Hello", "Hi all").obj
    services.reply(people.sam, post.thread, "@river are you coming tonight?")
    assert Notification.objects.filter(recipient=people.river, kind="community.mention").exists()


def test_replying_to_a_former_members_thread_works(early, people):
    opening = services.start_thread(people.sam, early, "Hello", "Hi all").obj
    accounts.erase_account(people.sam)
    thread = Thread.objects.get(pk=opening.thread_id)
    saved = services.reply(people.river, thread, "Hope you are well, wherever you are")
    assert saved.obj.pk
