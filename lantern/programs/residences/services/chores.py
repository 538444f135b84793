"""The chore rota: each house's chores, a week at a time. The house leader advances the rota to
the next week, which gives this week's chores to the residents then in the house (fairly, by
`rota.assign`); the leader or the resident marks a chore done, and the rota shows who did what."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.programs.models import Program

from .. import access, rota
from ..models import Chore, ChoreAssignment, House, Residency, RotaWeek
from .common import monday_of, require_staff, today_at, words

CHORE_MAX = 80


@transaction.atomic
def add_chore(actor, house: House, name: str, weight: int) -> Chore:
    require_staff(actor, house.program)
    name = words(name, limit=CHORE_MAX, what=_("The chore"), field="name")
    if weight not in Chore.Load.values:
        raise Refused(_("Choose how heavy the chore is."), field="weight")
    if house.chores.filter(active=True, name__iexact=name).exists():
        raise Refused(_("The house already has this chore."), field="name")
    if house.chores.filter(active=True).count() >= rota.MAX_CHORES:
        raise Refused(
            _("A house can have at most %(n)s chores.") % {"n": rota.MAX_CHORES}, field="name"
        )
    chore = Chore.objects.create(house=house, name=name, weight=weight)
    audit.record(actor, "residences.chore_add", chore)
    return chore


@transaction.atomic
def retire_chore(actor, chore: Chore) -> Chore:
    """A chore the house no longer has: off the next weeks' rota, kept in the history."""
    require_staff(actor, chore.house.program)
    if chore.active:
        chore.active = False
        chore.save(update_fields=["active"])
        audit.record(actor, "residences.chore_retire", chore)
    return chore


def _past_weeks(house: House) -> list[rota.PastWeek]:
    """The house's rota so far, oldest first, as the fairness function reads it (three
    queries)."""
    weeks = list(
        RotaWeek.objects.filter(house=house)
        .order_by("week_start")
        .prefetch_related(
            Prefetch("residents", to_attr="present"),
            Prefetch(
                "assignments",
                queryset=ChoreAssignment.objects.select_related("chore").order_by(),
                to_attr="given",
            ),
        )
    )
    return [
        rota.PastWeek(
            frozenset(p.pk for p in week.present),
            tuple((a.chore_id, a.chore.weight, a.person_id) for a in week.given),
        )
        for week in weeks
    ]


def current_week(house: House) -> RotaWeek | None:
    """The latest week on the rota (it may be next week, once the leader has advanced)."""
    return RotaWeek.objects.filter(house=house).order_by("-week_start").first()


@transaction.atomic
def advance_rota(actor, house: House, seen_week: int | None) -> RotaWeek:
    """The house leader moves the rota on to the next week: this week's chores go to the
    residents in the house now. `seen_week` is the week the leader was looking at, so a second
    click (or a second leader) does not skip a week."""
    require_staff(actor, house.program)
    house = House.objects.select_for_update().get(pk=house.pk)
    latest = current_week(house)
    if (latest.pk if latest else None) != seen_week:
        raise Refused(_("The rota has already moved on: here is the new week."))
    this_monday = monday_of(today_at(house))
    start = this_monday if latest is None else max(latest.week_start + timedelta(7), this_monday)
    if start > this_monday + timedelta(7):
        raise Refused(_("Next week's rota is already out: advance it again next week."))
    return make_week(actor, house, start)


@transaction.atomic
def make_week(actor, house: House, start) -> RotaWeek:
    """The rota of the week from `start` (a Monday): the house's chores, given fairly to the
    residents in the house now (`rota.assign`, from the weeks before)."""
    require_staff(actor, house.program)
    chores = list(house.chores.filter(active=True))
    if not chores:
        raise Refused(_("Add the house's chores first."))
    residents = [
        r.person
        for r in Residency.objects.open().in_house(house).select_related("person").order_by()
    ]
    if not residents:
        raise Refused(_("Nobody lives in the house: there is nobody to give chores to."))
    given = rota.assign(
        [rota.Chore(c.pk, c.weight) for c in chores],
        [rota.Resident(p.pk, p.handle) for p in residents],
        _past_weeks(house),
    )
    try:
        with transaction.atomic():
            week = RotaWeek.objects.create(house=house, week_start=start, created_by=actor)
    except IntegrityError:
        raise Refused(_("The rota has already moved on: here is the new week.")) from None
    week.residents.set(residents)
    people = {p.pk: p for p in residents}
    ChoreAssignment.objects.bulk_create(
        ChoreAssignment(week=week, chore_id=chore_id, person=people[person_id])
        for chore_id, person_id in given.items()
    )
    audit.record(actor, "residences.rota_advance", week, week_start=start.isoformat())
    return week


@transaction.atomic
def mark_done(actor, assignment: ChoreAssignment) -> ChoreAssignment:
    """The house leader, or the resident whose chore it is, marks it done."""
    program = assignment.week.house.program
    _may_mark(actor, assignment, program)
    if assignment.done_at is None:
        assignment.done_at = timezone.now()
        assignment.done_by = actor
        assignment.save(update_fields=["done_at", "done_by"])
    return assignment


@transaction.atomic
def mark_not_done(actor, assignment: ChoreAssignment) -> ChoreAssignment:
    """Marked done by mistake: undone."""
    program = assignment.week.house.program
    _may_mark(actor, assignment, program)
    if assignment.done_at is not None:
        assignment.done_at = None
        assignment.done_by = None
        assignment.save(update_fields=["done_at", "done_by"])
    return assignment


def _may_mark(actor, assignment: ChoreAssignment, program: Program) -> None:
    if not access.can_mark_chore(actor, assignment, program):
        raise Refused(_("Only the house leader or the resident can mark this chore."))


def weeks_of(house: House, limit: int = 8) -> list[RotaWeek]:
    """The latest weeks of the rota with their assignments, newest first (two queries)."""
    return list(
        RotaWeek.objects.filter(house=house)
        .order_by("-week_start")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ChoreAssignment.objects.select_related(
                    "chore", "person", "done_by"
                ).order_by("chore__name", "pk"),
                to_attr="given",
            )
        )[:limit]
    )


def chores_for(person, house: House) -> list[ChoreAssignment]:
    """The person's chores in the house's week containing today, or its latest week."""
    today = today_at(house)
    week = RotaWeek.objects.filter(house=house, week_start__lte=today).order_by(
        "-week_start"
    ).first() or current_week(house)
    if week is None:
        return []
    return list(
        ChoreAssignment.objects.filter(week=week, person=person).select_related("chore", "week")
    )


def chore_history(person, program: Program):
    return (
        ChoreAssignment.objects.filter(person=person, week__house__program=program)
        .select_related("chore", "week__house")
        .order_by("-week__week_start", "chore__name")
    )
