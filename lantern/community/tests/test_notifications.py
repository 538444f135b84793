"""What the groups tell people: every kind registered (apps.py) with an in-app title and a
neutral line for mail and pushes that never carries a member's words; notifications store what
they are about, link with reverse(), and go by reference when what they are about goes."""

from django.urls import resolve

from lantern.accounts import services as accounts
from lantern.community import services
from lantern.community.apps import KINDS
from lantern.community.models import Membership, Reaction
from lantern.core import notification_kinds
from lantern.core.models import Notification, reference

TITLE = "Secret sobriety worries"
WORDS = "my private words about my brother"


def test_every_community_kind_is_registered_with_a_neutral_line():
    registered = notification_kinds.registered()
    for name, words in KINDS.items():
        kind = registered[name]
        assert kind.title == words["title"] and kind.neutral is not None, name
        assert "%(" not in str(kind.neutral), f"{name}: the neutral line names nothing"


def _everything_notified(spaces, early, people):
    """A day in the groups that sends every kind of community notification."""
    women = spaces["women"]
    Membership.objects.create(space=women, person=people.jo, role=Membership.Role.MODERATOR)
    services.admit(people.jo, services.join_space(people.river, women))
    services.invite(people.jo, spaces["women"], "sam")
    post = services.start_thread(people.river, early, TITLE, WORDS).obj
    services.reply(people.sam, post.thread, f"@jo {WORDS}")
    services.reply(people.sam, post.thread, WORDS, anonymous=True)
    services.start_thread(people.sam, early, f"{TITLE} again", f"@river {WORDS}", anonymous=True)
    for kind in Reaction.Kind.values:
        services.toggle_reaction(people.sam, post, kind)
    services.message_person(people.jo, people.river, WORDS)
    services.reply(people.sam, post.thread, "I'm going to kill myself tonight, pills ready")
    services.report_post(people.river, post, "spam", WORDS)
    services.warn(people.jo, people.sam, WORDS, space=early)
    services.mute(people.jo, people.sam, WORDS, days=3, space=early)
    services.add_space_moderator(people.morgan, early, "river")
    services.remove_space_moderator(people.morgan, early, "river")
    services.join_space(people.casey, women)  # jo is told someone asked


def test_each_kind_is_sent_and_no_neutral_line_carries_a_members_words(spaces, early, people):
    _everything_notified(spaces, early, people)
    sent = list(Notification.objects.filter(kind__startswith="community."))
    assert {n.kind for n in sent} == set(KINDS)
    for notification in sent:
        assert notification.title and notification.neutral_title
        for words in (TITLE, WORDS, "Early days", "Women in recovery"):
            assert words not in notification.neutral_title, notification.kind
        assert resolve(notification.url.split("#")[0]), notification.kind  # from reverse()
        assert notification.about, notification.kind


def test_an_anonymous_post_names_nobody_in_its_notifications(early, people):
    post = services.start_thread(people.river, early, TITLE, "Opening").obj
    services.reply(people.sam, post.thread, "Me too. @river", anonymous=True)
    told = Notification.objects.filter(recipient=people.river)
    assert {n.kind for n in told} == {"community.reply_anonymous"}  # once, not twice
    notification = told.get()
    assert notification.actor is None and "sam" not in notification.title
    assert notification.title == f"Someone replied to “{TITLE}”"


def test_a_title_is_written_when_it_is_read(early, people):
    post = services.start_thread(people.river, early, TITLE, "Opening").obj
    reply = services.reply(people.sam, post.thread, "Walk with me?").obj
    told = Notification.objects.get(recipient=people.river, kind="community.reply")
    assert told.about == reference(reply) and told.params == {"thread": TITLE}
    assert told.title == f"sam replied to “{TITLE}”"
    accounts.erase_account(people.sam)
    told.refresh_from_db()
    assert told.title == f"a former member replied to “{TITLE}”"


def test_notifications_about_what_erasure_removes_go_with_it(spaces, early, people):
    women = spaces["women"]
    Membership.objects.create(space=women, person=people.jo, role=Membership.Role.MODERATOR)
    asked = services.join_space(people.sam, women)
    post = services.start_thread(people.river, early, TITLE, "Opening").obj
    services.toggle_reaction(people.sam, post, "relate")
    services.message_person(people.sam, people.jo, "A message that stays with jo")
    kept = services.reply(people.sam, post.thread, "A reply that stays").obj
    assert Notification.objects.about(asked).filter(recipient=people.jo).exists()
    accounts.erase_account(people.sam)
    # Their request to join and their reaction went with the account, and the news of them.
    assert not Notification.objects.about(asked).exists()
    assert not Notification.objects.filter(kind__startswith="community.reaction").exists()
    # What stays (their reply, their message) keeps its notification, naming nobody.
    reply_told = Notification.objects.about(kept).get()
    assert reply_told.actor is None and reply_told.title.startswith("a former member")
    assert Notification.objects.filter(recipient=people.jo, kind="community.message").exists()


def test_conversations_that_go_on_erasure_take_their_notifications(people):
    services.message_person(people.jo, people.river, "Hi river")
    saved = services.message_person(people.river, people.jo, "Hi jo")
    conversation = saved.obj.conversation
    accounts.erase_account(people.river)
    assert Notification.objects.about(saved.obj).get().recipient == people.jo  # jo's stays
    accounts.erase_account(people.jo)
    assert not Notification.objects.filter(about__startswith="community.message:").exists()
    assert not Notification.objects.about(conversation).exists()


def test_a_deleted_post_and_a_reaction_taken_back_leave_no_notification(early, people):
    post = services.start_thread(people.river, early, TITLE, "Opening").obj
    reply = services.reply(people.sam, post.thread, "Hello @jo").obj
    services.toggle_reaction(people.jo, post, "thanks")
    assert Notification.objects.filter(kind="community.reaction.thanks").count() == 1
    services.toggle_reaction(people.jo, post, "thanks")  # taken back
    assert not Notification.objects.filter(kind="community.reaction.thanks").exists()
    assert Notification.objects.about(reply).count() == 2  # river (a reply), jo (a mention)
    services.delete_post(people.sam, reply)
    assert not Notification.objects.about(reply).exists()
    assert Reaction.objects.count() == 0
