"""One moderation action, one service: each checks who may, refuses what does not apply, and is
recorded with its reason. Reading a reported private conversation is recorded in the audit log
under both people in it, so it appears in each one's "who looked"."""

import pytest
from django.urls import reverse

from lantern.community import access, services
from lantern.community.models import Membership, ModerationAction, Post, Sanction, Thread
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent, Notification, reference

READS = "community.read_conversation"
URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


def _kinds():
    return list(ModerationAction.objects.order_by("pk").values_list("kind", flat=True))


def test_reading_a_reported_conversation_is_in_both_peoples_who_looked(people, signed_in):
    services.message_person(people.river, people.jo, "Thanks for the meeting tip")
    saved = services.message_person(people.jo, people.river, "Come to my place alone")
    report = services.report_message(people.river, saved.obj, "predatory").obj
    conversation = saved.obj.conversation
    assert not AuditEvent.objects.filter(action=READS).exists()
    # A peer moderator is no site moderator: no reading, and nothing recorded.
    assert signed_in(people.jo).get(f"/groups/moderation/reports/{report.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action=READS).exists()

    page = signed_in(people.morgan).get(reverse("community-report", args=[report.pk]))
    assert "Thanks for the meeting tip" in page.content.decode()
    looked = AuditEvent.objects.filter(action=READS)
    assert {event.subject for event in looked} == {people.river, people.jo}
    for event in looked:
        assert event.actor == people.morgan
        assert event.target == reference(conversation)
        assert event.details == {"report": report.pk}
    for person in (people.river, people.jo):
        assert person.audit_events_about.filter(actor=people.morgan, action=READS).count() == 1
    assert ModerationAction.objects.get().kind == ModerationAction.Kind.VIEW_CONVERSATION


def test_reading_a_conversation_goes_through_the_service_only_for_site_moderators(people):
    saved = services.message_person(people.jo, people.river, "Hi river")
    report = services.report_message(people.river, saved.obj, "harassment").obj
    for reader in (people.jo, people.river, people.sam):
        with pytest.raises(Refused):
            services.read_reported_conversation(reader, report)
    assert not AuditEvent.objects.filter(action=READS).exists()
    messages = services.read_reported_conversation(people.alex, report)
    assert [m.body for m in messages] == ["Hi river"]
    assert AuditEvent.objects.filter(action=READS, actor=people.alex).count() == 2


def test_a_post_report_reads_nothing_private(early, people, signed_in):
    post = services.start_thread(people.sam, early, "Hello", "Opening").obj
    report = services.report_post(people.river, post, "spam").obj
    assert (
        signed_in(people.jo).get(reverse("community-report", args=[report.pk])).status_code == 200
    )
    assert not AuditEvent.objects.filter(action=READS).exists()
    with pytest.raises(Refused):
        services.read_reported_conversation(people.morgan, report)


def test_hiding_and_restoring_a_post(early, people):
    opening = services.start_thread(people.river, early, "Hello", "Opening").obj
    reply = services.reply(people.sam, opening.thread, "A reply").obj
    services.hide_post(people.jo, reply, "insult")
    assert Thread.objects.get(pk=opening.thread_id).reply_count == 0
    with pytest.raises(Refused, match="does not apply"):
        services.hide_post(people.jo, reply, "again")
    services.restore_post(people.jo, reply, "misread it")
    assert Post.objects.get(pk=reply.pk).status == Post.Status.PUBLISHED
    assert Thread.objects.get(pk=opening.thread_id).reply_count == 1
    with pytest.raises(Refused, match="does not apply"):
        services.restore_post(people.jo, reply, "again")
    with pytest.raises(Refused, match="Only this group's moderators"):
        services.hide_post(people.sam, opening, "mine now")
    with pytest.raises(Refused, match="The reason cannot be empty"):
        services.hide_post(people.jo, opening, "  ")
    assert _kinds() == ["hide", "restore"]


def test_approving_a_held_reply_publishes_it_and_tells_the_thread_author(early, people):
    opening = services.start_thread(people.river, early, "Hello", "Opening").obj
    held = services.reply(people.sam, opening.thread, URGENT).obj
    assert held.status == Post.Status.HELD
    assert not Notification.objects.filter(recipient=people.river).exists()
    services.restore_post(people.jo, held, "spoke with sam")
    assert Thread.objects.get(pk=opening.thread_id).reply_count == 1
    told = Notification.objects.get(recipient=people.river, kind="community.reply")
    assert told.about == reference(held) and told.actor == people.sam
    assert _kinds() == ["approve"]


def test_closing_and_reopening_a_thread(early, people):
    thread = services.start_thread(people.river, early, "Heated", "Opening").obj.thread
    services.lock_thread(people.jo, thread, "cooling off")
    assert not access.can_reply_to_thread(people.sam, thread)
    assert access.can_reply_to_thread(people.jo, thread)  # moderators still may
    services.unlock_thread(people.jo, thread, "calmer now")
    assert access.can_reply_to_thread(people.sam, Thread.objects.get(pk=thread.pk))
    with pytest.raises(Refused):
        services.lock_thread(people.sam, thread, "mine")
    assert _kinds() == ["lock", "unlock"]


def test_hiding_and_releasing_messages_is_for_site_moderators(people):
    sent = services.message_person(people.jo, people.river, "Hello").obj
    held = services.message_person(people.river, people.jo, URGENT).obj
    with pytest.raises(Refused, match="Only moderators"):
        services.hide_message(people.jo, sent, "x")
    with pytest.raises(Refused, match="does not apply"):
        services.release_message(people.morgan, sent, "already sent")
    services.release_message(people.morgan, held, "spoke with river")
    services.hide_message(people.morgan, sent, "unkind")
    with pytest.raises(Refused, match="does not apply"):
        services.hide_message(people.morgan, sent, "again")
    assert _kinds() == ["restore-message", "hide-message"]
    assert Notification.objects.filter(recipient=people.jo, kind="community.message").exists()


def test_warn_mute_remove_ban_and_lift_each_do_one_thing(early, people):
    warning = services.warn(people.jo, people.sam, "keep it kind", space=early)
    told = Notification.objects.get(recipient=people.sam, kind="community.warning")
    assert told.about == reference(warning) and told.body == "keep it kind"
    services.mute(people.jo, people.sam, "cooling off", days=2, space=early)
    assert access.is_muted(people.sam, early) and not access.is_muted(people.sam)
    muted = Notification.objects.get(recipient=people.sam, kind="community.muted")
    assert muted.title == "You have been muted for 2 days"
    services.lift_sanctions(people.jo, people.sam, "talked it through", space=early)
    assert not access.is_muted(people.sam, early)
    services.remove_from_space(people.jo, people.sam, "harassment", space=early)
    assert Membership.objects.get(space=early, person=people.sam).status == "removed"
    assert not access.can_read_space(people.sam, early)
    services.ban(people.morgan, people.sam, "threats", days=7)
    assert access.is_banned(people.sam)
    assert _kinds() == ["warn", "mute", "lift", "remove", "ban"]
    assert ModerationAction.objects.get(kind="ban").until is not None


def test_each_sanction_refuses_what_it_cannot_do(early, people):
    with pytest.raises(Refused, match="between 1 and 365 days") as refused:
        services.mute(people.jo, people.sam, "x", days=400, space=early)
    assert refused.value.field == "days"
    with pytest.raises(Refused, match="Only site moderators can ban"):
        services.ban(people.jo, people.sam, "x")
    with pytest.raises(Refused, match="Choose the group"):
        services.remove_from_space(people.morgan, people.sam, "x", space=None)
    with pytest.raises(Refused, match="moderated by administrators"):
        services.warn(people.morgan, people.alex, "x")
    with pytest.raises(Refused, match="yourself"):
        services.warn(people.jo, people.jo, "x", space=early)
    with pytest.raises(Refused, match="Only moderators"):
        services.warn(people.river, people.sam, "x", space=early)
    # An administrator may act on a moderator.
    services.warn(people.alex, people.morgan, "please slow down")
    assert _kinds() == ["warn"]
    assert not Sanction.objects.exists()


def test_a_moderation_form_with_an_unknown_button_changes_nothing(early, people, signed_in):
    post = services.start_thread(people.river, early, "Hello", "Opening").obj
    jo = signed_in(people.jo)
    url = reverse("community-moderate-post", args=[post.pk])
    page = jo.post(url, {"action": "delete", "reason": "x"}, follow=True).content.decode()
    assert "Choose an action." in page
    assert Post.objects.get(pk=post.pk).status == Post.Status.PUBLISHED
    assert not ModerationAction.objects.exists()
    thread_url = reverse("community-moderate-thread", args=[post.thread_id])
    jo.post(thread_url, {"action": "unlock", "reason": "x"})
    jo.post(thread_url, {"action": "lock", "reason": "closing"})
    assert Thread.objects.get(pk=post.thread_id).locked
    assert _kinds() == ["unlock", "lock"]


def test_both_people_see_the_moderator_who_read_their_conversation(people, signed_in):
    """A member's "Who looked" (recovery's sharing page) lists every staff read of their private
    words, not only the reads of people they share with."""
    saved = services.message_person(people.jo, people.river, "Thanks for the meeting tip")
    report = services.report_message(people.river, saved.obj, "harassment").obj
    signed_in(people.morgan).get(reverse("community-report", args=[report.pk]))
    for person in (people.river, people.jo):
        page = signed_in(person).get(reverse("recovery-sharing")).content.decode()
        looked = page.split("Who looked", 1)[1]
        assert "morgan" in looked
        assert "a reported private conversation" in looked
    sam_page = signed_in(people.sam).get(reverse("recovery-sharing")).content.decode()
    assert "morgan" not in sam_page.split("Who looked", 1)[1]
