"""Threads, replies and support reactions. Every post goes through the safety net
(`safety.services.check_text`) when it is saved: urgent words raise an alert, and may be held
for the group's moderators."""

from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import ratelimits
from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from .. import access, text
from ..models import Post, Reaction, Thread, opening_visible_to
from .base import POST_MAX, TITLE_MAX, clean_text, people_by_handles, space_moderators
from .conversations import settings_for


def _assess(author, post: Post, words: str) -> safety.Outcome:
    return safety.check_text(
        author,
        words,
        Context.POST if post.opening else Context.REPLY,
        source=post,
        source_url=post.get_absolute_url(),
        hold_urgent=post.space.hold_urgent_posts,
    )


def _is_first_post(author) -> bool:
    """A newcomer's first words here (supporters and staff are never newcomers)."""
    if access.can_welcome_newcomers(author):
        return False
    return not Post.objects.filter(author=author).exists()


@transaction.atomic
def start_thread(
    author,
    space,
    title: str,
    body: str,
    *,
    anonymous: bool = False,
    content_warning: bool = False,
) -> Saved:
    """A member of the space starts a thread. Urgent writing is held when the space says so."""
    if not access.can_post_in_space(author, space):
        raise Refused(_("You cannot post in this group."))
    title = clean_text(title, limit=TITLE_MAX, what=_("The title"), field="title")
    body = clean_text(body, limit=POST_MAX, what=_("Your post"), field="body")
    ratelimits.consume("thread", author)
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
    outcome = _assess(author, post, f"{title}\n\n{body}")
    _publish_or_hold(post, outcome.hold)
    return Saved(post, show_crisis_resources=outcome.show_crisis_resources, held=outcome.hold)


@transaction.atomic
def reply(
    author,
    thread: Thread,
    body: str,
    *,
    anonymous: bool = False,
    content_warning: bool = False,
) -> Saved:
    """A member of the space replies to a thread."""
    if not access.can_reply_to_thread(author, thread):
        raise Refused(_("You cannot reply here."))
    body = clean_text(body, limit=POST_MAX, what=_("Your reply"), field="body")
    ratelimits.consume("reply", author)
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
    outcome = _assess(author, post, body)
    _publish_or_hold(post, outcome.hold)
    return Saved(post, show_crisis_resources=outcome.show_crisis_resources, held=outcome.hold)


def _publish_or_hold(post: Post, hold: bool) -> None:
    """Held posts wait for the group's peer moderators (site moderators already have the
    safety alert); published ones go out at once."""
    if not hold:
        publish(post)
        return
    post.status = Post.Status.HELD
    post.save(update_fields=["status"])
    for moderator in space_moderators(post.space):
        notify(
            moderator,
            "community.held",
            about=post,
            params={"space": post.space.name},
            url=reverse("community-moderation"),
        )


def _tell(person, kind: str, post: Post) -> None:
    """A reply or a mention: named by handle, unless the post is anonymous."""
    if post.anonymous:
        notify(
            person,
            f"{kind}_anonymous",
            about=post,
            params={"thread": post.thread.title},
            url=post.get_absolute_url(),
        )
    else:
        notify(
            person,
            kind,
            about=post,
            actor=post.author,
            params={"thread": post.thread.title},
            url=post.get_absolute_url(),
        )


def publish(post: Post) -> None:
    """A post became visible (at once, or approved by a moderator): update the thread, welcome
    newcomers' first posts, and tell the thread's author and anyone mentioned."""
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
        _tell(author, "community.reply", post)
        told.add(author.pk)
    for person in people_by_handles(text.mentioned_handles(post.body)):
        if person.pk in told or not access.can_see_post(person, post):
            continue
        if not settings_for(person).notify_mentions:
            continue
        _tell(person, "community.mention", post)
        told.add(person.pk)


@transaction.atomic
def edit_post(
    person, post: Post, body: str, *, content_warning: bool, title: str | None = None
) -> Saved:
    """Authors may edit within the edit window; the new text is assessed again. The opening
    post's author may also change the thread's title."""
    if not access.can_edit_post(person, post):
        raise Refused(_("This post can no longer be edited."))
    body = clean_text(body, limit=POST_MAX, what=_("Your post"), field="body")
    to_check = body
    if title is not None and post.opening:
        title = clean_text(title, limit=TITLE_MAX, what=_("The title"), field="title")
        if title != post.thread.title:
            Thread.objects.filter(pk=post.thread_id).update(title=title)
            post.thread.title = title
        to_check = f"{title}\n\n{body}"
    post.body, post.html = body, text.render(body)
    post.content_warning = content_warning
    post.edited_at = timezone.now()
    outcome = _assess(person, post, to_check)
    if outcome.hold:
        post.status = Post.Status.HELD
    post.save(update_fields=["body", "html", "content_warning", "edited_at", "status"])
    return Saved(post, show_crisis_resources=outcome.show_crisis_resources, held=outcome.hold)


@transaction.atomic
def delete_post(person, post: Post) -> Post:
    """Soft delete by the author: the thread keeps its shape ("deleted by the author"), the
    text stays only for moderators' records of reports. Notifications that point at the post
    go with it."""
    if not access.can_delete_post(person, post):
        raise Refused(_("You can only delete your own posts."))
    was_published = post.status == Post.Status.PUBLISHED
    post.status = Post.Status.DELETED
    post.save(update_fields=["status"])
    if was_published and not post.opening:
        Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )
    Notification.objects.about(post, *post.reactions.all()).delete()
    return post


@transaction.atomic
def toggle_reaction(person, post: Post, kind: str) -> bool:
    """Add a support reaction, or take it back. Returns whether it is now there."""
    if kind not in Reaction.Kind.values:
        raise Refused(_("Choose a reaction."), field="kind")
    if not access.can_react_to_post(person, post):
        raise Refused(_("You cannot react to this post."))
    taken_back = list(Reaction.objects.filter(post=post, person=person, kind=kind))
    if taken_back:
        Notification.objects.about(*taken_back).delete()  # unread news of it, too
        Reaction.objects.filter(pk__in=[r.pk for r in taken_back]).delete()
        return False
    reaction = Reaction.objects.create(post=post, person=person, kind=kind)
    author = post.author
    if author and author.is_active and settings_for(author).notify_reactions:
        notify(
            author,
            f"community.reaction.{kind}",
            about=reaction,
            actor=person,
            params={"space": post.space.name},
            url=post.get_absolute_url(),
        )
    return True


def reactions_for(posts: list[Post], viewer) -> dict[int, dict]:
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


def posts_in(viewer, thread: Thread):
    """A thread's posts the viewer may see, oldest first."""
    return (
        Post.objects.visible_to(viewer)
        .filter(thread=thread)
        .select_related("author", "space")
        .order_by("created_at")
    )


def welcome_list(viewer, limit: int = 50):
    """Newcomers' first posts nobody has answered yet, longest waiting first: a thread they
    started, or their reply in someone else's thread. Each has `earlier`, the published posts
    before it in its thread (to link to the page it is on)."""
    earlier = (
        Post.objects.filter(
            thread=OuterRef("thread"),
            status=Post.Status.PUBLISHED,
            created_at__lt=OuterRef("created_at"),
        )
        .order_by()
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Post.objects.visible_to(viewer)
        .filter(newcomer=True, welcomed_at__isnull=True, status=Post.Status.PUBLISHED)
        .filter(opening_visible_to(viewer, "thread"))  # never a hidden thread's title
        .annotate(earlier=Coalesce(Subquery(earlier), 0))
        .select_related("thread", "space", "author")
        .order_by("created_at")[:limit]
    )
