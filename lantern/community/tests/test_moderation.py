"""Reports, the moderation queue, and moderator actions, every one recorded with its reason."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lantern.community import access, services
from lantern.community.models import (
    Conversation,
    Membership,
    ModerationAction,
    Post,
    Report,
    Sanction,
)
from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.safety.models import Alert

URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


def test_a_reported_post_appears_in_the_queue_and_can_be_hidden(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    bad = services.reply(people.sam, saved.obj.thread, "you're pathetic").obj
    river = signed_in(people.river)
    response = river.post(f"/groups/posts/{bad.pk}/report/", {"reason": "harassment"})
    assert response.status_code == 302
    jo = signed_in(people.jo)  # peer moderator of Early days
    queue = jo.get("/groups/moderation/").content.decode()
    report = Report.objects.get()
    assert f"/groups/moderation/reports/{report.pk}/" in queue
    assert (
        jo.post(f"/groups/moderation/posts/{bad.pk}/", {"action": "hide", "reason": ""}).status_code
        == 302
    )
    assert Post.objects.get(pk=bad.pk).status == Post.Status.PUBLISHED  # a reason is required
    jo.post(f"/groups/moderation/posts/{bad.pk}/", {"action": "hide", "reason": "insult"})
    assert Post.objects.get(pk=bad.pk).status == Post.Status.HIDDEN
    # Hiding it closed the report with the same reason: the moderator wrote it once.
    report.refresh_from_db()
    assert (report.status, report.resolved_by) == (Report.Status.RESOLVED, people.jo)
    assert (
        f"/groups/moderation/reports/{report.pk}/"
        not in jo.get("/groups/moderation/").content.decode()
    )
    closed = ModerationAction.objects.get(kind=ModerationAction.Kind.DISMISS)
    assert (closed.report, closed.reason) == (report, "insult")
    log = signed_in(people.morgan).get("/groups/moderation/log/").content.decode()
    assert "insult" in log and "jo" in log


def test_members_cannot_moderate(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    sam = signed_in(people.sam)
    assert sam.get("/groups/moderation/").status_code == 404
    assert (
        sam.post(
            f"/groups/moderation/posts/{saved.obj.pk}/", {"action": "hide", "reason": "x"}
        ).status_code
        == 404
    )
    assert Post.objects.get().status == Post.Status.PUBLISHED


def test_warn_mute_and_ban(early, people, signed_in):
    morgan = signed_in(people.morgan)
    morgan.post("/groups/moderation/people/sam/", {"action": "warn", "reason": "keep it kind"})
    assert Notification.objects.filter(recipient=people.sam, kind="community.warning").exists()

    jo = signed_in(people.jo)
    jo.post(
        "/groups/moderation/people/sam/",
        {"action": "mute", "reason": "cooling off", "days": 3, "space": "early-days"},
    )
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    sam = signed_in(people.sam)
    sam.post(f"/groups/early-days/t/{saved.obj.thread_id}/reply/", {"body": "but"})
    assert Post.objects.filter(author=people.sam).count() == 0
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        services.reply(people.sam, saved.obj.thread, "sorry, everyone")

    morgan.post("/groups/moderation/people/sam/", {"action": "ban", "reason": "threats"})
    assert not access.can_post_in_space(people.sam, early)
    kinds = list(ModerationAction.objects.values_list("kind", flat=True))
    assert sorted(kinds) == ["ban", "mute", "warn"]
    # A peer moderator cannot ban.
    response = jo.post(
        "/groups/moderation/people/river/", {"action": "ban", "reason": "x", "space": "early-days"}
    )
    assert "Only site moderators can ban." in response.content.decode()


def test_a_moderator_closes_a_thread_to_replies(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Heated", "Opening")
    thread = saved.obj.thread
    jo = signed_in(people.jo)
    jo.post(f"/groups/moderation/threads/{thread.pk}/", {"action": "lock", "reason": "cooling off"})
    sam = signed_in(people.sam)
    page = sam.get(thread.get_absolute_url()).content.decode()
    assert "This thread is closed to new replies." in page and 'name="body"' not in page
    sam.post(f"/groups/early-days/t/{thread.pk}/reply/", {"body": "one more thing"})
    assert thread.posts.count() == 1
    assert (
        signed_in(people.sam)
        .post(f"/groups/moderation/threads/{thread.pk}/", {"action": "unlock", "reason": "x"})
        .status_code
        == 404
    )
    assert ModerationAction.objects.get().kind == "lock"


def test_a_peer_moderator_cannot_lift_a_site_wide_ban_or_mute(early, people, signed_in):
    morgan = signed_in(people.morgan)
    morgan.post("/groups/moderation/people/sam/", {"action": "ban", "reason": "threats"})
    morgan.post("/groups/moderation/people/river/", {"action": "mute", "reason": "spam", "days": 5})
    jo = signed_in(people.jo)
    for handle in ("sam", "river"):
        jo.post(
            f"/groups/moderation/people/{handle}/",
            {"action": "lift", "reason": "seems fine", "space": "early-days"},
        )
    assert access.is_banned(people.sam)
    assert access.is_muted(people.river, early)
    # Their own group's mute they can lift.
    jo.post(
        "/groups/moderation/people/river/",
        {"action": "mute", "reason": "cooling off", "days": 2, "space": "early-days"},
    )
    jo.post(
        "/groups/moderation/people/river/",
        {"action": "lift", "reason": "talked", "space": "early-days"},
    )
    assert Sanction.objects.in_force().filter(person=people.river, space=early).count() == 0
    assert access.is_muted(people.river, early)  # the site-wide mute stays


def test_a_peer_moderator_acts_only_on_people_in_their_group(early, people, signed_in):
    jo = signed_in(people.jo)
    response = jo.post(
        "/groups/moderation/people/casey/",
        {"action": "warn", "reason": "call me on this number", "space": "early-days"},
    )
    assert response.status_code == 404
    with pytest.raises(Refused, match="take part in your group"):
        services.warn(people.jo, people.casey, "call me", space=early)
    with pytest.raises(Refused, match="take part in your group"):
        services.remove_from_space(people.jo, people.casey, "x", space=early)
    assert not Notification.objects.filter(recipient=people.casey).exists()
    assert not Membership.objects.filter(person=people.casey).exists()
    assert not ModerationAction.objects.exists()
    # A member of the group can be warned, and the warning goes through the safety net.
    jo.post(
        "/groups/moderation/people/sam/",
        {"action": "warn", "reason": URGENT, "space": "early-days"},
    )
    assert Notification.objects.filter(recipient=people.sam, kind="community.warning").exists()
    assert Alert.objects.get().context == "moderation"


def test_a_peer_moderator_sees_only_their_groups_history(early, people, signed_in):
    morgan = signed_in(people.morgan)
    morgan.post("/groups/moderation/people/casey/", {"action": "warn", "reason": "casey-note"})
    morgan.post("/groups/moderation/people/sam/", {"action": "warn", "reason": "site-note"})
    jo = signed_in(people.jo)
    jo.post(
        "/groups/moderation/people/sam/",
        {"action": "warn", "reason": "group-note", "space": "early-days"},
    )
    assert jo.get("/groups/moderation/people/casey/").status_code == 404
    page = jo.get("/groups/moderation/people/sam/").content.decode()
    assert "group-note" in page and "site-note" not in page
    page = morgan.get("/groups/moderation/people/sam/").content.decode()
    assert "group-note" in page and "site-note" in page


# --- Issue 13: a held post about pills "tonight" --------------------------------------------------

PILLS = "I have enough pills saved up. Tonight is the night."


def test_a_held_post_links_to_its_alert_and_lets_the_moderator_message_the_author(
    early, people, signed_in
):
    saved = services.start_thread(people.sam, early, "Tonight", PILLS)
    assert saved.held
    alert = Alert.objects.get(author=people.sam)
    morgan = signed_in(people.morgan)
    queue = morgan.get("/groups/moderation/").content.decode()
    held = queue[queue.index(f'id="post-{saved.obj.pk}"') :]
    assert f'href="/safety/alerts/{alert.pk}/"' in held  # its safety alert
    assert f'action="/groups/moderation/alerts/{alert.pk}/message/"' in held
    assert "Message sam" in held
    # A real box for the reason, with its label, not a one-line input.
    assert f'<textarea id="held-reason-{saved.obj.pk}" name="reason" rows="3"' in held
    assert f'<label for="held-reason-{saved.obj.pk}">' in held
    # Message sam: a private conversation about the alert.
    response = morgan.post(f"/groups/moderation/alerts/{alert.pk}/message/")
    conversation = Conversation.objects.get()
    assert response["Location"] == f"/messages/{conversation.pk}/"
    assert conversation.about == f"safety.alert:{alert.pk}"
    assert set(conversation.members()) == {people.morgan, people.sam}
    morgan.post(f"/messages/{conversation.pk}/", {"body": "I read your post. I'm here, sam."})
    sam_page = signed_in(people.sam).get(f"/messages/{conversation.pk}/").content.decode()
    assert "I read your post." in sam_page
    # Opening it again finds the same conversation.
    morgan.post(f"/groups/moderation/alerts/{alert.pk}/message/")
    assert Conversation.objects.count() == 1


def test_the_alert_page_offers_to_message_its_author(early, people, signed_in):
    services.start_thread(people.sam, early, "Tonight", PILLS)
    alert = Alert.objects.get(author=people.sam)
    for person in (people.morgan, people.casey):
        page = signed_in(person).get(f"/safety/alerts/{alert.pk}/").content.decode()
        assert f'action="/groups/moderation/alerts/{alert.pk}/message/"' in page
        assert "Message sam" in page
    # Members, supporters and peer moderators who do not work alerts cannot.
    for person in (people.river, people.jo):
        response = signed_in(person).post(f"/groups/moderation/alerts/{alert.pk}/message/")
        assert response.status_code == 404
    assert not Conversation.objects.exists()


def test_the_newcomers_rule_does_not_stand_between_a_moderator_and_an_alerts_author(
    early, people, signed_in
):
    # Even when sam chose to hear only from helpers, or is new, the conversation about the
    # alert opens; a block still stops it.
    services.save_settings(people.sam, messages_from="helpers")
    services.start_thread(people.sam, early, "Tonight", PILLS)
    alert = Alert.objects.get(author=people.sam)
    conversation = services.message_alert_author(people.morgan, alert)
    assert not conversation.is_direct
    services.block(people.sam, people.casey)
    with pytest.raises(Refused):
        services.message_alert_author(people.casey, alert)


def test_hiding_a_reported_message_closes_its_reports_with_the_same_reason(people, signed_in):
    message = services.message_person(people.jo, people.river, "buy from me, cheap").obj
    services.report_message(people.river, message, "selling")
    services.report_message(people.river, message, "spam")
    morgan = signed_in(people.morgan)
    morgan.post(
        f"/groups/moderation/messages/{message.pk}/", {"action": "hide", "reason": "selling"}
    )
    assert set(Report.objects.values_list("status", flat=True)) == {Report.Status.RESOLVED}
    assert (
        ModerationAction.objects.filter(
            kind=ModerationAction.Kind.DISMISS, reason="selling"
        ).count()
        == 2
    )
