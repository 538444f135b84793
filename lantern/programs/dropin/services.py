"""Drop-in centers: their staff set the opening hours and the activities, start and revoke the
front desk's kiosks; a kiosk records visits; each person can take a visit off their record.

Each function takes the acting person first (for a kiosk, the kiosk: nobody is signed in
there), checks access itself, writes in one transaction and returns what it saved. The
center's own words (activities, a word about the hours, a kiosk's name) go through the safety
net as `Context.PROGRAM`. Reading (today, counts by day and hour, the report) is in
`counts.py`.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community import services as community
from lantern.core import audit, ratelimits, timezones
from lantern.core.errors import Refused
from lantern.core.results import Saved
from lantern.programs.models import Program
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access
from .models import SPANS_A_DAY, WEEKDAYS, Activity, Center, Kiosk, OpeningSpan, Visit

TITLE_MAX = 120
PLACE_MAX = 80
NOTE_MAX = 200
KIOSK_NAME_MAX = 60
HANDLE_MAX = 40
MAX_LIVE_KIOSKS = 20
# Every way someone writes through Lantern is rate limited; a kiosk is counted as itself (one
# per tablet). The limit is in settings.LANTERN_RATE_LIMITS (apps.py supplies a default).
KIOSK_RATE_LIMIT = "dropin_kiosk"


def _words(value: str, *, limit: int, what, field: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise Refused(_("%(what)s is needed.") % {"what": what}, field=field)
    if len(value) > limit:
        raise Refused(
            _("%(what)s can be at most %(limit)s characters.") % {"what": what, "limit": limit},
            field=field,
        )
    return value


def _keeper(actor, program: Program) -> None:
    if not access.can_keep_center(actor, program):
        raise Refused(_("Only the center's staff can do this."))


# --- The center's zone and today -----------------------------------------------------------


def center_of(program: Program) -> Center:
    """The center's row, or an unsaved one with the defaults (reading never writes)."""
    return Center.objects.filter(program=program).first() or Center(program=program)


def zone_of(program: Program) -> ZoneInfo:
    return center_of(program).zone()


def local_now(zone: ZoneInfo, now: datetime | None = None) -> datetime:
    return (now or timezone.now()).astimezone(zone)


# --- Opening hours -------------------------------------------------------------------------


def _check_spans(spans: dict[int, list[tuple[time, time]]]) -> list[OpeningSpan]:
    names = dict(WEEKDAYS)
    rows = []
    for weekday, day_spans in sorted(spans.items()):
        if weekday not in names:
            raise Refused(_("That is not a day of the week."))
        day_spans = sorted(day_spans)
        if len(day_spans) > SPANS_A_DAY:
            raise Refused(
                _("%(day)s can have at most two opening times.") % {"day": names[weekday]},
                field=f"day{weekday}_opens1",
            )
        for n, (opens, closes) in enumerate(day_spans, start=1):
            if closes <= opens:
                raise Refused(
                    _("On %(day)s the center has to close after it opens.")
                    % {"day": names[weekday]},
                    field=f"day{weekday}_closes{n}",
                )
        for (_a, first_closes), (second_opens, _b) in pairwise(day_spans):
            if second_opens < first_closes:
                raise Refused(
                    _("On %(day)s the two opening times overlap.") % {"day": names[weekday]},
                    field=f"day{weekday}_opens2",
                )
        rows.extend(OpeningSpan(weekday=weekday, opens=o, closes=c) for o, c in day_spans)
    return rows


@transaction.atomic
def set_opening_hours(
    actor,
    program: Program,
    *,
    spans: dict[int, list[tuple[time, time]]],
    time_zone: str = "",
    note: str = "",
) -> Saved:
    """The center's staff set the whole week at once: up to two opening times a day, a day
    with none is closed. Blank zone: the community's."""
    _keeper(actor, program)
    rows = _check_spans(spans)
    time_zone = (time_zone or "").strip()
    if time_zone and not timezones.is_valid_zone(time_zone):
        raise Refused(
            _("%(zone)s is not a time zone we know. Try for example America/Chicago.")
            % {"zone": time_zone},
            field="time_zone",
        )
    note = _words(note, limit=NOTE_MAX, what=_("The note"), field="note", required=False)
    center, _created = Center.objects.update_or_create(
        program=program,
        defaults={"time_zone": time_zone, "hours_note": note, "updated_at": timezone.now()},
    )
    OpeningSpan.objects.filter(program=program).delete()
    for row in rows:
        row.program = program
    OpeningSpan.objects.bulk_create(rows)
    audit.record(actor, "dropin.hours", program, days=sorted({r.weekday for r in rows}))
    show = False
    if note:
        outcome = safety.check_text(
            actor, note, Context.PROGRAM, source=program, source_url=program.get_absolute_url()
        )
        show = outcome.show_crisis_resources
    return Saved(center, show_crisis_resources=show)


# --- Activities ----------------------------------------------------------------------------


@transaction.atomic
def add_activity(
    actor,
    program: Program,
    *,
    title: str,
    starts: time,
    ends: time | None = None,
    place: str = "",
    on_date: date | None = None,
    weekday: int | None = None,
) -> Saved:
    """Something on at the center: once on a date (today or later, in the center's zone), or
    every week on a weekday."""
    _keeper(actor, program)
    title = _words(title, limit=TITLE_MAX, what=_("What it is"), field="title")
    place = _words(place, limit=PLACE_MAX, what=_("The place"), field="place", required=False)
    if starts is None:
        raise Refused(_("Say when it starts."), field="starts")
    if ends is not None and ends <= starts:
        raise Refused(_("It has to end after it starts."), field="ends")
    if (on_date is None) == (weekday is None):
        raise Refused(_("Choose a date, or a day of the week for every week."), field="repeat")
    if weekday is not None and weekday not in dict(WEEKDAYS):
        raise Refused(_("That is not a day of the week."), field="weekday")
    if on_date is not None and on_date < local_now(zone_of(program)).date():
        raise Refused(_("That date has passed."), field="on_date")
    activity = Activity.objects.create(
        program=program,
        title=title,
        place=place,
        starts=starts,
        ends=ends,
        date=on_date,
        weekday=weekday,
        created_by=actor,
    )
    audit.record(actor, "dropin.activity_add", activity)
    outcome = safety.check_text(
        actor,
        f"{title}\n{place}".strip(),
        Context.PROGRAM,
        source=activity,
        source_url=program.get_absolute_url(),
    )
    return Saved(activity, show_crisis_resources=outcome.show_crisis_resources)


@transaction.atomic
def remove_activity(actor, activity: Activity) -> None:
    _keeper(actor, activity.program)
    audit.record(actor, "dropin.activity_remove", activity.program, title=activity.title)
    activity.delete()


# --- Kiosks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewKiosk:
    """A kiosk just started, with its secret: the only time the secret exists in clear."""

    kiosk: Kiosk
    secret: str
    show_crisis_resources: bool = False


@transaction.atomic
def create_kiosk(actor, program: Program, name: str) -> NewKiosk:
    """The center's staff start a kiosk for a front-desk tablet: named, with a long random
    secret for its URL (kept as a digest only, shown once)."""
    _keeper(actor, program)
    name = _words(name, limit=KIOSK_NAME_MAX, what=_("The name"), field="name")
    # Lock the program's row so two requests at once cannot pass the limit together.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    if Kiosk.objects.filter(program=program, revoked_at__isnull=True).count() >= MAX_LIVE_KIOSKS:
        raise Refused(
            _("The center has %(n)d kiosks already. Revoke one that is no longer used first.")
            % {"n": MAX_LIVE_KIOSKS}
        )
    secret = secrets.token_urlsafe(32)
    kiosk = Kiosk.objects.create(
        program=program, name=name, digest=access.digest_of(secret), created_by=actor
    )
    audit.record(actor, "dropin.kiosk_create", kiosk)
    outcome = safety.check_text(
        actor, name, Context.PROGRAM, source=kiosk, source_url=program.get_absolute_url()
    )
    return NewKiosk(kiosk, secret, outcome.show_crisis_resources)


@transaction.atomic
def revoke_kiosk(actor, kiosk: Kiosk) -> Kiosk:
    """From now on the kiosk's URL is a 404 (a lost or stolen tablet). Its visits stay."""
    _keeper(actor, kiosk.program)
    if kiosk.revoked_at is None:
        kiosk.revoked_at = timezone.now()
        kiosk.revoked_by = actor
        kiosk.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(actor, "dropin.kiosk_revoke", kiosk)
    return kiosk


# --- Visits --------------------------------------------------------------------------------


@transaction.atomic
def sign_in(
    kiosk: Kiosk,
    *,
    handle: str = "",
    as_guest: bool = False,
    purpose: str = "",
    first_visit: bool = False,
    now: datetime | None = None,
) -> Visit:
    """A visitor signs in at a kiosk, by handle or as a guest.

    The kiosk answers everyone the same way: a handle nobody has (or a closed account) is
    recorded as a guest visit, and the visitor sees the same thank-you as anyone, so a shared
    tablet can never be used to find out whether someone is on Lantern."""
    if not kiosk.live:
        raise Refused(_("This kiosk is no longer in use."))
    handle = (handle or "").strip()
    if not as_guest and not handle:
        raise Refused(_("Type your handle, or sign in as a guest."), field="handle")
    if len(handle) > HANDLE_MAX:
        raise Refused(
            _("A handle is at most %(n)d characters.") % {"n": HANDLE_MAX}, field="handle"
        )
    if purpose and purpose not in Visit.Purpose.values:
        raise Refused(_("Choose what brings you in, or leave it."), field="purpose")
    ratelimits.consume(KIOSK_RATE_LIMIT, f"dropin-kiosk:{kiosk.pk}")
    person = None if as_guest else community.person_by_handle(handle)
    now = now or timezone.now()
    visit = Visit.objects.create(
        program=kiosk.program,
        person=person,
        signed_in_at=now,
        purpose=purpose,
        first_visit=first_visit,
        kiosk=kiosk,
    )
    Kiosk.objects.filter(pk=kiosk.pk).update(last_used_at=now)
    return visit


@transaction.atomic
def disown_visit(actor, visit: Visit) -> Visit:
    """ "That wasn't me": anyone at a kiosk can type a handle, so a person can take a visit off
    their record. It stays in the counts as a guest visit."""
    if not actor.is_authenticated or visit.person_id != actor.pk:
        raise Refused(_("This is not one of your visits."))
    visit.person = None
    visit.save(update_fields=["person"])
    return visit


# --- My data -------------------------------------------------------------------------------


def export_visits(person) -> list[dict]:
    return [
        {
            "center": visit.program.name,
            "signed_in_at": visit.signed_in_at.isoformat(),
            "purpose": visit.purpose,
            "first_visit": visit.first_visit,
        }
        for visit in Visit.objects.filter(person=person).select_related("program")
    ]


def erase_visits(person) -> None:
    """The person's visits become guest visits: the center's counts stay right, and nothing
    ties them to the person any more."""
    Visit.objects.filter(person=person).update(person=None)
