"""Reports and moderation: the moderation queue, hiding and restoring, closing threads, warnings,
mutes, removals and bans, one function each. Every action is recorded with its reason
(`ModerationAction`) and visible to the other moderators. A site moderator reading a reported
private conversation is recorded there too, and in the audit log under each of the two people,
who see it in their "who looked"."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import audit, ratelimits
from lantern.core.access import forget, has_role
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import Role
from lantern.safety import access as safety_access
from lantern.safety import services as safety
from lantern.safety.contexts import Context
from lantern.safety.extensions import Link

from .. import access
from ..models import (
    Conversation,
    Membership,
    Message,
    ModerationAction,
    Post,
    Report,
    Sanction,
    Space,
    Thread,
)
from .base import NOTE_MAX, clean_reason, record_action, space_moderators
from .conversations import deliver, open_conversation
from .posts import publish

MUTE_DAYS = (1, 365)


def _report_url(report: Report) -> str:
    return reverse("community-report", args=[report.pk])


# --- Reports ------------------------------------------------------------------------------------


def _tell_moderators(report: Report, space: Space | None) -> None:
    people = {u.pk: u for u in safety.with_role(Role.MODERATOR)}
    if space is not None:
        people.update({u.pk: u for u in space_moderators(space)})
    for person in people.values():
        notify(person, "community.report", about=report, url=_report_url(report))


def _check_note(reporter, report: Report) -> bool:
    """A report's note goes through the safety net like every other text; True when the
    reporter should see the crisis lines."""
    if not report.note.strip():
        return False
    outcome = safety.check_text(
        reporter, report.note, Context.REPORT, source=report, source_url=_report_url(report)
    )
    return bool(outcome.show_crisis_resources)


def _check_reason(reason: str) -> None:
    if reason not in Report.Reason.values:
        raise Refused(_("Choose a reason."), field="reason")


@transaction.atomic
def report_post(reporter, post: Post, reason: str, note: str = "") -> Saved:
    """Anyone who can see a post can report it; the space's and the site's moderators hear."""
    _check_reason(reason)
    if not access.can_report_post(reporter, post):
        raise Refused(_("You cannot report this."))
    ratelimits.consume("report", reporter)
    report = Report.objects.create(
        reporter=reporter, post=post, reason=reason, note=note[:NOTE_MAX]
    )
    show = _check_note(reporter, report)
    _tell_moderators(report, post.space)
    return Saved(report, show_crisis_resources=show)


@transaction.atomic
def report_message(reporter, message: Message, reason: str, note: str = "") -> Saved:
    """A participant reports a message they may read; site moderators see the whole
    conversation with it."""
    _check_reason(reason)
    if not access.can_read_message(reporter, message):
        raise Refused(_("You cannot report this."))
    ratelimits.consume("report", reporter)
    report = Report.objects.create(
        reporter=reporter, message=message, reason=reason, note=note[:NOTE_MAX]
    )
    show = _check_note(reporter, report)
    _tell_moderators(report, None)
    return Saved(report, show_crisis_resources=show)


@transaction.atomic
def resolve_report(moderator, report: Report, reason: str) -> Report:
    """Close a report, with the reason, for the other moderators."""
    if not access.can_handle_report(moderator, report):
        raise Refused(_("Only moderators can do that."))
    reason = clean_reason(reason)
    report.status = Report.Status.RESOLVED
    report.resolved_by = moderator
    report.resolved_at = timezone.now()
    report.save(update_fields=["status", "resolved_by", "resolved_at"])
    record_action(
        moderator,
        ModerationAction.Kind.DISMISS,
        reason,
        report=report,
        post=report.post,
        message=report.message,
    )
    return report


@transaction.atomic
def read_reported_conversation(moderator, report: Report) -> list[Message]:
    """The whole conversation a reported message belongs to, for a site moderator. Reading
    someone's private messages is recorded: in the moderation log, and in the audit log under
    each person in the conversation, so both see it in their "who looked"."""
    if not report.message_id or not access.can_handle_report(moderator, report):
        raise Refused(_("Only moderators can do that."))
    conversation = report.message.conversation
    record_action(
        moderator,
        ModerationAction.Kind.VIEW_CONVERSATION,
        _("reported message"),
        report=report,
        message=report.message,
    )
    for person in conversation.members():
        audit.record(
            moderator, "community.read_conversation", conversation, subject=person, report=report.pk
        )
    return list(conversation.messages.select_related("sender").order_by("created_at"))


# --- The queue and the log ----------------------------------------------------------------------


def _moderated_spaces(moderator):
    if access.is_site_moderator(moderator):
        return Space.objects.values("pk")
    return access.moderated_space_ids(moderator)


def moderation_queue(moderator):
    """Open reports and held posts the moderator may act on (held messages: site moderators)."""
    posts_here = Post.objects.visible_to(moderator).filter(space__in=_moderated_spaces(moderator))
    about = Q(post__in=posts_here.values("pk"))
    if access.can_moderate_messages(moderator):
        about |= Q(message__isnull=False)
    reports = Report.objects.filter(about, status=Report.Status.OPEN)
    held = posts_here.filter(status=Post.Status.HELD).select_related("thread", "space", "author")
    held_messages = (
        Message.objects.filter(status=Message.Status.HELD).select_related("sender")
        if access.can_moderate_messages(moderator)
        else Message.objects.none()
    )
    return (
        reports.select_related(
            "post__thread", "post__space", "post__author", "reporter", "message__sender"
        ),
        held.order_by("created_at"),
        held_messages.order_by("created_at"),
    )


def moderation_log(moderator, limit: int = 100):
    """Every action by every moderator, newest first (site moderators); peer moderators see
    the actions in their spaces."""
    actions = ModerationAction.objects.select_related("moderator", "person", "space")
    if not access.is_site_moderator(moderator):
        actions = actions.filter(space__in=_moderated_spaces(moderator))
    return actions[:limit]


def person_history(moderator, person):
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


# --- Posts, threads and messages ----------------------------------------------------------------


def _check_moderates(moderator, space: Space) -> None:
    if not access.can_moderate_space(moderator, space):
        raise Refused(_("Only this group's moderators can do that."))


@transaction.atomic
def hide_post(moderator, post: Post, reason: str) -> Post:
    """Hide a published or held post from members (its author and the moderators still see
    it). Recorded with the reason."""
    _check_moderates(moderator, post.space)
    reason = clean_reason(reason)
    if post.status not in (Post.Status.PUBLISHED, Post.Status.HELD):
        raise Refused(_("That action does not apply to this post."))
    was_published = post.status == Post.Status.PUBLISHED
    post.status = Post.Status.HIDDEN
    post.save(update_fields=["status"])
    if was_published and not post.opening:
        Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
            reply_count=F("reply_count") - 1
        )
    record_action(
        moderator,
        ModerationAction.Kind.HIDE,
        reason,
        post=post,
        person=post.author,
        space=post.space,
    )
    _resolve_open_reports(moderator, reason, Report.objects.filter(post=post))
    return post


def _resolve_open_reports(moderator, reason: str, reports) -> None:
    """Acting on what was reported settles the reports on it, with the action's reason: the
    moderator writes it once."""
    now = timezone.now()
    for report in reports.filter(status=Report.Status.OPEN).select_related("post__space"):
        report.status = Report.Status.RESOLVED
        report.resolved_by = moderator
        report.resolved_at = now
        report.save(update_fields=["status", "resolved_by", "resolved_at"])
        record_action(
            moderator,
            ModerationAction.Kind.DISMISS,
            reason,
            report=report,
            post=report.post,
            message=report.message,
            space=report.post.space if report.post else None,
        )


@transaction.atomic
def restore_post(moderator, post: Post, reason: str) -> Post:
    """Let members see a post again: restore a hidden one, or approve a held one (which then
    goes out as if just published: replies counted, people told). Recorded with the reason."""
    _check_moderates(moderator, post.space)
    reason = clean_reason(reason)
    if post.status not in (Post.Status.HIDDEN, Post.Status.HELD):
        raise Refused(_("That action does not apply to this post."))
    held = post.status == Post.Status.HELD
    post.status = Post.Status.PUBLISHED
    post.save(update_fields=["status"])
    if held:
        publish(post)
    elif not post.opening:
        Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + 1)
    kind = ModerationAction.Kind.APPROVE if held else ModerationAction.Kind.RESTORE
    record_action(moderator, kind, reason, post=post, person=post.author, space=post.space)
    return post


def _set_lock(moderator, thread: Thread, reason: str, locked: bool) -> Thread:
    _check_moderates(moderator, thread.space)
    reason = clean_reason(reason)
    thread.locked = locked
    thread.save(update_fields=["locked"])
    kind = ModerationAction.Kind.LOCK if locked else ModerationAction.Kind.UNLOCK
    record_action(moderator, kind, reason, space=thread.space, person=thread.author)
    return thread


@transaction.atomic
def lock_thread(moderator, thread: Thread, reason: str) -> Thread:
    """Close a thread to new replies; it stays readable."""
    return _set_lock(moderator, thread, reason, True)


@transaction.atomic
def unlock_thread(moderator, thread: Thread, reason: str) -> Thread:
    """Reopen a closed thread to replies."""
    return _set_lock(moderator, thread, reason, False)


def _check_moderates_messages(moderator) -> None:
    if not access.can_moderate_messages(moderator):
        raise Refused(_("Only moderators can do that."))


@transaction.atomic
def hide_message(moderator, message: Message, reason: str) -> Message:
    """Site moderators hide a reported (or held) message from the conversation."""
    _check_moderates_messages(moderator)
    reason = clean_reason(reason)
    if message.status == Message.Status.HIDDEN:
        raise Refused(_("That action does not apply to this message."))
    message.status = Message.Status.HIDDEN
    message.save(update_fields=["status"])
    record_action(
        moderator,
        ModerationAction.Kind.HIDE_MESSAGE,
        reason,
        message=message,
        person=message.sender,
    )
    _resolve_open_reports(moderator, reason, Report.objects.filter(message=message))
    return message


@transaction.atomic
def release_message(moderator, message: Message, reason: str) -> Message:
    """Site moderators deliver a held message after looking at it."""
    _check_moderates_messages(moderator)
    reason = clean_reason(reason)
    if message.status != Message.Status.HELD:
        raise Refused(_("That action does not apply to this message."))
    message.status = Message.Status.SENT
    message.save(update_fields=["status"])
    deliver(message)
    record_action(
        moderator,
        ModerationAction.Kind.RESTORE_MESSAGE,
        reason,
        message=message,
        person=message.sender,
    )
    return message


# --- People -------------------------------------------------------------------------------------


def _takes_part(person, space: Space | None) -> bool:
    """Whether someone takes part in a space: an active member, or has posted there."""
    if space is None:
        return False
    return (
        Membership.objects.filter(
            space=space, person=person, status=Membership.Status.ACTIVE
        ).exists()
        or Post.objects.filter(space=space, author=person).exists()
    )


def _check_may_act_on(moderator, person, space: Space | None, *, lifting: bool = False) -> bool:
    """Peer moderators act only in their own space, on people who take part in it; site
    moderators everywhere; moderators are moderated by administrators. True for a site
    moderator."""
    site = access.is_site_moderator(moderator)
    if not (site or (space is not None and access.can_moderate_space(moderator, space))):
        raise Refused(_("Only moderators can do that."))
    if person.pk == moderator.pk:
        raise Refused(_("You cannot do that to yourself."))
    if access.is_site_moderator(person) and not has_role(moderator, Role.ADMIN):
        raise Refused(_("Moderators are moderated by administrators."))
    if not site and not lifting and not _takes_part(person, space):
        raise Refused(_("You can only act on people who take part in your group."))
    return site


def _tell_sanctioned(person, kind: str, action: ModerationAction, **params) -> None:
    """The moderator's reason is theirs to read in-app (never mailed)."""
    notify(
        person,
        kind,
        about=action,
        params=params,
        body=action.reason,
        url=reverse("community-spaces"),
    )


@transaction.atomic
def warn(moderator, person, reason: str, *, space: Space | None = None) -> ModerationAction:
    """A word from the moderators, which the person reads in their notifications. The reason is
    words written to a person: it goes through the safety net."""
    reason = clean_reason(reason)
    _check_may_act_on(moderator, person, space)
    safety.check_text(moderator, reason, Context.MODERATION)
    action = record_action(
        moderator, ModerationAction.Kind.WARN, reason, person=person, space=space
    )
    _tell_sanctioned(person, "community.warning", action)
    return action


@transaction.atomic
def mute(
    moderator, person, reason: str, *, days: int | None, space: Space | None = None
) -> ModerationAction:
    """No posting (in `space`, or everywhere and no private messages when `space` is None) for
    1 to 365 days. Peer moderators mute in their own group only."""
    reason = clean_reason(reason)
    _check_may_act_on(moderator, person, space)
    low, high = MUTE_DAYS
    if not days or not low <= days <= high:
        raise Refused(_("Mute for between 1 and 365 days."), field="days")
    until = timezone.now() + timedelta(days=days)
    Sanction.objects.create(person=person, kind=Sanction.Kind.MUTE, space=space, until=until)
    action = record_action(
        moderator, ModerationAction.Kind.MUTE, reason, person=person, space=space, until=until
    )
    _tell_sanctioned(person, "community.muted", action, days=days)
    return action


@transaction.atomic
def remove_from_space(moderator, person, reason: str, *, space: Space | None) -> ModerationAction:
    """Remove someone from a group: they can no longer read it, post in it or join it again."""
    reason = clean_reason(reason)
    _check_may_act_on(moderator, person, space)
    if space is None:
        raise Refused(_("Choose the group to remove them from."))
    Membership.objects.update_or_create(
        space=space, person=person, defaults={"status": Membership.Status.REMOVED}
    )
    forget(person)
    return record_action(
        moderator, ModerationAction.Kind.REMOVE, reason, person=person, space=space
    )


@transaction.atomic
def ban(moderator, person, reason: str, *, days: int | None = None) -> ModerationAction:
    """Site moderators ban someone from the community, for `days` or until lifted."""
    reason = clean_reason(reason)
    if not access.is_site_moderator(moderator):
        raise Refused(_("Only site moderators can ban."))
    _check_may_act_on(moderator, person, None)
    until = timezone.now() + timedelta(days=days) if days else None
    Sanction.objects.create(person=person, kind=Sanction.Kind.BAN, until=until)
    return record_action(moderator, ModerationAction.Kind.BAN, reason, person=person, until=until)


@transaction.atomic
def lift_sanctions(
    moderator, person, reason: str, *, space: Space | None = None
) -> ModerationAction:
    """Lift mutes and bans in force. Peer moderators lift only their own group's mutes, never
    site-wide sanctions; site moderators lift everything (in `space` and site-wide when a space
    is given)."""
    reason = clean_reason(reason)
    site = _check_may_act_on(moderator, person, space, lifting=True)
    in_force = Sanction.objects.in_force().filter(person=person)
    if not site:
        in_force = in_force.filter(space=space)
    elif space is not None:
        in_force = in_force.filter(Q(space=space) | Q(space__isnull=True))
    in_force.update(lifted_at=timezone.now())
    return record_action(moderator, ModerationAction.Kind.LIFT, reason, person=person, space=space)


# --- Reaching the author of urgent words ---------------------------------------------------------


@transaction.atomic
def message_alert_author(actor, alert) -> Conversation:
    """Someone working a safety alert (a moderator, a specialist) opens a private conversation
    with the person whose words raised it, about the alert: the newcomers' rule is for direct
    conversations and does not stand between them; blocks and bans still do."""
    if not safety_access.can_work_alerts(actor):
        raise NotFound
    if alert.author is None:
        raise Refused(_("This person has left Lantern."))
    return open_conversation(actor, alert.author, about=alert)


def message_alert_author_link(viewer, alert) -> Link | None:
    """ "Message sam" on a safety alert's page (registered with the safety net in apps.py),
    when the viewer may reach the author."""
    author = alert.author
    if author is None or author.pk == viewer.pk or access.why_cannot_contact(viewer, author):
        return None
    return Link(
        _("Message %(handle)s") % {"handle": author.handle},
        reverse("community-alert-message", args=[alert.pk]),
    )
