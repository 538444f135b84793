"""A member's community data leaves with their export; erasure leaves "a former member"."""

import json

import pytest

from lantern.accounts import services as accounts
from lantern.community import services
from lantern.community.models import Conversation, Message, Post, Report
from lantern.safety.models import Alert, SafetySettings


def test_export_holds_posts_and_messages(early, people):
    services.start_thread(people.river, early, "Hello", "My first words here")
    services.message_person(people.river, people.jo, "Thank you for the welcome")
    data = json.loads(json.dumps(accounts.export_data(people.river)))["community"]
    assert data["posts"][0]["text"] == "My first words here"
    assert data["messages_sent"] == [
        {"to": "jo", "text": "Thank you for the welcome", "sent": data["messages_sent"][0]["sent"]}
    ]
    assert data["groups"][0]["group"] == "early-days"


def test_erasure_keeps_the_thread_readable_as_a_former_member(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "My first words here")
    services.reply(people.sam, saved.obj.thread, "Welcome!")
    services.message_person(people.river, people.jo, "Private")
    accounts.erase_account(people.river)
    post = Post.objects.get(pk=saved.obj.pk)
    assert post.author is None
    page = signed_in(people.sam).get(saved.obj.thread.get_absolute_url()).content.decode()
    assert "A former member" in page and "Welcome!" in page


def test_a_conversation_and_its_reports_stay_with_the_other_person(early, people, signed_in):
    """Someone who harassed cannot wipe the evidence by deleting their account."""
    message = services.message_person(people.jo, people.river, "Hi river").obj
    services.message_person(people.river, people.jo, "Leave me alone").obj
    report = services.report_message(people.jo, message, "harassment").obj
    accounts.erase_account(people.river)
    conversation = Conversation.objects.get()
    page = signed_in(people.jo).get(conversation.get_absolute_url()).content.decode()
    assert "Messages with a former member" in page
    assert "Leave me alone" in page
    assert "has left Lantern" in page  # and no box to write in
    assert 'name="body"' not in page
    assert Report.objects.filter(pk=report.pk).exists()
    listing = signed_in(people.jo).get("/messages/").content.decode()
    assert "a former member" in listing


def test_a_conversation_nobody_is_left_to_read_goes(early, people):
    services.message_person(people.jo, people.river, "Hi river")
    accounts.erase_account(people.river)
    accounts.erase_account(people.jo)
    assert not Conversation.objects.exists()


def test_erasure_blanks_their_words_in_safety_alerts_and_report_notes(early, people):
    urgent = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."
    post = services.start_thread(people.river, early, "tonight", urgent).obj
    message = services.message_person(people.river, people.jo, urgent).obj
    other = services.start_thread(people.sam, early, "Hi", "A quiet week.").obj
    services.report_post(people.river, other, "other", "sam lives at 12 Elm Street")
    kept = services.start_thread(people.sam, early, "mine", urgent).obj
    sources = {f"community.post:{post.pk}", f"community.message:{message.pk}"}
    assert set(Alert.objects.values_list("source", flat=True)) >= sources
    assert all(a.excerpt for a in Alert.objects.filter(source__in=sources))
    accounts.erase_account(people.river)
    for alert in Alert.objects.filter(source__in=sources):
        assert alert.excerpt == ""
    assert Alert.objects.get(source=f"community.post:{kept.pk}").excerpt != ""
    assert Report.objects.get().note == ""


def test_a_report_outlives_both_people_leaving(early, people):
    message = services.message_person(people.jo, people.river, "Hi river").obj
    report = services.report_message(people.river, message, "harassment").obj
    accounts.erase_account(people.river)
    accounts.erase_account(people.jo)  # the one reported leaves last
    assert Report.objects.filter(pk=report.pk).exists()
    assert Conversation.objects.count() == 1  # kept for the moderators


URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


@pytest.mark.parametrize("who_leaves", ["sender", "recipient"])
def test_a_held_message_can_be_released_after_someone_left(early, people, who_leaves):
    SafetySettings.objects.update_or_create(pk=1, defaults={"hold_urgent_posts": True})
    message = services.message_person(people.jo, people.river, URGENT).obj
    assert message.status == Message.Status.HELD
    accounts.erase_account(people.jo if who_leaves == "sender" else people.river)
    message = Message.objects.select_related("conversation", "sender").get(pk=message.pk)
    services.release_message(people.morgan, message, "Reviewed")
    assert Message.objects.get(pk=message.pk).status == Message.Status.SENT
