"""Residents moving in and out, and the waiting list.

Moving in enrols the person in the program (its group); moving out discharges them when they
hold no other residency there. The database keeps one open residency per person and one
resident per bed; the checks here say so in words first.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community import services as community
from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.programs import services as programs
from lantern.programs.models import Program
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from ..models import Bed, Residency, WaitingEntry
from .common import require_residence, require_staff, today_at, words

NOTE_MAX = 500
OPEN = (WaitingEntry.Status.WAITING, WaitingEntry.Status.OFFERED)


def person_by_handle(handle: str):
    person = community.person_by_handle(handle)
    if person is None:
        raise Refused(_("Nobody on Lantern has that handle."), field="handle")
    return person


def _check_bed(program: Program, bed: Bed, field: str = "bed") -> None:
    if bed.room.house.program_id != program.pk:
        raise Refused(_("Choose a bed in one of the program's houses."), field=field)
    if not bed.in_service:
        raise Refused(_("This bed is out of service."), field=field)
    if Residency.objects.open().filter(bed=bed).exists():
        raise Refused(_("Someone already lives in this bed."), field=field)


@transaction.atomic
def move_in(
    actor,
    program: Program,
    person,
    bed: Bed,
    moved_in: date,
    planned_move_out: date | None = None,
) -> Residency:
    """The program's staff move someone into a free bed: they are enrolled in the program and
    taken off its waiting list."""
    require_staff(actor, program)
    require_residence(program)
    bed = Bed.objects.select_for_update().select_related("room__house").get(pk=bed.pk)
    _check_bed(program, bed)
    house = bed.room.house
    if moved_in > today_at(house):
        raise Refused(
            _("The move-in date cannot be in the future: offer the bed until then."),
            field="moved_in",
        )
    if planned_move_out is not None and planned_move_out <= moved_in:
        raise Refused(
            _("The planned move-out comes after the move-in date."), field="planned_move_out"
        )
    if Residency.objects.open().filter(person=person).exists():
        raise Refused(
            _("%(handle)s already lives in a residence: move them out first.")
            % {"handle": person.handle},
            field="handle",
        )
    offered = (
        WaitingEntry.objects.filter(offered_bed=bed, status=WaitingEntry.Status.OFFERED)
        .exclude(person=person)
        .exists()
    )
    if offered:
        raise Refused(_("This bed is offered to someone on the waiting list."), field="bed")
    last_out = Residency.objects.filter(bed=bed).aggregate(last=Max("moved_out"))["last"]
    if last_out is not None and moved_in < last_out:
        raise Refused(
            _("Someone lived in this bed until %(day)s: the move-in date comes after that.")
            % {"day": last_out.isoformat()},
            field="moved_in",
        )
    own_last = Residency.objects.filter(person=person).aggregate(last=Max("moved_out"))["last"]
    if own_last is not None and moved_in < own_last:
        raise Refused(
            _("%(handle)s moved out on %(day)s: the move-in date comes after that.")
            % {"handle": person.handle, "day": own_last.isoformat()},
            field="moved_in",
        )
    try:
        with transaction.atomic():
            residency = Residency.objects.create(
                person=person,
                bed=bed,
                moved_in=moved_in,
                planned_move_out=planned_move_out,
                created_by=actor,
            )
    except IntegrityError:  # two leaders at once: the database keeps the rule
        raise Refused(_("Someone already lives in this bed."), field="bed") from None
    programs.enrol_person(actor, program, person)
    WaitingEntry.objects.filter(program=program, person=person, status__in=OPEN).update(
        status=WaitingEntry.Status.MOVED_IN
    )
    audit.record(actor, "residences.move_in", residency, subject=person)
    return residency


@transaction.atomic
def move_out(actor, residency: Residency, moved_out: date, reason: str) -> Residency:
    """The program's staff record that someone moved out, and why (for staff only). Without
    another residency in the program, their place in it ends."""
    house = residency.bed.room.house
    program = house.program
    require_staff(actor, program)
    residency = Residency.objects.select_for_update().get(pk=residency.pk)
    if residency.moved_out is not None:
        raise Refused(_("They have already moved out."))
    if reason not in Residency.Reason.values:
        raise Refused(_("Choose why they left."), field="reason")
    if moved_out < residency.moved_in:
        raise Refused(_("The move-out date comes after the move-in date."), field="moved_out")
    if moved_out > today_at(house):
        raise Refused(
            _("The move-out date cannot be in the future: set the planned date instead."),
            field="moved_out",
        )
    residency.moved_out = moved_out
    residency.leaving_reason = reason
    residency.save(update_fields=["moved_out", "leaving_reason"])
    person = residency.person
    if not Residency.objects.open().in_program(program).filter(person=person).exists():
        programs.discharge(actor, program, person)
    audit.record(actor, "residences.move_out", residency, subject=person, reason=reason)
    return residency


@transaction.atomic
def plan_move_out(actor, residency: Residency, planned: date | None) -> Residency:
    require_staff(actor, residency.bed.room.house.program)
    if planned is not None and planned <= residency.moved_in:
        raise Refused(
            _("The planned move-out comes after the move-in date."), field="planned_move_out"
        )
    residency.planned_move_out = planned
    residency.save(update_fields=["planned_move_out"])
    audit.record(actor, "residences.plan_move_out", residency, subject=residency.person)
    return residency


def residents_of(house, day: date | None = None):
    """Who lives in the house now (or on `day`), by handle."""
    residencies = Residency.objects.in_house(house)
    residencies = residencies.open() if day is None else residencies.on(day)
    return residencies.select_related("person", "bed__room").order_by("person__handle")


def history_of(program: Program):
    """Everyone who has lived in the program's houses (staff): those living there first, then
    those who left, the latest first. (NULLs sort first in SQLite and last in PostgreSQL: said
    outright.)"""
    return (
        Residency.objects.in_program(program)
        .select_related("person", "bed__room__house")
        .order_by(F("moved_out").desc(nulls_first=True), "-moved_in")
    )


# --- The waiting list -----------------------------------------------------------------------------


@transaction.atomic
def add_to_waiting_list(
    actor, program: Program, *, handle: str = "", note: str = "", asked_on: date
) -> Saved:
    """Staff put someone on the waiting list: a person on Lantern by handle, or a note only
    (someone they are in touch with otherwise). The note passes the safety net as a staff
    record about a person (private)."""
    require_staff(actor, program)
    require_residence(program)
    note = words(note, limit=NOTE_MAX, what=_("The note"), field="note", required=False)
    person = person_by_handle(handle) if (handle or "").strip() else None
    if person is None and not note:
        raise Refused(_("Give a handle, or a note about who is waiting."), field="handle")
    if asked_on > timezone.localdate():
        raise Refused(_("The date they asked cannot be in the future."), field="asked_on")
    if person is not None:
        if WaitingEntry.objects.filter(program=program, person=person, status__in=OPEN).exists():
            raise Refused(
                _("%(handle)s is already waiting.") % {"handle": person.handle}, field="handle"
            )
        if Residency.objects.open().in_program(program).filter(person=person).exists():
            raise Refused(
                _("%(handle)s already lives here.") % {"handle": person.handle}, field="handle"
            )
    last = WaitingEntry.objects.filter(program=program).aggregate(last=Max("position"))["last"]
    entry = WaitingEntry.objects.create(
        program=program,
        person=person,
        note=note,
        asked_on=asked_on,
        position=(last or 0) + 1,
        added_by=actor,
    )
    audit.record(actor, "residences.waiting_add", entry, subject=person)
    outcome = None
    if note:
        outcome = safety.check_text(
            actor,
            note,
            Context.HOUSE_LOG,
            source=entry,
            source_url=reverse("residences-waiting", args=[program.slug]),
        )
    return Saved(entry, show_crisis_resources=bool(outcome and outcome.show_crisis_resources))


@transaction.atomic
def offer_bed(actor, entry: WaitingEntry, bed: Bed, handle: str = "") -> WaitingEntry:
    """Staff offer a free bed to someone waiting; a note-only entry gets its person's handle
    now. The person is told."""
    program = entry.program
    require_staff(actor, program)
    entry = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    entry.program = program
    if not entry.is_open:
        raise Refused(_("They are no longer on the waiting list."))
    bed = Bed.objects.select_related("room__house").get(pk=bed.pk)
    _check_bed(program, bed)
    if (
        WaitingEntry.objects.filter(offered_bed=bed, status=WaitingEntry.Status.OFFERED)
        .exclude(pk=entry.pk)
        .exists()
    ):
        raise Refused(_("This bed is already offered to someone else."), field="bed")
    if entry.person is None:
        if not (handle or "").strip():
            raise Refused(_("Give the handle of the person you offer the bed to."), field="handle")
        person = person_by_handle(handle)
        if WaitingEntry.objects.filter(program=program, person=person, status__in=OPEN).exists():
            raise Refused(
                _("%(handle)s is already waiting.") % {"handle": person.handle}, field="handle"
            )
        entry.person = person
    if Residency.objects.open().filter(person=entry.person).exists():
        raise Refused(
            _("%(handle)s already lives in a residence.") % {"handle": entry.person.handle},
            field="handle",
        )
    entry.status = WaitingEntry.Status.OFFERED
    entry.offered_bed = bed
    entry.offered_at = timezone.now()
    entry.save(update_fields=["person", "status", "offered_bed", "offered_at"])
    audit.record(actor, "residences.offer_bed", entry, subject=entry.person)
    notify(
        entry.person,
        "residences.bed_offered",
        about=entry,
        actor=actor,
        params={"program": program.name, "house": bed.room.house.name},
    )
    return entry


@transaction.atomic
def move_in_from_waiting_list(actor, entry: WaitingEntry, moved_in: date) -> Residency:
    """The person offered a bed moves into it."""
    require_staff(actor, entry.program)
    if entry.status != WaitingEntry.Status.OFFERED or entry.offered_bed is None:
        raise Refused(_("Offer them a bed first."))
    return move_in(actor, entry.program, entry.person, entry.offered_bed, moved_in)


@transaction.atomic
def remove_from_waiting_list(actor, entry: WaitingEntry) -> WaitingEntry:
    """They found a place elsewhere, or stopped waiting: off the list (kept for the record)."""
    require_staff(actor, entry.program)
    if entry.is_open:
        entry.status = WaitingEntry.Status.REMOVED
        entry.offered_bed = None
        entry.save(update_fields=["status", "offered_bed"])
        audit.record(actor, "residences.waiting_remove", entry, subject=entry.person)
    return entry


def waiting_list(program: Program) -> list[WaitingEntry]:
    """The open entries in order, each with its place (`.place`, from 1) (one query)."""
    entries = list(
        WaitingEntry.objects.filter(program=program, status__in=OPEN)
        .select_related("person", "offered_bed__room__house")
        .order_by("position", "pk")
    )
    for place, entry in enumerate(entries, start=1):
        entry.place = place
        entry.program = program
    return entries
