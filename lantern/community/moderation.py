"""Reports and moderation: the moderation queue, hiding and restoring, warnings, mutes,
removals and bans. Every action is recorded with its reason (`ModerationAction`) and visible to
the other moderators; reading a reported private conversation is recorded too."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core.notifications import notify
from lantern.safety import services as safety

from . import access
from .models import (
    Membership,
    Message,
    ModerationAction,
    Post,
    Report,
    Sanction,
    Space,
    Thread,
)
from .services import (
    REASON_MAX,
    CommunityError,
    _deliver,
    _on_publish,
    _record,
    clean_text,
    space_moderators,
)


def _reason(reason: str) -> str:
    return clean_text(reason, limit=REASON_MAX, what=_("The reason"))


def _report_url(report: Report) -> str:
    return f"/groups/moderation/reports/{report.pk}/"


def _tell_moderators(space: Space | None, title: str, url: str) -> None:
    people = {u.pk: u for u in safety.with_role("moderator")}
    if space is not None:
        people.update({u.pk: u for u in space_moderators(space)})
    for person in people.values():
        notify(person, "community.report", title, url=url)


def _check_note(reporter: User, report: Report) -> bool:
    """A report's note goes through the safety net like every other text; True when the
    reporter should see the crisis lines."""
    if not report.note.strip():
        return False
    outcome = safety.check_text(
        reporter, report.note, "report", source=report, source_url=_report_url(report)
    )
    return bool(outcome.show_resources)


@transaction.atomic
def report_post(reporter: User, post: Post, reason: str, note: str = "") -> Report:
    """Anyone who can see a post can report it; the space's and the site's moderators hear.
    `report.show_resources`: whether the reporter should see the crisis lines."""
    if reason not in Report.Reason.values:
        raise CommunityError(_("Choose a reason."))
    if not access.can_see_post(reporter, post) or (
        post.status == Post.Status.DELETED and not access.can_moderate_space(reporter, post.space)
    ):
        raise CommunityError(_("You cannot report this."))
    report = Report.objects.create(reporter=reporter, post=post, reason=reason, note=note[:1000])
    report.show_resources = _check_note(reporter, report)
    _tell_moderators(post.space, _("A post was reported"), _report_url(report))
    return report


@transaction.atomic
def report_message(reporter: User, message: Message, reason: str, note: str = "") -> Report:
    """A participant reports a message they may read; moderators see the whole conversation
    with it. `report.show_resources`: whether the reporter should see the crisis lines."""
    if reason not in Report.Reason.values:
        raise CommunityError(_("Choose a reason."))
    if not message.readable_by(reporter):
        raise CommunityError(_("You cannot report this."))
    report = Report.objects.create(
        reporter=reporter, message=message, reason=reason, note=note[:1000]
    )
    report.show_resources = _check_note(reporter, report)
    _tell_moderators(None, _("A private message was reported"), _report_url(report))
    return report


def _moderated_spaces(moderator: User):
    if access.is_site_moderator(moderator):
        return Space.objects.values("pk")
    return Membership.objects.filter(
        person=moderator, role=Membership.Role.MODERATOR, status=Membership.Status.ACTIVE
    ).values("space_id")


def moderation_queue(moderator: User):
    """Open reports and held posts the moderator may act on (held messages: site moderators)."""
    posts_here = Post.objects.visible_to(moderator)
    about = Q(post__in=posts_here.filter(space__in=_moderated_spaces(moderator)).values("pk"))
    if access.is_site_moderator(moderator):
        about |= Q(message__isnull=False)
    reports = Report.objects.filter(about, status=Report.Status.OPEN)
    posts_here = posts_here.filter(space__in=_moderated_spaces(moderator))
    held = posts_here.filter(status=Post.Status.HELD).select_related("thread", "space", "author")
    held_messages = (
        Message.objects.filter(status=Message.Status.HELD).select_related("sender")
        if access.is_site_moderator(moderator)
        else Message.objects.none()
    )
    return (
        reports.select_related(
            "post__thread", "post__space", "post__author", "reporter", "message__sender"
        ),
        held.order_by("created_at"),
        held_messages.order_by("created_at"),
    )


def can_handle_report(moderator: User, report: Report) -> bool:
    if report.post_id:
        return access.can_moderate_space(moderator, report.post.space)
    return access.is_site_moderator(moderator)


@transaction.atomic
def moderate_post(moderator: User, post: Post, action: str, reason: str) -> Post:
    """Hide a post from members, restore a hidden one, or approve a held one. Recorded with
    the reason for the other moderators."""
    if not access.can_moderate_space(moderator, post.space):
        raise CommunityError(_("Only this group's moderators can do that."))
    reason = _reason(reason)
    if action == "hide" and post.status in (Post.Status.PUBLISHED, Post.Status.HELD):
        was_published = post.status == Post.Status.PUBLISHED
        post.status = Post.Status.HIDDEN
        post.save(update_fields=["status"])
        if was_published and not post.opening:
            Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        kind = ModerationAction.Kind.HIDE
    elif action in ("restore", "approve") and post.status in (Post.Status.HIDDEN, Post.Status.HELD):
        kind = (
            ModerationAction.Kind.APPROVE
            if post.status == Post.Status.HELD
            else ModerationAction.Kind.RESTORE
        )
        post.status = Post.Status.PUBLISHED
        post.save(update_fields=["status"])
        if kind == ModerationAction.Kind.APPROVE:
            _on_publish(post)
        elif not post.opening:
            Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
    else:
        raise CommunityError(_("That action does not apply to this post."))
    _record(moderator, kind, reason, post=post, person=post.author, space=post.space)
    return post


@transaction.atomic
def lock_thread(moderator: User, thread: Thread, locked: bool, reason: str) -> Thread:
    """Close a thread to new replies (or reopen it); it stays readable."""
    if not access.can_moderate_space(moderator, thread.space):
        raise CommunityError(_("Only this group's moderators can do that."))
    reason = _reason(reason)
    thread.locked = locked
    thread.save(update_fields=["locked"])
    kind = ModerationAction.Kind.LOCK if locked else ModerationAction.Kind.UNLOCK
    _record(moderator, kind, reason, space=thread.space, person=thread.author)
    return thread


@transaction.atomic
def moderate_message(moderator: User, message: Message, action: str, reason: str) -> Message:
    """Site moderators release a held message or hide a reported one."""
    if not access.is_site_moderator(moderator):
        raise CommunityError(_("Only moderators can do that."))
    reason = _reason(reason)
    if action == "hide" and message.status != Message.Status.HIDDEN:
        message.status = Message.Status.HIDDEN
        kind = ModerationAction.Kind.HIDE_MESSAGE
    elif action == "approve" and message.status == Message.Status.HELD:
        message.status = Message.Status.SENT
        kind = ModerationAction.Kind.RESTORE_MESSAGE
    else:
        raise CommunityError(_("That action does not apply to this message."))
    message.save(update_fields=["status"])
    if kind == ModerationAction.Kind.RESTORE_MESSAGE:
        _deliver(message)
    _record(moderator, kind, reason, message=message, person=message.sender)
    return message


def _belongs_to(person: User, space: Space | None) -> bool:
    """Whether someone takes part in a space: an active member, or has posted there."""
    if space is None:
        return False
    return (
        Membership.objects.filter(
            space=space, person=person, status=Membership.Status.ACTIVE
        ).exists()
        or Post.objects.filter(space=space, author=person).exists()
    )


@transaction.atomic
def sanction(
    moderator: User,
    person: User,
    action: str,
    reason: str,
    *,
    space: Space | None = None,
    days: int | None = None,
) -> ModerationAction:
    """Warn, mute for a period, remove from a space, or ban. Peer moderators act only in their
    own space; muting everywhere and banning are for site moderators."""
    reason = _reason(reason)
    site = access.is_site_moderator(moderator)
    if not (site or (space is not None and access.can_moderate_space(moderator, space))):
        raise CommunityError(_("Only moderators can do that."))
    if person.pk == moderator.pk:
        raise CommunityError(_("You cannot do that to yourself."))
    if access.is_site_moderator(person) and not access.has_role(moderator, "admin"):
        raise CommunityError(_("Moderators are moderated by administrators."))
    if not site and action != "lift" and not _belongs_to(person, space):
        raise CommunityError(_("You can only act on people who take part in your group."))
    until = None
    if action == "warn":
        kind = ModerationAction.Kind.WARN
        safety.check_text(moderator, reason, "moderation")
        notify(
            person,
            "community.warning",
            _("A moderator has a message for you"),
            body=reason,
            url="/groups/",
        )
    elif action == "mute":
        if not days or not 1 <= days <= 365:
            raise CommunityError(_("Mute for between 1 and 365 days."))
        until = timezone.now() + timedelta(days=days)
        Sanction.objects.create(person=person, kind=Sanction.Kind.MUTE, space=space, until=until)
        kind = ModerationAction.Kind.MUTE
        notify(
            person,
            "community.warning",
            _("You have been muted for %(days)s days") % {"days": days},
            body=reason,
            url="/groups/",
        )
    elif action == "remove":
        if space is None:
            raise CommunityError(_("Choose the group to remove them from."))
        Membership.objects.update_or_create(
            space=space, person=person, defaults={"status": Membership.Status.REMOVED}
        )
        kind = ModerationAction.Kind.REMOVE
    elif action == "ban":
        if not site:
            raise CommunityError(_("Only site moderators can ban."))
        if days:
            until = timezone.now() + timedelta(days=days)
        Sanction.objects.create(person=person, kind=Sanction.Kind.BAN, until=until)
        kind = ModerationAction.Kind.BAN
        space = None
    elif action == "lift":
        in_force = Sanction.objects.in_force().filter(person=person)
        if not site:
            # Peer moderators lift only their own group's mutes, never site-wide sanctions.
            in_force = in_force.filter(space=space)
        elif space is not None:
            in_force = in_force.filter(Q(space=space) | Q(space__isnull=True))
        in_force.update(lifted_at=timezone.now())
        kind = ModerationAction.Kind.LIFT
    else:
        raise CommunityError(_("Choose an action."))
    return _record(moderator, kind, reason, person=person, space=space, until=until)


@transaction.atomic
def resolve_report(moderator: User, report: Report, reason: str) -> Report:
    if not can_handle_report(moderator, report):
        raise CommunityError(_("Only moderators can do that."))
    reason = _reason(reason)
    report.status = Report.Status.RESOLVED
    report.resolved_by = moderator
    report.resolved_at = timezone.now()
    report.save(update_fields=["status", "resolved_by", "resolved_at"])
    _record(
        moderator,
        ModerationAction.Kind.DISMISS,
        reason,
        report=report,
        post=report.post,
        message=report.message,
    )
    return report


def record_conversation_read(moderator: User, report: Report) -> None:
    """Reading someone's private messages is recorded, like every staff read of private data."""
    _record(
        moderator,
        ModerationAction.Kind.VIEW_CONVERSATION,
        _("reported message"),
        report=report,
        message=report.message,
    )


def person_history(moderator: User, person: User):
    """A person's moderation history and sanctions in force, as a moderator may see them:
    site moderators see everything; peer moderators only what happened in the spaces they
    moderate, and nothing (None) about someone with no link to those spaces."""
    history = ModerationAction.objects.filter(person=person).select_related("moderator", "space")
    sanctions = Sanction.objects.in_force().filter(person=person).select_related("space")
    if access.is_site_moderator(moderator):
        return history, sanctions
    spaces = _moderated_spaces(moderator)
    linked = (
        Membership.objects.filter(person=person, space__in=spaces).exists()
        or Post.objects.filter(author=person, space__in=spaces).exists()
        or history.filter(space__in=spaces).exists()
    )
    if not linked:
        return None
    return history.filter(space__in=spaces), sanctions.filter(space__in=spaces)


def moderation_log(moderator: User, limit: int = 100):
    """Every action by every moderator, newest first (site moderators); peer moderators see
    the actions in their spaces."""
    actions = ModerationAction.objects.select_related("moderator", "person", "space")
    if not access.is_site_moderator(moderator):
        actions = actions.filter(space__in=_moderated_spaces(moderator))
    return actions[:limit]
