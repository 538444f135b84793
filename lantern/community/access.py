"""Who may do what in the community. Same shape as lantern.core.access:
`can_<verb>_<thing>(user, obj) -> bool`. Records a person may not see answer 404."""

from datetime import timedelta

from django.utils import timezone

from lantern.core.access import ADMIN, MODERATOR, SPECIALIST, SUPPORTER, has_role

from .models import (
    NEWCOMER_DAYS,
    Block,
    MemberSettings,
    Membership,
    Post,
    Sanction,
    Space,
    is_site_moderator,
)

WELCOMER_ROLES = (SUPPORTER, SPECIALIST, MODERATOR, ADMIN)
# Newcomers may always write to, and hear from, people whose role is to help.
TRUSTED_ROLES = (SUPPORTER, SPECIALIST, MODERATOR, ADMIN)


def membership(user, space) -> Membership | None:
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_community_memberships", {})
    if space.pk not in cache:
        cache[space.pk] = Membership.objects.filter(space=space, person=user).first()
    return cache[space.pk]


def is_member(user, space) -> bool:
    m = membership(user, space)
    return m is not None and m.status == Membership.Status.ACTIVE


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
    if is_site_moderator(user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(
            person=user, role=Membership.Role.MODERATOR, status=Membership.Status.ACTIVE
        ).exists()
    )


def can_view_space(user, space) -> bool:
    return Space.objects.listed_for(user).filter(pk=space.pk).exists()


def can_read_space(user, space) -> bool:
    return Space.objects.readable_by(user).filter(pk=space.pk).exists()


def is_banned(user) -> bool:
    return Sanction.objects.in_force().filter(person=user, kind=Sanction.Kind.BAN).exists()


def is_muted(user, space=None) -> bool:
    mutes = Sanction.objects.in_force().filter(person=user, kind=Sanction.Kind.MUTE)
    if space is None:
        return mutes.filter(space__isnull=True).exists()
    return mutes.filter(space__isnull=True).exists() or mutes.filter(space=space).exists()


def can_join_space(user, space) -> bool:
    if not user.is_authenticated or is_banned(user):
        return False
    m = membership(user, space)
    if m is not None and m.status in (Membership.Status.ACTIVE, Membership.Status.REMOVED):
        return False
    return space.kind != Space.Kind.PRIVATE or (
        m is not None and m.status == Membership.Status.INVITED
    )


def can_post_in_space(user, space) -> bool:
    if not user.is_authenticated or is_banned(user) or is_muted(user, space):
        return False
    return is_member(user, space) or can_moderate_space(user, space)


def can_reply_to_thread(user, thread) -> bool:
    if thread.locked and not can_moderate_space(user, thread.space):
        return False
    return can_post_in_space(user, thread.space)


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


def can_see_author(user, post) -> bool:
    """Anonymous posts: hidden from members, visible to the space's moderators."""
    return not post.anonymous or post.author_id == user.pk or can_moderate_space(user, post.space)


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


def why_cannot_message(sender, recipient) -> str:
    """'' when `sender` may write to `recipient`, else a code naming the rule that stops it."""
    if recipient is None:
        return "gone"  # erased their account
    if not sender.is_authenticated or not recipient.is_active or sender.pk == recipient.pk:
        return "nobody"
    if is_banned(sender) or is_muted(sender):
        return "sanctioned"
    if is_blocked_between(sender, recipient):
        return "blocked"
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


def can_message(sender, recipient) -> bool:
    return why_cannot_message(sender, recipient) == ""


def can_view_conversation(user, conversation) -> bool:
    return user.is_authenticated and user.pk in (conversation.first_id, conversation.second_id)


# --- Managing groups ----------------------------------------------------------------------------


def can_create_space(user) -> bool:
    """Site moderators and administrators start new groups."""
    return is_site_moderator(user)


def can_edit_space(user, space) -> bool:
    """Description, guidelines and topics: site moderators, and the group's own peer
    moderators (unless banned, or muted there: they may not write in the group)."""
    if is_site_moderator(user):
        return True
    return can_moderate_space(user, space) and not is_banned(user) and not is_muted(user, space)


def can_change_space_rules(user, space) -> bool:
    """Name, who may join and whether urgent posts are held: site moderators only, since
    these decide who reads the group and how a crisis is handled there."""
    return is_site_moderator(user)


def can_manage_space_moderators(user, space) -> bool:
    """Naming and removing a group's peer moderators: site moderators only."""
    return is_site_moderator(user)
