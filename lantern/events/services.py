"""The events' rules: creating, changing and calling off events, RSVPs with a waitlist that
promotes the next person automatically, reminders, and clubs. Each write is one function, in one
transaction, taking the acting person first; views, the API, tasks and the demo call these.

The waitlist is exactly-once: every RSVP change takes the event's row lock first
(`select_for_update`), so two people cancelling at the same moment are served one after the
other and each free place goes to exactly one person, who is told once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.community.services.base import clean_text
from lantern.core import ratelimits
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.timezones import is_valid_zone
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access, tasks
from .models import Club, ClubMember, Event, Rsvp

TITLE_MAX = 120
DESCRIPTION_MAX = 5_000
ACCESSIBILITY_MAX = 1_000
PLACE_MAX = 200
REASON_MAX = 500
TAGS_MAX = 8
TAG_MAX = 30
CAPACITY_MAX = 10_000
LONGEST = timedelta(days=14)
# Reminders: a day before; an event made less than a day ahead is reminded of an hour before.
REMIND_BEFORE = timedelta(hours=24)
REMIND_LATE = timedelta(hours=1)


@dataclass(frozen=True)
class EventFields:
    """What an organizer writes about an event (the form and the API build one)."""

    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    tags: tuple[str, ...] = ()
    accessibility: str = ""
    visibility: str = Event.Visibility.MEMBERS
    club: Club | None = None


def clean_tags(tags) -> list[str]:
    cleaned = []
    for tag in tags:
        tag = " ".join(str(tag).split()).lower()
        if not tag or tag in cleaned:
            continue
        if len(tag) > TAG_MAX:
            raise Refused(_("Each tag can have at most 30 characters."), field="tags")
        cleaned.append(tag)
    if len(cleaned) > TAGS_MAX:
        raise Refused(_("Use at most 8 tags."), field="tags")
    return cleaned


def _clean(fields: EventFields, *, now: datetime, creating: bool) -> dict:
    title = clean_text(fields.title, limit=TITLE_MAX, what=_("The title"), field="title")
    description = clean_text(
        fields.description, limit=DESCRIPTION_MAX, what=_("The description"), field="description"
    )
    accessibility = ""
    if fields.accessibility.strip():
        accessibility = clean_text(
            fields.accessibility,
            limit=ACCESSIBILITY_MAX,
            what=_("The accessibility notes"),
            field="accessibility",
        )
    place = fields.place.strip()
    if len(place) > PLACE_MAX:
        raise Refused(_("The place is too long: at most 200 characters."), field="place")
    online_url = fields.online_url.strip()
    if online_url and not online_url.startswith("https://"):
        raise Refused(_("The online link must start with https://"), field="online_url")
    if not place and not online_url:
        raise Refused(_("Say where it happens: a place, an online link, or both."), field="place")
    if not is_valid_zone(fields.time_zone):
        raise Refused(_("Choose a time zone from the list."), field="time_zone")
    if timezone.is_naive(fields.starts_at) or timezone.is_naive(fields.ends_at):
        raise ValueError("an event's start and end are aware datetimes")
    if fields.ends_at <= fields.starts_at:
        raise Refused(_("The end must be after the start."), field="ends_at")
    if fields.ends_at - fields.starts_at > LONGEST:
        raise Refused(_("An event can last at most 14 days."), field="ends_at")
    if creating and fields.starts_at < now:
        raise Refused(_("The start is in the past."), field="starts_at")
    if fields.capacity is not None and not 1 <= fields.capacity <= CAPACITY_MAX:
        raise Refused(_("Places must be between 1 and 10,000."), field="capacity")
    if fields.visibility not in Event.Visibility.values:
        raise Refused(_("Choose who can see the event."), field="visibility")
    return {
        "title": title,
        "description": description,
        "starts_at": fields.starts_at,
        "ends_at": fields.ends_at,
        "time_zone": fields.time_zone,
        "place": place,
        "online_url": online_url,
        "capacity": fields.capacity,
        "tags": clean_tags(fields.tags),
        "accessibility": accessibility,
        "visibility": fields.visibility,
        "club": fields.club,
    }


def _check_words(actor, event: Event) -> Saved:
    words = "\n\n".join(
        part for part in (event.title, event.description, event.accessibility) if part
    )
    outcome = safety.check_text(
        actor, words, Context.EVENT, source=event, source_url=event.get_absolute_url()
    )
    return Saved(event, show_crisis_resources=outcome.show_crisis_resources)


@transaction.atomic
def create_event(actor, fields: EventFields, *, now: datetime | None = None) -> Saved:
    """A supporter or staff member puts an event on. Its words go through the safety net; a
    reminder is scheduled for the people who will come."""
    if not access.can_organize(actor):
        raise Refused(_("Only supporters and staff can organize events."))
    values = _clean(fields, now=now or timezone.now(), creating=True)
    ratelimits.consume("event", actor)
    event = Event.objects.create(organizer=actor, **values)
    _schedule_reminder(event, now)
    return _check_words(actor, event)


@transaction.atomic
def update_event(actor, event: Event, fields: EventFields, *, now: datetime | None = None) -> Saved:
    """The organizer (or a site moderator) changes an event. A new time or place is told to
    everyone coming; more places promote people from the waitlist."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_edit_event(actor, event):
        raise NotFound
    if event.is_cancelled:
        raise Refused(_("This event was called off; it cannot be changed."))
    values = _clean(fields, now=now or timezone.now(), creating=False)
    moved = (event.starts_at, event.ends_at) != (values["starts_at"], values["ends_at"])
    relocated = (event.place, event.online_url) != (values["place"], values["online_url"])
    for name, value in values.items():
        setattr(event, name, value)
    if moved:
        event.reminder_version += 1
        Rsvp.objects.filter(event=event).update(reminded_at=None)
    event.save()
    if moved:
        _schedule_reminder(event, now)
    if moved or relocated:
        for rsvp in event.rsvps.filter(status__in=[Rsvp.Status.GOING, Rsvp.Status.WAITLIST]):
            if rsvp.person_id != actor.pk:
                notify(
                    rsvp.person,
                    "events.changed",
                    about=event,
                    params={"event": event.title},
                    url=event.get_absolute_url(),
                )
    _promote(event)
    return _check_words(actor, event)


@transaction.atomic
def cancel_event(actor, event: Event, reason: str) -> Saved:
    """Call an event off. Everyone who was coming, or waiting for a place, is told, with the
    organizer's reason (in-app only; mail says only that an event was called off)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not access.can_edit_event(actor, event):
        raise NotFound
    if event.is_cancelled:
        raise Refused(_("This event was already called off."))
    reason = clean_text(reason, limit=REASON_MAX, what=_("The reason"), field="reason")
    event.status = Event.Status.CANCELLED
    event.reminder_version += 1
    event.save(update_fields=["status", "reminder_version", "updated_at"])
    outcome = safety.check_text(
        actor, reason, Context.EVENT, source=event, source_url=event.get_absolute_url()
    )
    for rsvp in event.rsvps.filter(
        status__in=[Rsvp.Status.GOING, Rsvp.Status.WAITLIST]
    ).select_related("person"):
        if rsvp.person_id != actor.pk:
            notify(
                rsvp.person,
                "events.cancelled",
                about=event,
                params={"event": event.title},
                body="" if outcome.hold else reason,
                url=event.get_absolute_url(),
            )
    return Saved(event, show_crisis_resources=outcome.show_crisis_resources)


# --- RSVPs and the waitlist ---------------------------------------------------------------------


def going_count(event: Event) -> int:
    return event.rsvps.filter(status=Rsvp.Status.GOING).count()


def rsvp_of(person, event: Event) -> Rsvp | None:
    if not person.is_authenticated:
        return None
    return Rsvp.objects.filter(event=event, person=person).first()


@transaction.atomic
def rsvp(actor, event: Event, *, now: datetime | None = None) -> Rsvp:
    """`actor` says they are coming: a place if one is free, else the end of the waitlist.
    Saying it twice changes nothing."""
    event = Event.objects.select_for_update().get(pk=event.pk)  # one RSVP change at a time
    if not access.can_rsvp(actor, event, now):
        raise Refused(_("You cannot say you are coming to this event."))
    current = Rsvp.objects.filter(event=event, person=actor).first()
    if current is not None and current.status != Rsvp.Status.CANCELLED:
        return current
    ratelimits.consume("rsvp", actor)
    full = event.capacity is not None and going_count(event) >= event.capacity
    status = Rsvp.Status.WAITLIST if full else Rsvp.Status.GOING
    if current is None:
        current = Rsvp.objects.create(event=event, person=actor, status=status)
    else:
        current.status, current.queued_at = status, timezone.now()
        current.promoted_at = current.reminded_at = None
        current.save()
    return current


@transaction.atomic
def cancel_rsvp(actor, event: Event) -> Rsvp | None:
    """`actor` is no longer coming (or leaves the waitlist). A place they free goes to the first
    person waiting, who is told. Cancelling twice changes nothing."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    current = Rsvp.objects.filter(event=event, person=actor).first()
    if current is None or current.status == Rsvp.Status.CANCELLED:
        return current
    current.status = Rsvp.Status.CANCELLED
    current.save(update_fields=["status", "updated_at"])
    _promote(event)
    return current


def _promote(event: Event) -> list[Rsvp]:
    """Fill free places from the waitlist, first come first served, telling each person. The
    caller holds the event's row lock."""
    if event.is_cancelled or event.ends_at <= timezone.now():
        return []
    promoted = []
    waiting = event.rsvps.filter(status=Rsvp.Status.WAITLIST).order_by("queued_at", "pk")
    waiting = waiting.select_related("person")
    if event.capacity is not None:
        free = event.capacity - going_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    for rsvp in waiting:
        updated = Rsvp.objects.filter(pk=rsvp.pk, status=Rsvp.Status.WAITLIST).update(
            status=Rsvp.Status.GOING, promoted_at=timezone.now()
        )
        if updated:
            promoted.append(rsvp)
            notify(
                rsvp.person,
                "events.promoted",
                about=event,
                params={"event": event.title},
                url=event.get_absolute_url(),
            )
    return promoted


def waitlist_position(rsvp: Rsvp) -> int:
    """1 for the first person waiting."""
    return (
        Rsvp.objects.filter(event_id=rsvp.event_id, status=Rsvp.Status.WAITLIST)
        .filter(Q(queued_at__lt=rsvp.queued_at) | Q(queued_at=rsvp.queued_at, pk__lt=rsvp.pk))
        .count()
        + 1
    )


def attendees(event: Event) -> dict:
    rsvps = event.rsvps.exclude(status=Rsvp.Status.CANCELLED).select_related("person")
    rsvps = rsvps.order_by("queued_at", "pk")
    return {
        "going": [r for r in rsvps if r.status == Rsvp.Status.GOING],
        "waitlist": [r for r in rsvps if r.status == Rsvp.Status.WAITLIST],
    }


def with_counts(events):
    """Events with `going` (the number of places taken) in the same query."""
    return events.annotate(
        going=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.GOING))
    ).annotate(left=F("capacity") - F("going"))


# --- Reminders ----------------------------------------------------------------------------------


def reminder_time(event: Event, now: datetime | None = None) -> datetime | None:
    now = now or timezone.now()
    for before in (REMIND_BEFORE, REMIND_LATE):
        if event.starts_at - before > now:
            return event.starts_at - before
    return None


def _schedule_reminder(event: Event, now: datetime | None = None) -> None:
    when = reminder_time(event, now)
    if when is None:
        return
    pk, version = event.pk, event.reminder_version
    transaction.on_commit(
        lambda: tasks.send_event_reminders.using(run_after=when).enqueue(pk, version)
    )


def run_reminders(event_id: int, version: int) -> int:
    """Remind everyone going who has not been reminded (the task; safe to run twice: each
    person is claimed with a conditional update). A stale version (the time changed, or the
    event was called off) does nothing."""
    event = Event.objects.filter(pk=event_id, reminder_version=version).first()
    if event is None or event.is_cancelled or event.starts_at <= timezone.now():
        return 0
    sent = 0
    going = event.rsvps.filter(status=Rsvp.Status.GOING, reminded_at__isnull=True)
    for rsvp in going.select_related("person"):
        with transaction.atomic():
            claimed = Rsvp.objects.filter(
                pk=rsvp.pk, status=Rsvp.Status.GOING, reminded_at__isnull=True
            ).update(reminded_at=timezone.now())
            if claimed:
                notify(
                    rsvp.person,
                    "events.reminder",
                    about=event,
                    params={"event": event.title},
                    url=event.get_absolute_url(),
                )
                sent += 1
    return sent


# --- Clubs --------------------------------------------------------------------------------------


@transaction.atomic
def create_club(actor, name: str, description: str) -> Saved:
    """A supporter or staff member starts a club; they are its first member."""
    if not access.can_create_club(actor):
        raise Refused(_("Only supporters and staff can start clubs."))
    name = clean_text(name, limit=80, what=_("The name"), field="name")
    description = clean_text(
        description, limit=2000, what=_("The description"), field="description"
    )
    slug = slugify(name)[:50] or "club"
    base, n = slug, 1
    while Club.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    club = Club.objects.create(slug=slug, name=name, description=description, organizer=actor)
    ClubMember.objects.create(club=club, person=actor)
    outcome = safety.check_text(
        actor,
        f"{name}\n\n{description}",
        Context.EVENT,
        source=club,
        source_url=club.get_absolute_url(),
    )
    return Saved(club, show_crisis_resources=outcome.show_crisis_resources)


@transaction.atomic
def join_club(actor, club: Club) -> ClubMember:
    if not actor.is_authenticated:
        raise Refused(_("Sign in to join a club."))
    try:
        with transaction.atomic():
            return ClubMember.objects.get_or_create(club=club, person=actor)[0]
    except IntegrityError:  # joined twice at once
        return ClubMember.objects.get(club=club, person=actor)


@transaction.atomic
def leave_club(actor, club: Club) -> None:
    ClubMember.objects.filter(club=club, person=actor).delete()


def clubs_of(person) -> list[Club]:
    if not person.is_authenticated:
        return []
    return list(Club.objects.filter(members__person=person))


# --- My data ------------------------------------------------------------------------------------


def export_events(person) -> dict:
    return {
        "rsvps": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "status": r.status,
                "promoted_at": r.promoted_at.isoformat() if r.promoted_at else None,
            }
            for r in person.rsvps.select_related("event").order_by("event__starts_at")
        ],
        "clubs": [m.club.name for m in person.club_memberships.select_related("club")],
        "events_organized": [
            {"title": e.title, "starts_at": e.starts_at.isoformat(), "status": e.status}
            for e in Event.objects.filter(organizer=person)
        ],
    }


def erase_events(person) -> None:
    """A person who leaves frees their places (the next person waiting is promoted and told);
    their RSVPs and club memberships then go with the account. Events they organized stay, by
    "a former member", so the people coming are not left without an event."""
    for rsvp in person.rsvps.filter(
        status=Rsvp.Status.GOING, event__ends_at__gt=timezone.now()
    ).select_related("event"):
        cancel_rsvp(person, rsvp.event)
