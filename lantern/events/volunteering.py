"""Volunteering: opportunities to give back, their shifts (a limit of people per shift), signing
up, hours logged after a shift and confirmed by the organizer, and a member's service summary
they can print for a court, a school or an employer.

Organizers are the same people as for events (`access.can_organize`); an opportunity's shifts
and hours are kept by its organizer and by site moderators and administrators.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community.services.base import clean_text
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.timezones import is_valid_zone
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access
from .models import Opportunity, ServiceHours, Shift, ShiftSignup

MAX_SHIFT = timedelta(hours=12)


@transaction.atomic
def create_opportunity(actor, title: str, description: str, place: str = "") -> Saved:
    if not access.can_organize(actor):
        raise Refused(_("Only supporters and staff can offer volunteer opportunities."))
    title = clean_text(title, limit=120, what=_("The title"), field="title")
    description = clean_text(
        description, limit=3000, what=_("The description"), field="description"
    )
    opportunity = Opportunity.objects.create(
        title=title, description=description, place=place.strip()[:200], organizer=actor
    )
    outcome = safety.check_text(
        actor,
        f"{title}\n\n{description}",
        Context.EVENT,
        source=opportunity,
        source_url=opportunity.get_absolute_url(),
    )
    return Saved(opportunity, show_crisis_resources=outcome.show_crisis_resources)


@transaction.atomic
def add_shift(
    actor, opportunity: Opportunity, starts_at: datetime, ends_at: datetime, zone: str, spots: int
) -> Shift:
    if not access.can_keep_opportunity(actor, opportunity):
        raise NotFound
    if not is_valid_zone(zone):
        raise Refused(_("Choose a time zone from the list."), field="time_zone")
    if ends_at <= starts_at:
        raise Refused(_("The end must be after the start."), field="ends")
    if ends_at - starts_at > MAX_SHIFT:
        raise Refused(_("A shift can last at most 12 hours."), field="ends")
    if starts_at < timezone.now():
        raise Refused(_("The start is in the past."), field="day")
    if not 1 <= spots <= 100:
        raise Refused(_("Between 1 and 100 people."), field="spots")
    return Shift.objects.create(
        opportunity=opportunity, starts_at=starts_at, ends_at=ends_at, time_zone=zone, spots=spots
    )


@transaction.atomic
def sign_up(actor, shift: Shift) -> ShiftSignup:
    """`actor` takes a place on a shift, if one is left (the shift's row is locked, so two
    people cannot take the last place)."""
    shift = Shift.objects.select_for_update().select_related("opportunity").get(pk=shift.pk)
    if not actor.is_authenticated or not shift.opportunity.active:
        raise Refused(_("You cannot sign up for this shift."))
    if shift.starts_at <= timezone.now():
        raise Refused(_("This shift has started."))
    current = ShiftSignup.objects.filter(shift=shift, person=actor).first()
    if current is not None:
        return current
    if shift.signups.count() >= shift.spots:
        raise Refused(_("This shift is full. Thank you for offering!"))
    try:
        with transaction.atomic():
            return ShiftSignup.objects.create(shift=shift, person=actor)
    except IntegrityError:
        return ShiftSignup.objects.get(shift=shift, person=actor)


@transaction.atomic
def cancel_signup(actor, shift: Shift) -> None:
    if shift.starts_at <= timezone.now():
        raise Refused(_("This shift has started."))
    ShiftSignup.objects.filter(shift=shift, person=actor).delete()


@transaction.atomic
def log_hours(actor, shift: Shift, hours: Decimal) -> ServiceHours:
    """After a shift they signed up for, `actor` logs the hours they gave; the organizer is
    told and confirms."""
    if not ShiftSignup.objects.filter(shift=shift, person=actor).exists():
        raise NotFound
    if shift.ends_at > timezone.now():
        raise Refused(_("Log your hours once the shift is over."))
    if not Decimal("0.5") <= hours <= Decimal(str(MAX_SHIFT.total_seconds() / 3600)):
        raise Refused(_("Between half an hour and 12 hours."), field="hours")
    current = ServiceHours.objects.filter(person=actor, shift=shift).first()
    if current is not None and current.status == ServiceHours.Status.CONFIRMED:
        raise Refused(_("These hours are already confirmed."))
    logged, _created = ServiceHours.objects.update_or_create(
        person=actor,
        shift=shift,
        defaults={"hours": hours, "status": ServiceHours.Status.LOGGED, "confirmed_by": None},
    )
    organizer = shift.opportunity.organizer
    if organizer is not None and organizer.pk != actor.pk:
        notify(
            organizer,
            "events.hours_logged",
            about=logged,
            actor=actor,
            params={"opportunity": shift.opportunity.title},
            url=shift.opportunity.get_absolute_url(),
        )
    return logged


def _decide(actor, logged: ServiceHours, status: str) -> ServiceHours:
    logged = (
        ServiceHours.objects.select_for_update()
        .select_related("shift__opportunity")
        .get(pk=logged.pk)
    )
    if not access.can_keep_opportunity(actor, logged.shift.opportunity):
        raise NotFound
    if logged.person_id == actor.pk:
        raise Refused(_("Someone else confirms your own hours."))
    logged.status = status
    logged.confirmed_by = actor
    logged.confirmed_at = timezone.now()
    logged.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return logged


@transaction.atomic
def confirm_hours(actor, logged: ServiceHours) -> ServiceHours:
    logged = _decide(actor, logged, ServiceHours.Status.CONFIRMED)
    notify(
        logged.person,
        "events.hours_confirmed",
        about=logged,
        actor=actor,
        params={"opportunity": logged.shift.opportunity.title, "hours": str(logged.hours)},
        url=reverse("events-service-summary"),
    )
    return logged


@transaction.atomic
def decline_hours(actor, logged: ServiceHours) -> ServiceHours:
    return _decide(actor, logged, ServiceHours.Status.DECLINED)


def upcoming_shifts(opportunity: Opportunity):
    return opportunity.shifts.filter(ends_at__gt=timezone.now()).annotate(taken=Count("signups"))


def waiting_hours(opportunity: Opportunity):
    return (
        ServiceHours.objects.filter(
            shift__opportunity=opportunity, status=ServiceHours.Status.LOGGED
        )
        .select_related("person", "shift")
        .order_by("created_at")
    )


@dataclass
class ServiceSummary:
    person: object
    rows: list  # confirmed ServiceHours, oldest first
    total: Decimal
    by_opportunity: list  # [(title, hours)]
    made_at: datetime


def service_summary(person) -> ServiceSummary:
    """Confirmed hours only: what an organizer vouched for."""
    confirmed = (
        ServiceHours.objects.filter(person=person, status=ServiceHours.Status.CONFIRMED)
        .select_related("shift__opportunity", "confirmed_by")
        .order_by("shift__starts_at")
    )
    by = (
        confirmed.values("shift__opportunity__title")
        .annotate(hours=Sum("hours"))
        .order_by("shift__opportunity__title")
    )
    rows = list(confirmed)
    return ServiceSummary(
        person=person,
        rows=rows,
        total=sum((r.hours for r in rows), Decimal("0")),
        by_opportunity=[(b["shift__opportunity__title"], b["hours"]) for b in by],
        made_at=timezone.now(),
    )


def export_volunteering(person) -> dict:
    return {
        "shifts": [
            {"opportunity": s.shift.opportunity.title, "starts_at": s.shift.starts_at.isoformat()}
            for s in person.shift_signups.select_related("shift__opportunity")
        ],
        "hours": [
            {
                "opportunity": h.shift.opportunity.title,
                "day": h.shift.starts_at.date().isoformat(),
                "hours": str(h.hours),
                "status": h.status,
            }
            for h in person.service_hours.select_related("shift__opportunity")
        ],
    }
