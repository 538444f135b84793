"""Every post and message goes through the safety net."""

from lantern.community import services
from lantern.community.models import Message, Post, Report
from lantern.core.models import Notification
from lantern.safety.models import Alert, SafetySettings

URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


def test_an_urgent_post_raises_an_alert_and_is_held_by_default(early, people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        "/groups/early-days/new/", {"title": "tonight", "body": URGENT}, follow=True
    )
    post = Post.objects.get()
    alert = Alert.objects.get()
    assert alert.context == "post" and alert.author == people.river
    assert alert.source == f"community.post:{post.pk}"
    assert alert.source_url == post.get_absolute_url()
    assert post.status == Post.Status.HELD
    page = response.content.decode()
    assert "You don't have to carry this alone" in page  # crisis lines at once
    assert "988" in page
    assert "Waiting for a moderator" in page
    # Other members do not see it; moderators find it in the queue.
    assert signed_in(people.sam).get(post.thread.get_absolute_url()).status_code == 404
    queue = signed_in(people.morgan).get("/groups/moderation/").content.decode()
    assert "the pills ready" in queue
    # The group's peer moderator is told there is something to review (never the text).
    told = Notification.objects.get(recipient=people.jo, kind="community.held")
    assert told.title == "A post in Early days is waiting for review" and told.body == ""
    # The crisis lines are shown once, not on every page after.
    assert "You don't have to carry this alone" not in river.get("/groups/").content.decode()


def test_a_group_can_choose_to_publish_urgent_posts(early, people, signed_in):
    early.hold_urgent_posts = False
    early.save()
    saved = services.start_thread(people.river, early, "tonight", URGENT)
    assert saved.obj.status == Post.Status.PUBLISHED and saved.show_crisis_resources
    assert Alert.objects.count() == 1
    assert (
        URGENT[:20]
        in signed_in(people.sam).get(saved.obj.thread.get_absolute_url()).content.decode()
    )


def test_the_site_setting_applies_when_the_group_has_none(early, people):
    settings = SafetySettings.current()
    settings.hold_urgent_posts = False
    settings.save()
    assert not services.start_thread(people.river, early, "t", URGENT).held


def test_an_ordinary_post_raises_nothing(early, people):
    saved = services.start_thread(
        people.river, early, "Day 30", "30 days today. Coffee tastes better."
    )
    assert saved.obj.status == Post.Status.PUBLISHED and not saved.held
    assert Alert.objects.count() == 0


def test_an_urgent_message_raises_an_alert_and_waits(people):
    saved = services.message_person(people.river, people.jo, URGENT)
    assert Alert.objects.get().context == "message"
    assert saved.obj.status == Message.Status.HELD and saved.show_crisis_resources
    assert list(services.messages_for(people.jo, saved.obj.conversation)) == []
    services.release_message(people.morgan, saved.obj, "spoke with river; safe")
    assert list(services.messages_for(people.jo, saved.obj.conversation)) == [saved.obj]


def test_a_report_note_goes_through_the_safety_net(early, people, signed_in):
    saved = services.start_thread(people.sam, early, "Hello", "Opening")
    river = signed_in(people.river)
    response = river.post(
        f"/groups/posts/{saved.obj.pk}/report/",
        {"reason": "other", "note": URGENT},
        follow=True,
    )
    report = Report.objects.get()
    alert = Alert.objects.get()
    assert alert.context == "report" and alert.author == people.river
    assert alert.source == f"community.report:{report.pk}"
    assert "You don't have to carry this alone" in response.content.decode()
    # The same for a reported message; an ordinary note raises nothing.
    message = services.message_person(people.jo, people.river, "How are you today?").obj
    response = river.post(
        f"/messages/m/{message.pk}/report/", {"reason": "other", "note": URGENT}, follow=True
    )
    assert Alert.objects.filter(context="report").count() == 2
    assert "You don't have to carry this alone" in response.content.decode()
    river.post(f"/groups/posts/{saved.obj.pk}/report/", {"reason": "spam", "note": "ads"})
    assert Alert.objects.count() == 2
