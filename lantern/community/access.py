"""Who may do what in the community, in one place.

Predicates `can_<verb>_<thing>(user, obj) -> bool` answer for templates, views and services;
loaders `get_<thing>_for(user, ...)` return the record a person may see or raise `Http404`
(records a person may not see answer as if they did not exist). Views, the API, commands and
WebSocket consumers all load through these loaders.

A person's memberships are read once per request (`core.access.remembered`); services that
change someone's memberships call `core.access.forget(person)`, and long-lived connections call
it before each event, so a removal or a new role counts at once. Bans and mutes are asked afresh
each time.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from lantern.core.access import has_role, remembered
from lantern.core.roles import HELPER_ROLES

from .models import (
    NEWCOMER_DAYS,
    Block,
    Conversation,
    MemberSettings,
    Membership,
    Message,
    Post,
    Report,
    Sanction,
    Space,
    Thread,
    audiences_for,
    is_site_moderator,
)

# Newcomers are welcomed by, and may always write to and hear from, people whose role is to help.
WELCOMER_ROLES = TRUSTED_ROLES = HELPER_ROLES


# --- Memberships --------------------------------------------------------------------------------


def _key(space_id: int) -> str:
    return f"community.membership:{space_id}"


def membership(user, space) -> Membership | None:
    """The person's membership of `space` (any status), read once per request."""
    if not user.is_authenticated:
        return None
    return remembered(
        user,
        _key(space.pk),
        lambda: Membership.objects.filter(space=space, person=user).first(),
    )


def preload_memberships(user, space_ids) -> None:
    """Read the person's memberships of these spaces in one query (a page that asks about
    many groups at once, like search), for `membership()` to answer from."""
    if not user.is_authenticated:
        return
    found = {m.space_id: m for m in Membership.objects.filter(person=user, space__in=space_ids)}
    for space_id in set(space_ids):
        remembered(user, _key(space_id), lambda space_id=space_id: found.get(space_id))


def is_member(user, space) -> bool:
    m = membership(user, space)
    return m is not None and m.status == Membership.Status.ACTIVE


def moderated_space_ids(user) -> list[int]:
    """The spaces where the person is an active peer moderator."""
    if not user.is_authenticated:
        return []
    return remembered(
        user,
        "community.moderated_spaces",
        lambda: list(
            Membership.objects.filter(
                person=user, role=Membership.Role.MODERATOR, status=Membership.Status.ACTIVE
            ).values_list("space_id", flat=True)
        ),
    )


# --- Spaces -------------------------------------------------------------------------------------


def can_moderate_space(user, space) -> bool:
    """Site moderators and admins everywhere; peer moderators in their own space."""
    if is_site_moderator(user):
        return True
    m = membership(user, space)
    return (
        m is not None
        and m.status == Membership.Status.ACTIVE
        and m.role == Membership.Role.MODERATOR
    )


def can_moderate(user) -> bool:
    """May open the moderation queue: site moderators, admins, and any peer moderator."""
    return is_site_moderator(user) or bool(moderated_space_ids(user))


def can_moderate_messages(user) -> bool:
    """Private messages are read (when reported) and moderated by site moderators only."""
    return is_site_moderator(user)


def can_read_space(user, space) -> bool:
    """Open spaces (unless removed from them), and the others as an active member; site
    moderators read every space."""
    if not user.is_authenticated:
        return False
    if is_site_moderator(user):
        return True
    m = membership(user, space)
    if m is not None and m.status == Membership.Status.ACTIVE:
        return True
    removed = m is not None and m.status == Membership.Status.REMOVED
    return space.kind == Space.Kind.OPEN and not removed and is_for(user, space)


def is_for(user, space) -> bool:
    """The group is for people like this person (family and friends, or people in recovery),
    so they find it and may join it without an invitation."""
    return space.audience in audiences_for(user)


def is_banned(user) -> bool:
    """Banned from the community now. Never kept between questions: a ban counts at once."""
    return Sanction.objects.in_force().filter(person=user, kind=Sanction.Kind.BAN).exists()


def is_muted(user, space=None) -> bool:
    """Muted everywhere, or (given a space) everywhere or in that space."""
    where = Q(space__isnull=True) if space is None else Q(space__isnull=True) | Q(space=space)
    return Sanction.objects.in_force().filter(where, person=user, kind=Sanction.Kind.MUTE).exists()


def is_silenced(user, space) -> bool:
    """Banned, or muted in `space` (or everywhere): may not write there. One question."""
    stops = Q(kind=Sanction.Kind.BAN) | Q(
        Q(space__isnull=True) | Q(space=space), kind=Sanction.Kind.MUTE
    )
    return Sanction.objects.in_force().filter(stops, person=user).exists()


def can_join_space(user, space) -> bool:
    """Not for members already in it, nor while a request to join waits, nor after removal."""
    if not user.is_authenticated or is_banned(user):
        return False
    m = membership(user, space)
    if m is not None and m.status in (
        Membership.Status.ACTIVE,
        Membership.Status.REQUESTED,
        Membership.Status.REMOVED,
    ):
        return False
    invited = m is not None and m.status == Membership.Status.INVITED
    return invited or (space.kind != Space.Kind.PRIVATE and is_for(user, space))


def can_post_in_space(user, space) -> bool:
    if not user.is_authenticated or is_silenced(user, space):
        return False
    return is_member(user, space) or can_moderate_space(user, space)


def can_reply_to_thread(user, thread) -> bool:
    if thread.locked and not can_moderate_space(user, thread.space):
        return False
    return can_post_in_space(user, thread.space)


def can_create_space(user) -> bool:
    """Site moderators and administrators start new groups."""
    return is_site_moderator(user)


def can_edit_space(user, space) -> bool:
    """Description, guidelines and topics: site moderators, and the group's own peer
    moderators (unless banned, or muted there: they may not write in the group)."""
    if is_site_moderator(user):
        return True
    return can_moderate_space(user, space) and not is_silenced(user, space)


def can_change_space_rules(user, space) -> bool:
    """Name, who may join and whether urgent posts are held: site moderators only, since
    these decide who reads the group and how a crisis is handled there."""
    return is_site_moderator(user)


def can_manage_space_moderators(user, space) -> bool:
    """Naming and removing a group's peer moderators: site moderators only."""
    return is_site_moderator(user)


# --- Posts --------------------------------------------------------------------------------------


def can_see_post(user, post) -> bool:
    return Post.objects.visible_to(user).filter(pk=post.pk).exists()


def can_edit_post(user, post) -> bool:
    return (
        post.author_id == user.pk
        and post.status in (Post.Status.PUBLISHED, Post.Status.HELD)
        and timezone.now() <= post.editable_until
        and not is_banned(user)
    )


def can_delete_post(user, post) -> bool:
    return post.author_id == user.pk and post.status != Post.Status.DELETED


def can_react_to_post(user, post) -> bool:
    return (
        post.status == Post.Status.PUBLISHED
        and post.author_id != user.pk
        and can_post_in_space(user, post.space)
    )


def can_report_post(user, post) -> bool:
    """Anyone who can see a post; a deleted one only its space's moderators (its words are
    gone for everyone else)."""
    if post.status == Post.Status.DELETED and not can_moderate_space(user, post.space):
        return False
    return can_see_post(user, post)


def can_see_author(user, post) -> bool:
    """Anonymous posts: hidden from members, visible to the author and the space's moderators.
    The one rule for every page, the API and search."""
    return not post.anonymous or post.author_id == user.pk or can_moderate_space(user, post.space)


def shown_author(user, post) -> str | None:
    """The handle to show for a post, or None ("a member of this group" / "a former member")."""
    if post.author is None or not can_see_author(user, post):
        return None
    return post.author.handle


def can_see_reactors(user, post) -> bool:
    return post.author_id == user.pk or can_moderate_space(user, post.space)


def can_welcome_newcomers(user) -> bool:
    return has_role(user, *WELCOMER_ROLES)


# --- Private messages ---------------------------------------------------------------------------


def is_newcomer(user, now=None) -> bool:
    """In their first 30 days; people whose role is to help are never newcomers here."""
    now = now or timezone.now()
    return user.date_joined > now - timedelta(days=NEWCOMER_DAYS) and not has_role(
        user, *TRUSTED_ROLES
    )


def is_blocked_between(a, b) -> bool:
    return (
        Block.objects.filter(blocker=a, blocked=b).exists()
        or Block.objects.filter(blocker=b, blocked=a).exists()
    )


def messages_from(person) -> str:
    """Whom `person` exchanges private messages with: "anyone", or "helpers" (supporters,
    specialists, moderators). Unless they chose, newcomers (first 30 days) have "helpers"; for
    everyone else "" means anyone."""
    chosen = (
        MemberSettings.objects.filter(person=person).values_list("messages_from", flat=True).first()
    )
    if chosen:
        return chosen
    return "" if is_newcomer(person) else MemberSettings.MessagesFrom.ANYONE


def why_cannot_contact(sender, recipient) -> str:
    """'' when `sender` may write to `recipient` in a conversation another app opened about
    one of its records (its own rules decided who may), else the code of the rule that stops
    it: an erased account, blocks and bans always apply."""
    if recipient is None:
        return "gone"  # erased their account
    if not sender.is_authenticated or not recipient.is_active or sender.pk == recipient.pk:
        return "nobody"
    if is_banned(sender):
        return "sanctioned"
    if is_blocked_between(sender, recipient):
        return "blocked"
    return ""


def why_cannot_message(sender, recipient) -> str:
    """'' when `sender` may write to `recipient` directly, else a code naming the rule that
    stops it."""
    refusal = why_cannot_contact(sender, recipient)
    if refusal:
        return refusal
    if is_muted(sender):
        return "sanctioned"
    # Newcomers (first 30 days) exchange private messages only with people whose role is to
    # help, unless they chose otherwise: the guard against predatory contact
    # ("thirteenth-stepping"). Anyone may choose that rule for themselves. A conversation needs
    # both sides' rules to admit it, so nobody writes to someone who could not answer.
    sender_rule = messages_from(sender)
    if sender_rule != MemberSettings.MessagesFrom.ANYONE and not has_role(
        recipient, *TRUSTED_ROLES
    ):
        return "helpers-only-self" if sender_rule else "newcomer-sender"
    recipient_rule = messages_from(recipient)
    if recipient_rule != MemberSettings.MessagesFrom.ANYONE and not has_role(
        sender, *TRUSTED_ROLES
    ):
        return "helpers-only" if recipient_rule else "newcomer-recipient"
    return ""


def why_cannot_send(user, conversation) -> str:
    """'' when `user` may write in `conversation` now, else the rule that stops it: the direct
    rules between two members, or (a conversation about another app's record) blocks and bans."""
    if not can_view_conversation(user, conversation):
        return "nobody"
    other = conversation.other(user)
    if conversation.is_direct:
        return why_cannot_message(user, other)
    return why_cannot_contact(user, other)


def can_view_conversation(user, conversation) -> bool:
    return user.is_authenticated and user.pk in (conversation.first_id, conversation.second_id)


def can_read_message(user, message) -> bool:
    """Sent messages are read by both participants; a held one by its sender only."""
    if not can_view_conversation(user, message.conversation):
        return False
    return message.status == Message.Status.SENT or (
        message.status == Message.Status.HELD and message.sender_id == user.pk
    )


# --- Reports ------------------------------------------------------------------------------------


def can_handle_report(user, report) -> bool:
    """A post's report: its space's moderators; a message's: site moderators."""
    if report.post_id:
        return can_moderate_space(user, report.post.space)
    return can_moderate_messages(user)


# --- Loaders ------------------------------------------------------------------------------------


def get_space_for(user, slug: str) -> Space:
    """A group the person may see listed (its page; its threads only if `can_read_space`)."""
    space = Space.objects.listed_for(user).filter(slug=slug).first()
    if space is None:
        raise Http404
    return space


def get_readable_space_for(user, slug: str) -> Space:
    """A group whose threads the person may read."""
    space = get_space_for(user, slug)
    if not can_read_space(user, space):
        raise Http404
    return space


def get_thread_for(user, pk: int, *, slug: str | None = None) -> Thread:
    """A thread whose opening post the person may see (held and hidden threads: their author
    and the space's moderators). `slug`: the group in the address must be the thread's."""
    threads = Thread.objects.select_related("space", "author")
    if slug is not None:
        threads = threads.filter(space__slug=slug)
    thread = threads.filter(pk=pk).first()
    if thread is None:
        raise Http404
    if not Post.objects.visible_to(user).filter(thread=thread, opening=True).exists():
        raise Http404
    return thread


def get_post_for(user, pk: int) -> Post:
    post = (
        Post.objects.visible_to(user)
        .select_related("thread", "space", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    return post


def get_post_to_moderate_for(user, pk: int) -> Post:
    post = Post.objects.select_related("space", "thread", "author").filter(pk=pk).first()
    if post is None or not can_moderate_space(user, post.space):
        raise Http404
    return post


def get_thread_to_moderate_for(user, pk: int) -> Thread:
    thread = Thread.objects.select_related("space", "author").filter(pk=pk).first()
    if thread is None or not can_moderate_space(user, thread.space):
        raise Http404
    return thread


def get_join_request_for(user, space, pk: int) -> Membership:
    """Someone's membership of `space` (asking to join), for the space's moderators."""
    if not can_moderate_space(user, space):
        raise Http404
    found = Membership.objects.select_related("person").filter(pk=pk, space=space).first()
    if found is None:
        raise Http404
    return found


def get_conversation_for(user, pk: int) -> Conversation:
    """A conversation, for the two people in it."""
    conversation = Conversation.objects.select_related("first", "second").filter(pk=pk).first()
    if conversation is None or not can_view_conversation(user, conversation):
        raise Http404
    return conversation


def get_message_for(user, pk: int) -> Message:
    """A message its reader may read (to report it)."""
    message = Message.objects.select_related("conversation", "sender").filter(pk=pk).first()
    if message is None or not can_read_message(user, message):
        raise Http404
    return message


def get_message_to_moderate_for(user, pk: int) -> Message:
    if not can_moderate_messages(user):
        raise Http404
    message = Message.objects.select_related("conversation", "sender").filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def get_report_for(user, pk: int) -> Report:
    report = (
        Report.objects.select_related(
            "post__space",
            "post__thread",
            "post__author",
            "message__conversation",
            "message__sender",
            "reporter",
        )
        .filter(pk=pk)
        .first()
    )
    if report is None or not can_handle_report(user, report):
        raise Http404
    return report


def get_person_for(user, handle: str, *, active: bool = True):
    """Someone on Lantern by handle (blocks, moderation): their handle is public to members."""
    if not user.is_authenticated:
        raise Http404
    people = get_user_model().objects.filter(handle__iexact=handle)
    if active:
        people = people.filter(is_active=True)
    person = people.first()
    if person is None:
        raise Http404
    return person
