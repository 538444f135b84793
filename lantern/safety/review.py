"""The "Needs a look" queue: shared words the safety net is unsure about (tier 2, "review").

`services.check_text` queues them (`queue`): nobody is paged, the writer already sees the crisis
lines. On-duty peers and moderators (`access.can_work_review_queue`) look before the deadline
(`SafetySettings.review_minutes`, 60 by default) and do one of three things, each audited and
rate-limited ("review_action"):

- `looks_fine`: closes it;
- `reach_out`: a private conversation with the writer, about the item, through the app that
  keeps private messages (registered in `extensions.review_author_contact`);
- `raise_to_urgent`: an urgent alert, as urgent words raise one (`services.raise_alert`).

An item nobody has looked at by its deadline escalates on the task worker like an unanswered
alert: on-duty moderators and specialists are told (every specialist when none is on duty),
then administrators; each step has the alert's response time (`alert_response_minutes`). The
sweeper (`services.sweep_missed_escalations`) catches a timer lost with a dead worker.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core import audit, ratelimits
from lantern.core.access import has_role
from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent
from lantern.core.notifications import notify
from lantern.core.roles import Role

from . import access, extensions, risk, services, tasks
from .contexts import Context
from .models import Alert, ReachOut, ReviewItem, SafetySettings

LAST_TIER = ReachOut.Tier.ADMIN


def _queue_url() -> str:
    return reverse("safety-review")


@transaction.atomic
def queue(
    author: User,
    text: str,
    context: Context,
    assessment: risk.Assessment,
    *,
    source=None,
    source_url: str = "",
) -> ReviewItem:
    """Put shared words in the queue with a deadline; nobody is told now. Words of the same
    record still waiting (an edited post) update the item they are already in, deadline kept.
    Called by `services.check_text`."""
    if not context.shared:
        raise ValueError("Private words never reach the review queue")
    reference = source if isinstance(source, str) else audit.target_of(source)
    fields = {
        "excerpt": text[:1000],
        "reasons": assessment.reasons,
        "score": assessment.score,
        "context": context.value,
        "source_url": source_url,
    }
    waiting = None
    if reference:
        waiting = ReviewItem.objects.open().filter(source=reference, author=author).first()
    if waiting is not None:
        for name, value in fields.items():
            setattr(waiting, name, value)
        waiting.save(update_fields=list(fields))
        return waiting
    respond_by = timezone.now() + timedelta(minutes=SafetySettings.current().review_minutes)
    item = ReviewItem.objects.create(
        author=author, source=reference, respond_by=respond_by, **fields
    )
    services._schedule(tasks.escalate_review_item, item.pk, item.tier, respond_by)
    return item


# --- Looking -----------------------------------------------------------------------------------


def queue_page(actor: User, *, handled: bool = False, limit: int = 100) -> list[ReviewItem]:
    """A page of the queue as `actor` may see it (`access.review_items_for`), each item with
    `where` (an `extensions.Source`, or None) from the app that keeps the words; items whose
    writer is for staff only (an anonymous post) left out for peers; the reads audited
    (`read_queue`)."""
    items = list(access.review_items_for(actor, handled=handled)[:limit])
    sources = extensions.describe_review_sources(actor, [item.source for item in items])
    staff = has_role(actor, *access.REVIEW_ROLES)
    shown = []
    for item in items:
        item.where = sources.get(item.source)
        if staff or item.where is None or not item.where.staff_only:
            shown.append(item)
    return read_queue(actor, shown)


def read_queue(actor: User, items: list[ReviewItem]) -> list[ReviewItem]:
    """`actor` reads a page of the queue. The words of a private message (shown to staff only,
    `access.can_act_on_review_item`) are a read of someone's private conversation: the first
    time each is shown to `actor` it is audited, and the writer sees it under "Who looked".
    One query for the page, and a row per item read for the first time."""
    private = [item for item in items if item.context in access.STAFF_ONLY_REVIEW_CONTEXTS]
    if not private:
        return items
    seen = set(
        AuditEvent.objects.filter(
            actor=actor,
            action="review.read_message",
            target__in=[audit.target_of(item) for item in private],
        ).values_list("target", flat=True)
    )
    for item in private:
        if audit.target_of(item) not in seen:
            audit.record(actor, "review.read_message", item, subject=item.author)
    return items


def _take(actor: User, item: ReviewItem) -> ReviewItem:
    """Check `actor` may act on `item`, count the action, and lock the item while it is still
    open; refuse (with who looked) once someone else has."""
    if not access.can_act_on_review_item(actor, item):
        raise NotFound
    ratelimits.consume("review_action", actor)
    locked = ReviewItem.objects.select_for_update().select_related("author").get(pk=item.pk)
    if not locked.is_open:
        who = locked.handled_by.handle if locked.handled_by else _("someone")
        raise Refused(_("%(handle)s has already looked at this.") % {"handle": who})
    return locked


def _close(actor: User, item: ReviewItem, status: str, action: str, **details) -> ReviewItem:
    item.status = status
    item.handled_by = actor
    item.handled_at = timezone.now()
    item.save(update_fields=["status", "handled_by", "handled_at", "alert"])
    audit.record(actor, action, item, subject=item.author, **details)
    return item


@transaction.atomic
def looks_fine(actor: User, item: ReviewItem) -> ReviewItem:
    """Someone read it and it needs nothing more: it leaves the queue."""
    locked = _take(actor, item)
    return _close(actor, locked, ReviewItem.Status.FINE, "review.fine")


@transaction.atomic
def reach_out(actor: User, item: ReviewItem, body: str = "") -> str:
    """Open a private conversation with the writer, about the item (with `body` as its first
    message if given), and close the item; returns the conversation's address. Refused when
    the two may not talk (a block, a ban) or nothing on this site offers private messages."""
    locked = _take(actor, item)
    url = extensions.reach_review_author(actor, locked, body.strip())
    if not url:
        raise Refused(_("Private messages are not available on this site."))
    _close(actor, locked, ReviewItem.Status.REACHED_OUT, "review.reach_out")
    return url


@transaction.atomic
def raise_to_urgent(actor: User, item: ReviewItem) -> Alert:
    """It is a crisis after all: an urgent alert for the people on duty, as urgent words raise
    one (the words stay where they were written: only the alert is new)."""
    locked = _take(actor, item)
    reasons = [
        *locked.reasons,
        _("raised to urgent from “Needs a look” by %(handle)s") % {"handle": actor.handle},
    ]
    assessment = risk.Assessment(risk.URGENT, reasons, review=True, score=locked.score)
    alert = services.raise_alert(
        locked.author,
        locked.excerpt,
        Context(locked.context),
        assessment,
        source=locked.source,
        source_url=locked.source_url,
    )
    locked.alert = alert
    _close(actor, locked, ReviewItem.Status.RAISED, "review.raise", alert=alert.pk)
    return alert


# --- Nobody looked -----------------------------------------------------------------------------


def _tier_people(tier: int) -> list[User]:
    if tier == ReachOut.Tier.SPECIALIST:
        return services.on_duty(Role.MODERATOR, Role.SPECIALIST) or services.with_role(
            Role.SPECIALIST
        )
    if tier == ReachOut.Tier.ADMIN:
        return services.with_role(Role.ADMIN)
    return []


def _advance(item: ReviewItem) -> None:
    """Tell the item's tier (skipping a tier with nobody in it) and set its next deadline."""
    while _notify_tier(item) == 0 and item.tier < LAST_TIER:
        item.tier += 1
    minutes = SafetySettings.current().alert_response_minutes
    item.respond_by = timezone.now() + timedelta(minutes=minutes)
    if item.tier < LAST_TIER:
        services._schedule(tasks.escalate_review_item, item.pk, item.tier, item.respond_by)
    item.save(update_fields=["tier", "escalations", "respond_by"])


def _notify_tier(item: ReviewItem) -> int:
    people = [person for person in _tier_people(item.tier) if person.pk != item.author_id]
    for person in people:
        notify(
            person,
            "safety.review_waiting",
            about=item,
            url=_queue_url(),
            urgent=True,
        )
    return len(people)


def escalate_if_due(item_id: int, expected_tier: int) -> bool:
    """Run by the task worker at an item's deadline: nobody has looked and it is still at the
    tier that set the deadline → the next tier is told. Returns whether it escalated."""
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or not item.is_open or item.tier != expected_tier:
            return False
        if item.tier >= LAST_TIER:
            return False
        item.tier += 1
        item.escalations += 1
        _advance(item)
        audit.record(None, "review.escalate", item, subject=item.author, tier=item.tier)
    return True


def sweep_missed(due) -> int:
    """Escalate, once, each open item more than the grace past its deadline whose timer was
    lost (see `services.sweep_missed_escalations`)."""
    escalated = 0
    items = ReviewItem.objects.open().filter(respond_by__lte=due, tier__lt=LAST_TIER)
    for pk, tier in items.values_list("pk", "tier"):
        if escalate_if_due(pk, tier):
            escalated += 1
    return escalated
