"""Private messages and their safeguards: newcomers' first 30 days, blocks, reports."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lantern.community import services
from lantern.community.models import Message, ModerationAction, Report
from lantern.core.errors import Refused
from lantern.core.models import Notification

LATER = timezone.now() + timedelta(days=31)


def test_newcomers_can_message_supporters_specialists_and_moderators(people):
    for helper in (people.jo, people.casey, people.morgan):
        services.message_person(people.river, helper, "Hi, could we talk?")
        services.message_person(helper, people.river, "Of course. How are you doing?")
    assert Message.objects.count() == 6
    assert (
        Notification.objects.filter(recipient=people.river, kind="community.message").count() == 3
    )


def test_newcomers_cannot_message_other_members_nor_be_messaged_by_them(people, signed_in):
    with pytest.raises(Refused, match="In your first 30 days"):
        services.message_person(people.river, people.sam, "hey")
    people.sam.date_joined = timezone.now() - timedelta(days=200)
    people.sam.save()
    # An experienced member cannot write to a newcomer either (thirteenth-stepping).
    response = signed_in(people.sam).post(
        "/messages/new/", {"to": "river", "body": "hey, want to grab a drink coffee?"}
    )
    assert "This person is new." in response.content.decode()
    assert Message.objects.count() == 0


def test_after_thirty_days_members_can_message_each_other(people):
    with time_machine.travel(LATER):
        saved = services.message_person(people.river, people.sam, "Coffee after the meeting?")
    assert saved.obj.status == Message.Status.SENT
    assert list(services.messages_for(people.sam, saved.obj.conversation)) == [saved.obj]


def test_a_blocked_member_cannot_message(people, signed_in):
    with time_machine.travel(LATER):
        services.message_person(people.sam, people.river, "hi")
        signed_in(people.river).post("/people/sam/block/")
        with pytest.raises(Refused):
            services.message_person(people.sam, people.river, "why did you block me")
        # Nor the other way: blocking ends contact both ways.
        with pytest.raises(Refused):
            services.message_person(people.river, people.sam, "hello?")
        conversation = services.conversation_between(people.river, people.sam)
        page = signed_in(people.sam).get(f"/messages/{conversation.pk}/").content.decode()
        assert "You cannot message this person." in page
        assert 'name="body"' not in page
        response = signed_in(people.sam).post(
            f"/messages/{conversation.pk}/", {"body": "let me explain"}
        )
        assert Message.objects.filter(body="let me explain").count() == 0
        assert response.status_code == 400
        signed_in(people.river).post("/people/sam/unblock/")
        services.message_person(people.river, people.sam, "ok, we can talk")


def test_only_the_two_people_see_a_conversation(people, signed_in):
    saved = services.message_person(people.river, people.jo, "Private words")
    url = f"/messages/{saved.obj.conversation_id}/"
    assert "Private words" in signed_in(people.jo).get(url).content.decode()
    for outsider in (people.sam, people.morgan, people.casey):
        assert signed_in(outsider).get(url).status_code == 404


def test_a_report_reaches_moderators_with_the_conversation(people, signed_in):
    services.message_person(people.river, people.jo, "Thanks for the meeting tip")
    saved = services.message_person(people.jo, people.river, "You should come to my place alone")
    river = signed_in(people.river)
    response = river.post(
        f"/messages/m/{saved.obj.pk}/report/", {"reason": "predatory", "note": "made me uneasy"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert Notification.objects.filter(
        recipient=people.morgan,
        kind="community.report",
        url=f"/groups/moderation/reports/{report.pk}/",
    ).exists()
    page = signed_in(people.morgan).get(f"/groups/moderation/reports/{report.pk}/").content.decode()
    assert "Thanks for the meeting tip" in page  # the whole conversation is attached
    assert "You should come to my place alone" in page
    assert ModerationAction.objects.filter(
        kind="view-conversation", moderator=people.morgan
    ).exists()
    # A peer moderator of a group is not a site moderator: no private messages for them.
    assert signed_in(people.jo).get(f"/groups/moderation/reports/{report.pk}/").status_code == 404


def test_message_bad_input_is_refused(people, signed_in):
    jo = signed_in(people.jo)
    assert (
        "This field is required."
        in jo.post("/messages/new/", {"to": "river", "body": " "}).content.decode()
    )
    response = jo.post("/messages/new/", {"to": "nobody-here", "body": "hi"})
    assert "Nobody on Lantern has that handle." in response.content.decode()
    response = jo.post("/messages/new/", {"to": "river", "body": "x" * 4001})
    assert "at most 4000 characters" in response.content.decode()
    jo.post("/messages/new/", {"to": "river", "body": "<script>alert(1)</script>hi"})
    message = Message.objects.get()
    assert "<script" not in message.html and "&lt;script&gt;" in message.html


def test_posts_by_someone_you_blocked_are_folded_unless_anonymous(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    services.reply(people.sam, saved.obj.thread, "Signed reply")
    services.reply(people.sam, saved.obj.thread, "Anonymous reply", anonymous=True)
    services.block(people.river, people.sam)
    page = signed_in(people.river).get(saved.obj.thread.get_absolute_url()).content.decode()
    assert page.count("You blocked this person. Show the post") == 1
    assert "Anonymous reply" in page


def test_held_and_hidden_messages_cannot_be_read_through_the_report_page(people, signed_in):
    urgent = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."
    held = services.message_person(people.river, people.jo, urgent).obj
    assert held.status == Message.Status.HELD
    jo = signed_in(people.jo)
    assert jo.get(f"/messages/m/{held.pk}/report/").status_code == 404
    assert jo.post(f"/messages/m/{held.pk}/report/", {"reason": "other"}).status_code == 404
    # The sender still sees their own held message.
    assert (
        "the pills ready"
        in signed_in(people.river).get(f"/messages/m/{held.pk}/report/").content.decode()
    )
    sent = services.message_person(people.river, people.jo, "Call me when you can").obj
    services.hide_message(people.morgan, sent, "test")
    assert jo.get(f"/messages/m/{sent.pk}/report/").status_code == 404
    with pytest.raises(Refused):
        services.report_message(people.jo, held, "other")
    assert Report.objects.count() == 0
