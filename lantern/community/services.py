"""The community's domain operations. Views, the API, the demo and tasks all call these; each
checks its rule, writes in one transaction and returns the result. Every post and message goes
through the safety net (`safety.services.check_text`) when it is saved."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core.notifications import notify
from lantern.safety import services as safety

from . import access, text
from .models import (
    Block,
    Conversation,
    MemberSettings,
    Membership,
    Message,
    ModerationAction,
    Post,
    Reaction,
    Report,
    Space,
    Thread,
    ThreadRead,
    opening_visible_to,
)

TITLE_MAX = 120
POST_MAX = 10_000
MESSAGE_MAX = 4_000
REASON_MAX = 500


class CommunityError(Exception):
    """A rule of the community was broken; the message is shown to the person."""


@dataclass
class Saved:
    """What the view tells the author after a save."""

    obj: object
    held: bool
    show_resources: bool


def clean_text(value: str, *, limit: int, what: str) -> str:
    """Reject empty, oversized or control-character text; keep everything else as typed (it is
    rendered through the sanitiser, never trusted)."""
    if not isinstance(value, str):
        raise CommunityError(_("%(what)s must be text.") % {"what": what})
    value = value.replace("\r\n", "\n").strip()
    if not value:
        raise CommunityError(_("%(what)s cannot be empty.") % {"what": what})
    if len(value) > limit:
        raise CommunityError(
            _("%(what)s is too long: at most %(limit)s characters.")
            % {"what": what, "limit": f"{limit:,}"}
        )
    if any(ord(c) < 32 and c not in "\n\t" for c in value) or "\ufffd" in value:
        raise CommunityError(
            _("%(what)s contains characters that cannot be shown.") % {"what": what}
        )
    return value


# --- Spaces -------------------------------------------------------------------------------------


@transaction.atomic
def join_space(person: User, space: Space) -> Membership:
    """Open spaces: join at once. Join-on-request: ask (moderators let you in; site moderators,
    who read every group already, join at once). Private: only with an invitation."""
    if not access.can_join_space(person, space):
        raise CommunityError(_("You cannot join this group."))
    status = Membership.Status.ACTIVE
    if space.kind == Space.Kind.REQUEST and not access.is_site_moderator(person):
        status = Membership.Status.REQUESTED
    membership, created = Membership.objects.get_or_create(
        space=space, person=person, defaults={"status": status}
    )
    if not created:
        membership.status = (
            Membership.Status.ACTIVE if membership.status == Membership.Status.INVITED else status
        )
        membership.joined_at = membership.last_visit_at = timezone.now()
        membership.save(update_fields=["status", "joined_at", "last_visit_at"])
    person.__dict__.pop("_community_memberships", None)
    if membership.status == Membership.Status.REQUESTED:
        for moderator in space_moderators(space):
            notify(
                moderator,
                "community.join_request",
                _("%(handle)s asked to join %(space)s") % {"handle": person.handle, "space": space},
                url=space.get_absolute_url(),
            )
    return membership


def leave_space(person: User, space: Space) -> None:
    Membership.objects.filter(
        space=space,
        person=person,
        status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
    ).delete()
    person.__dict__.pop("_community_memberships", None)


@transaction.atomic
def admit(moderator: User, membership: Membership) -> Membership:
    """A space's moderator lets in someone who asked to join."""
    if not access.can_moderate_space(moderator, membership.space):
        raise CommunityError(_("Only this group's moderators can let people in."))
    membership.status = Membership.Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    _record(
        moderator,
        ModerationAction.Kind.ADMIT,
        _("asked to join"),
        person=membership.person,
        space=membership.space,
    )
    notify(
        membership.person,
        "community.admitted",
        _("You are now a member of %(space)s") % {"space": membership.space},
        url=membership.space.get_absolute_url(),
    )
    return membership


@transaction.atomic
def invite(moderator: User, space: Space, handle: str) -> Membership:
    """A group's moderator invites someone by handle; they join when they accept."""
    if not access.can_moderate_space(moderator, space):
        raise CommunityError(_("Only this group's moderators can invite people."))
    person = User.objects.filter(handle__iexact=handle.strip(), is_active=True).first()
    if person is None:
        raise CommunityError(_("Nobody on Lantern has that handle."))
    membership, created = Membership.objects.get_or_create(
        space=space, person=person, defaults={"status": Membership.Status.INVITED}
    )
    if not created and membership.status == Membership.Status.ACTIVE:
        raise CommunityError(_("%(handle)s is already a member.") % {"handle": person.handle})
    if not created and membership.status == Membership.Status.REMOVED:
        raise CommunityError(
            _("%(handle)s was removed from this group.") % {"handle": person.handle}
        )
    if membership.status != Membership.Status.INVITED:
        membership.status = Membership.Status.INVITED
        membership.save(update_fields=["status"])
    notify(
        person,
        "community.invited",
        _("You are invited to join %(space)s") % {"space": space},
        url=space.get_absolute_url(),
    )
    return membership


def space_moderators(space: Space) -> list[User]:
    return list(
        User.objects.filter(
            space_memberships__space=space,
            space_memberships__role=Membership.Role.MODERATOR,
            space_memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        )
    )


def spaces_with_counts(person: User):
    """The spaces a person sees, with thread counts and, for spaces they joined, the number
    of posts by others since their last visit."""
    mine = Membership.objects.filter(space=OuterRef("pk"), person=person)
    since = Subquery(mine.filter(status=Membership.Status.ACTIVE).values("last_visit_at")[:1])
    unread = (
        Post.objects.filter(
            space=OuterRef("pk"),
            status=Post.Status.PUBLISHED,
            created_at__gt=OuterRef("my_last_visit"),
        )
        .exclude(author=person)
        .order_by()
        .values("space")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Space.objects.listed_for(person)
        .annotate(
            my_status=Subquery(mine.values("status")[:1]),
            my_last_visit=since,
        )
        .annotate(unread=Coalesce(Subquery(unread), 0))
        .order_by("name")
    )


def mark_space_visited(person: User, space: Space):
    """Remember this visit; return the previous one (what "new since your last visit" means)."""
    membership = access.membership(person, space)
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return None
    previous = membership.last_visit_at
    membership.last_visit_at = timezone.now()
    Membership.objects.filter(pk=membership.pk).update(last_visit_at=membership.last_visit_at)
    return previous


def mark_thread_read(person: User, thread: Thread):
    """Remember that `person` read `thread` now; return when they read it before."""
    mark, created = ThreadRead.objects.get_or_create(thread=thread, person=person)
    if created:
        membership = access.membership(person, thread.space)
        return membership.last_visit_at if membership else None
    previous = mark.read_at
    ThreadRead.objects.filter(pk=mark.pk).update(read_at=timezone.now())
    return previous


def threads_for(person: User, space: Space):
    read = ThreadRead.objects.filter(thread=OuterRef("pk"), person=person).values("read_at")[:1]
    return (
        space.threads.filter(opening_visible_to(person))
        .select_related("author")
        .annotate(my_read_at=Subquery(read))
        .order_by("-last_post_at")
    )


# --- Posts --------------------------------------------------------------------------------------


def _assess_post(author: User, post: Post, text_to_check: str) -> safety.Outcome:
    return safety.check_text(
        author,
        text_to_check,
        "post",
        source=post,
        source_url=post.get_absolute_url(),
        hold_urgent=post.space.hold_urgent_posts,
    )


def _is_first_post(author: User) -> bool:
    """A newcomer's first words here (supporters and staff are never newcomers)."""
    if access.has_role(author, *access.WELCOMER_ROLES):
        return False
    return not Post.objects.filter(author=author).exists()


@transaction.atomic
def start_thread(
    author: User,
    space: Space,
    title: str,
    body: str,
    *,
    anonymous: bool = False,
    content_warning: bool = False,
) -> Saved:
    """A member of the space starts a thread. Urgent writing is held when the space says so."""
    if not access.can_post_in_space(author, space):
        raise CommunityError(_("You cannot post in this group."))
    title = clean_text(title, limit=TITLE_MAX, what=_("The title"))
    body = clean_text(body, limit=POST_MAX, what=_("Your post"))
    now = timezone.now()
    thread = Thread.objects.create(
        space=space, author=author, title=title, created_at=now, last_post_at=now
    )
    post = Post.objects.create(
        thread=thread,
        space=space,
        author=author,
        body=body,
        html=text.render(body),
        opening=True,
        anonymous=anonymous,
        content_warning=content_warning,
        newcomer=_is_first_post(author),
        created_at=now,
    )
    outcome = _assess_post(author, post, f"{title}\n\n{body}")
    _publish_or_hold(post, outcome.hold)
    return Saved(post, outcome.hold, outcome.show_resources)


@transaction.atomic
def reply(
    author: User,
    thread: Thread,
    body: str,
    *,
    anonymous: bool = False,
    content_warning: bool = False,
) -> Saved:
    """A member of the space replies to a thread."""
    if not access.can_reply_to_thread(author, thread):
        raise CommunityError(_("You cannot reply here."))
    body = clean_text(body, limit=POST_MAX, what=_("Your reply"))
    post = Post.objects.create(
        thread=thread,
        space=thread.space,
        author=author,
        body=body,
        html=text.render(body),
        anonymous=anonymous,
        content_warning=content_warning,
        newcomer=_is_first_post(author),
    )
    outcome = _assess_post(author, post, body)
    _publish_or_hold(post, outcome.hold)
    return Saved(post, outcome.hold, outcome.show_resources)


def _publish_or_hold(post: Post, hold: bool) -> None:
    """Held posts wait for the group's peer moderators (site moderators already have the
    safety alert); published ones go out at once."""
    if not hold:
        _on_publish(post)
        return
    post.status = Post.Status.HELD
    post.save(update_fields=["status"])
    for moderator in space_moderators(post.space):
        notify(
            moderator,
            "community.held",
            _("A post in %(space)s is waiting for review") % {"space": post.space},
            url="/groups/moderation/",
        )


def _shown_name(post: Post) -> str:
    return _("Someone") if post.anonymous else post.author.handle


def _on_publish(post: Post) -> None:
    """A post became visible: update the thread, welcome newcomers' first posts, and tell the
    thread's author and anyone mentioned."""
    thread = post.thread
    if not post.opening:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_post_at=post.created_at
        )
        # Somebody answered: the newcomer's post leaves the welcome list.
        Post.objects.filter(
            thread=thread, newcomer=True, welcomed_at__isnull=True, created_at__lt=post.created_at
        ).exclude(author=post.author).update(welcomed_at=timezone.now())
    told = {post.author_id}
    author = thread.author  # None once they erased their account
    if not post.opening and author and author.pk not in told and author.is_active:
        notify(
            author,
            "community.reply",
            _("%(who)s replied to “%(title)s”") % {"who": _shown_name(post), "title": thread.title},
            url=post.get_absolute_url(),
        )
        told.add(author.pk)
    for person in _users_by_handles(text.mentioned_handles(post.body)):
        if person.pk in told or not access.can_see_post(person, post):
            continue
        if not settings_for(person).notify_mentions:
            continue
        notify(
            person,
            "community.mention",
            _("%(who)s mentioned you in “%(title)s”")
            % {"who": _shown_name(post), "title": thread.title},
            url=post.get_absolute_url(),
        )
        told.add(person.pk)


def _users_by_handles(handles: set[str]) -> list[User]:
    if not handles:
        return []
    query = Q()
    for handle in list(handles)[:20]:
        query |= Q(handle__iexact=handle)
    return list(User.objects.filter(query, is_active=True))


@transaction.atomic
def edit_post(
    person: User, post: Post, body: str, *, content_warning: bool, title: str | None = None
) -> Saved:
    """Authors may edit within the edit window; the new text is assessed again. The opening
    post's author may also change the thread's title."""
    if not access.can_edit_post(person, post):
        raise CommunityError(_("This post can no longer be edited."))
    body = clean_text(body, limit=POST_MAX, what=_("Your post"))
    to_check = body
    if title is not None and post.opening:
        title = clean_text(title, limit=TITLE_MAX, what=_("The title"))
        if title != post.thread.title:
            Thread.objects.filter(pk=post.thread_id).update(title=title)
            post.thread.title = title
        to_check = f"{title}\n\n{body}"
    post.body, post.html = body, text.render(body)
    post.content_warning = content_warning
    post.edited_at = timezone.now()
    outcome = _assess_post(person, post, to_check)
    if outcome.hold:
        post.status = Post.Status.HELD
    post.save(update_fields=["body", "html", "content_warning", "edited_at", "status"])
    return Saved(post, outcome.hold, outcome.show_resources)


@transaction.atomic
def delete_post(person: User, post: Post) -> None:
    """Soft delete by the author: the thread keeps its shape ("deleted by the author"), the
    text stays only for moderators' records of reports."""
    if not access.can_delete_post(person, post):
        raise CommunityError(_("You can only delete your own posts."))
    was_published = post.status == Post.Status.PUBLISHED
    post.status = Post.Status.DELETED
    post.save(update_fields=["status"])
    if was_published and not post.opening:
        Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )


@transaction.atomic
def toggle_reaction(person: User, post: Post, kind: str) -> bool:
    """Add a support reaction, or take it back. Returns whether it is now there."""
    if kind not in Reaction.Kind.values:
        raise CommunityError(_("Choose a reaction."))
    if not access.can_react_to_post(person, post):
        raise CommunityError(_("You cannot react to this post."))
    deleted, _rows = Reaction.objects.filter(post=post, person=person, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.create(post=post, person=person, kind=kind)
    author = post.author
    if author and author.is_active and settings_for(author).notify_reactions:
        notify(
            author,
            "community.reaction",
            _("%(who)s: “%(reaction)s” on your post in %(space)s")
            % {"who": person.handle, "reaction": Reaction.Kind(kind).label, "space": post.space},
            url=post.get_absolute_url(),
        )
    return True


def reactions_for(posts: list[Post], viewer: User) -> dict[int, dict]:
    """Per post: counts per kind, the viewer's own reactions, and (for the author or a
    moderator) who reacted."""
    result = {p.pk: {"counts": {}, "mine": set(), "who": []} for p in posts}
    rows = Reaction.objects.filter(post__in=[p.pk for p in posts]).values_list(
        "post_id", "kind", "person_id", "person__handle"
    )
    by_pk = {p.pk: p for p in posts}
    for post_id, kind, person_id, handle in rows:
        entry = result[post_id]
        entry["counts"][kind] = entry["counts"].get(kind, 0) + 1
        if person_id == viewer.pk:
            entry["mine"].add(kind)
        if access.can_see_reactors(viewer, by_pk[post_id]):
            entry["who"].append((handle, Reaction.Kind(kind).label))
    return result


def welcome_list(viewer: User, limit: int = 50):
    """Newcomers' first posts nobody has answered yet, longest waiting first."""
    return (
        Post.objects.visible_to(viewer)
        .filter(newcomer=True, welcomed_at__isnull=True, status=Post.Status.PUBLISHED)
        .filter(opening_visible_to(viewer, "thread"))  # never a hidden thread's title
        .select_related("thread", "space", "author")
        .order_by("created_at")[:limit]
    )


# --- Private messages ---------------------------------------------------------------------------

REFUSALS = {
    "nobody": lambda: _("You cannot message this person."),
    "gone": lambda: _("This person has left Lantern. The conversation stays for you to read."),
    "sanctioned": lambda: _("You cannot send messages while muted or banned."),
    "blocked": lambda: _("You cannot message this person."),
    "newcomer-sender": lambda: _(
        "In your first 30 days you can message supporters, peer specialists and moderators. "
        "This keeps newcomers safe from unwanted contact. You can change this in your message "
        "settings."
    ),
    "newcomer-recipient": lambda: _(
        "This person is new. In their first 30 days only supporters, peer specialists and "
        "moderators can message them."
    ),
    "helpers-only-self": lambda: _(
        "You chose to exchange private messages only with supporters, peer specialists and "
        "moderators. You can change this in your message settings."
    ),
    "helpers-only": lambda: _(
        "This person accepts private messages only from supporters, peer specialists and "
        "moderators."
    ),
}


def conversation_between(a: User, b: User, *, create: bool = False) -> Conversation | None:
    first, second = sorted([a, b], key=lambda u: u.pk)
    if create:
        return Conversation.objects.get_or_create(first=first, second=second)[0]
    return Conversation.objects.filter(first=first, second=second).first()


@transaction.atomic
def send_message(sender: User, recipient: User, body: str) -> Saved:
    """A private message, if the safeguards allow it (blocks, newcomers' first 30 days,
    mutes and bans). Urgent text raises an alert and may be held, like a post."""
    refusal = access.why_cannot_message(sender, recipient)
    if refusal:
        raise CommunityError(REFUSALS[refusal]())
    body = clean_text(body, limit=MESSAGE_MAX, what=_("Your message"))
    conversation = conversation_between(sender, recipient, create=True)
    message = Message.objects.create(
        conversation=conversation, sender=sender, body=body, html=text.render(body)
    )
    outcome = safety.check_text(
        sender, body, "message", source=message, source_url=conversation.get_absolute_url()
    )
    if outcome.hold:
        message.status = Message.Status.HELD
        message.save(update_fields=["status"])
    else:
        _deliver(message)
    return Saved(message, outcome.hold, outcome.show_resources)


def _deliver(message: Message) -> None:
    conversation = message.conversation
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    if message.sender is None or conversation.other(message.sender) is None:
        return  # one of them has erased their account: nobody to tell, no name to give
    recipient = conversation.other(message.sender)
    notify(
        recipient,
        "community.message",
        _("New message from %(handle)s") % {"handle": message.sender.handle},
        url=conversation.get_absolute_url(),
    )


def messages_for(viewer: User, conversation: Conversation):
    """Sent messages, plus the viewer's own held ones (marked as waiting)."""
    return (
        conversation.messages.filter(
            Q(status=Message.Status.SENT) | Q(sender=viewer, status=Message.Status.HELD)
        )
        .select_related("sender")
        .order_by("created_at")
    )


def mark_conversation_read(viewer: User, conversation: Conversation) -> None:
    field = "first_read_at" if viewer.pk == conversation.first_id else "second_read_at"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: timezone.now()})


def conversations_for(person: User):
    return (
        Conversation.objects.of(person)
        .select_related("first", "second")
        .order_by("-last_message_at")
    )


@transaction.atomic
def block(person: User, other: User) -> Block:
    """No contact either way from now on; either side may block."""
    if other.pk == person.pk:
        raise CommunityError(_("You cannot block yourself."))
    return Block.objects.get_or_create(blocker=person, blocked=other)[0]


def unblock(person: User, other: User) -> None:
    Block.objects.filter(blocker=person, blocked=other).delete()


def settings_for(person: User) -> MemberSettings:
    """The person's community settings (the defaults until they change one)."""
    return MemberSettings.objects.filter(person=person).first() or MemberSettings(person=person)


def save_settings(person: User, **fields) -> MemberSettings:
    """Save the person's choices about messages and group notifications."""
    chosen, _created = MemberSettings.objects.update_or_create(person=person, defaults=fields)
    return chosen


def _record(moderator, kind, reason, **fields) -> ModerationAction:
    return ModerationAction.objects.create(
        moderator=moderator, kind=kind, reason=reason[:REASON_MAX], **fields
    )


def export_community(person: User) -> dict:
    """What a member wrote and set up in the groups, for their data export."""
    chosen = settings_for(person)
    return {
        "groups": [
            {
                "group": m.space.slug,
                "role": m.role,
                "status": m.status,
                "joined": m.joined_at.isoformat(),
            }
            for m in person.space_memberships.select_related("space")
        ],
        "posts": [
            {
                "group": p.space.slug,
                "thread": p.thread.title,
                "text": p.body,
                "anonymous": p.anonymous,
                "status": p.status,
                "written": p.created_at.isoformat(),
            }
            for p in Post.objects.filter(author=person).select_related("space", "thread")
        ],
        "messages_sent": [
            {
                "to": getattr(m.conversation.other(person), "handle", None),
                "text": m.body,
                "sent": m.created_at.isoformat(),
            }
            for m in Message.objects.filter(sender=person).select_related(
                "conversation__first", "conversation__second"
            )
        ],
        "blocked": [b.blocked.handle for b in person.blocks.select_related("blocked")],
        "settings": {
            "messages_from": chosen.messages_from or "usual",
            "notify_reactions": chosen.notify_reactions,
            "notify_mentions": chosen.notify_mentions,
        },
    }


def erase_community(user: User) -> None:
    """Posts and messages outlive the person (as "a former member"), but their words must not
    linger elsewhere: blank the excerpts of safety alerts about them or their texts, and the
    notes of reports they filed."""
    from lantern.safety.models import Alert

    sources = [
        f"community.message:{pk}"
        for pk in Message.objects.filter(sender=user).values_list("pk", flat=True)
    ]
    sources += [
        f"community.post:{pk}"
        for pk in Post.objects.filter(author=user).values_list("pk", flat=True)
    ]
    alerts = Alert.objects.filter(Q(author=user) | Q(source__in=sources))
    for alert in alerts:
        alert.excerpt = ""
        alert.save(update_fields=["excerpt"])
    Report.objects.filter(reporter=user).exclude(note="").update(note="")
    # Conversations nobody is left to read go, unless moderators have a report about them.
    Conversation.objects.filter(
        Q(first=user, second__isnull=True) | Q(second=user, first__isnull=True)
    ).exclude(Exists(Report.objects.filter(message__conversation=OuterRef("pk")))).delete()
