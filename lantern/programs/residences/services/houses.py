"""Houses, rooms and beds, and occupancy at a glance."""

from dataclasses import dataclass, field
from datetime import time

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.timezones import is_valid_zone
from lantern.programs.models import Program

from ..models import Bed, House, Residency, Room, WaitingEntry
from .common import require_residence, require_staff, today_at, words

NAME_MAX = 80
ROOM_MAX = 40
LABEL_MAX = 40


def _schedule(time_zone: str, meeting_weekday, meeting_time) -> tuple[str, int | None, time | None]:
    time_zone = (time_zone or "").strip()
    if not is_valid_zone(time_zone):
        raise Refused(_("Choose a time zone from the list."), field="time_zone")
    if (meeting_weekday is None) != (meeting_time is None):
        raise Refused(
            _("Give both the day and the time of the house meeting, or neither."),
            field="meeting_time" if meeting_time is None else "meeting_weekday",
        )
    if meeting_weekday is not None and not 0 <= int(meeting_weekday) <= 6:
        raise Refused(_("Choose a day of the week."), field="meeting_weekday")
    return time_zone, (None if meeting_weekday is None else int(meeting_weekday)), meeting_time


@transaction.atomic
def create_house(
    actor, program: Program, *, name: str, time_zone: str, meeting_weekday=None, meeting_time=None
) -> House:
    """The program's staff add a house, with its weekly house meeting if it has one."""
    require_staff(actor, program)
    require_residence(program)
    name = words(name, limit=NAME_MAX, what=_("The name"), field="name")
    time_zone, weekday, at = _schedule(time_zone, meeting_weekday, meeting_time)
    if House.objects.filter(program=program, name__iexact=name).exists():
        raise Refused(_("The program already has a house of this name."), field="name")
    house = House.objects.create(
        program=program, name=name, time_zone=time_zone, meeting_weekday=weekday, meeting_time=at
    )
    audit.record(actor, "residences.house_create", house)
    return house


@transaction.atomic
def update_house(
    actor, house: House, *, name: str, time_zone: str, meeting_weekday=None, meeting_time=None
) -> House:
    require_staff(actor, house.program)
    name = words(name, limit=NAME_MAX, what=_("The name"), field="name")
    time_zone, weekday, at = _schedule(time_zone, meeting_weekday, meeting_time)
    if House.objects.filter(program=house.program, name__iexact=name).exclude(pk=house.pk).exists():
        raise Refused(_("The program already has a house of this name."), field="name")
    house.name, house.time_zone = name, time_zone
    house.meeting_weekday, house.meeting_time = weekday, at
    house.save(update_fields=["name", "time_zone", "meeting_weekday", "meeting_time"])
    audit.record(actor, "residences.house_update", house)
    return house


@transaction.atomic
def add_room(actor, house: House, name: str) -> Room:
    require_staff(actor, house.program)
    name = words(name, limit=ROOM_MAX, what=_("The room's name"), field="name")
    if house.rooms.filter(name__iexact=name).exists():
        raise Refused(_("The house already has a room of this name."), field="name")
    return Room.objects.create(house=house, name=name)


@transaction.atomic
def add_bed(actor, room: Room, label: str) -> Bed:
    require_staff(actor, room.house.program)
    label = words(label, limit=LABEL_MAX, what=_("The bed's label"), field="label")
    if room.beds.filter(label__iexact=label).exists():
        raise Refused(_("The room already has a bed with this label."), field="label")
    try:
        with transaction.atomic():
            return Bed.objects.create(room=room, label=label, created_on=today_at(room.house))
    except IntegrityError:
        raise Refused(_("The room already has a bed with this label."), field="label") from None


@transaction.atomic
def take_bed_out_of_service(actor, bed: Bed) -> Bed:
    """A bed being repaired takes nobody in. Someone sleeping in it moves out first."""
    house = bed.room.house
    require_staff(actor, house.program)
    bed = Bed.objects.select_for_update().get(pk=bed.pk)
    if Residency.objects.open().filter(bed=bed).exists():
        raise Refused(_("Someone lives in this bed: move them out or to another bed first."))
    if bed.in_service:
        bed.in_service = False
        bed.out_of_service_since = today_at(house)
        bed.save(update_fields=["in_service", "out_of_service_since"])
        audit.record(actor, "residences.bed_out_of_service", bed)
    return bed


@transaction.atomic
def return_bed_to_service(actor, bed: Bed) -> Bed:
    require_staff(actor, bed.room.house.program)
    bed = Bed.objects.select_for_update().get(pk=bed.pk)
    if not bed.in_service:
        bed.in_service = True
        bed.out_of_service_since = None
        bed.save(update_fields=["in_service", "out_of_service_since"])
        audit.record(actor, "residences.bed_in_service", bed)
    return bed


# --- Reading --------------------------------------------------------------------------------------


def houses_with_occupancy(program: Program) -> list[House]:
    """Each house with `.beds_count` (in service), `.taken`, `.free` and `.out_of_service`
    (one query)."""
    houses = list(
        House.objects.filter(program=program).annotate(
            beds_count=Count("rooms__beds", filter=Q(rooms__beds__in_service=True), distinct=True),
            out_of_service=Count(
                "rooms__beds", filter=Q(rooms__beds__in_service=False), distinct=True
            ),
            taken=Count(
                "rooms__beds__residencies",
                filter=Q(rooms__beds__residencies__moved_out__isnull=True),
                distinct=True,
            ),
        )
    )
    for house in houses:
        house.program = program
        house.free = max(house.beds_count - house.taken, 0)
    return houses


@dataclass
class BedRow:
    bed: Bed
    residency: Residency | None = None


@dataclass
class RoomRows:
    room: Room
    beds: list[BedRow] = field(default_factory=list)


def beds_of(house: House) -> list[RoomRows]:
    """The house's rooms and beds, with who sleeps in each (two queries)."""
    rooms = list(house.rooms.prefetch_related("beds"))
    residents = {
        r.bed_id: r
        for r in Residency.objects.open().in_house(house).select_related("person").order_by()
    }
    return [
        RoomRows(room, [BedRow(bed, residents.get(bed.pk)) for bed in room.beds.all()])
        for room in rooms
    ]


def free_beds(program: Program, house: House | None = None):
    """Beds in service with nobody in them (and not offered to someone waiting)."""
    beds = (
        Bed.objects.filter(room__house__program=program, in_service=True)
        .exclude(pk__in=Residency.objects.open().values("bed_id"))
        .exclude(
            pk__in=WaitingEntry.objects.filter(
                status=WaitingEntry.Status.OFFERED, offered_bed__isnull=False
            ).values("offered_bed_id")
        )
        .select_related("room__house")
        .order_by("room__house__name", "room__name", "label")
    )
    if house is not None:
        beds = beds.filter(room__house=house)
    return beds
