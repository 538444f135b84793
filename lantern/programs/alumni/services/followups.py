"""The program's follow-up schedule: check-ins 30, 90 and 180 days after a graduate joined a
cohort (or after the cohort's graduation date, when that is later).

When a graduate joins, one `CheckIn` row per day is written (once per program and person: a
second cohort of the same program keeps the first schedule) and a deferred task is queued for
each, at NOTIFY_AT on its day in the site's time zone (`tasks.send_checkin`). The task tells the
graduate, once: a conditional update on `notified_at` claims the row, so a task run twice, or a
task and the sweeper together, tell them once. The worker's periodic pass
(`core.taskqueue.register_periodic`) runs `sweep_due_checkins`, which sends the check-ins whose
task was lost (a worker that died, a queue that lost it) once SWEEP_GRACE has passed. A person
no longer enrolled is not told; a check-in more than STALE_AFTER past its day is not sent any
more (someone who comes back to the program months later is not sent last season's questions).

The graduate answers on the check-in's page ("Doing well", "Finding it hard", "I'd like someone
to call me", and a note if they like: encrypted, through the safety net as a private check-in).
"Finding it hard" and "I'd like someone to call me" tell the program's staff at once (the
notification names the graduate and the check-in's day, never the note).
"""

import logging
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community import services as community
from lantern.community.models import Membership
from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.programs.models import Program
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from .. import access, tasks
from ..models import DAYS, CheckIn, Cohort

logger = logging.getLogger(__name__)

NOTIFY_AT = time(10, 0)  # on the check-in's day, in the site's time zone
SWEEP_GRACE = timedelta(hours=1)
STALE_AFTER = timedelta(days=30)
OVERDUE_AFTER = timedelta(days=14)  # unanswered this long after its day: overdue
COMING_UP = timedelta(days=7)  # staff see check-ins due within a week
NOTE_MAX = 1000
STAFF_KINDS = {
    CheckIn.Answer.HARD: "alumni.finding_it_hard",
    CheckIn.Answer.CALL: "alumni.asked_for_call",
}


def due_moment(due_on: date) -> datetime:
    return datetime.combine(due_on, NOTIFY_AT, tzinfo=timezone.get_current_timezone())


def base_date(cohort: Cohort, joined_on: date) -> date:
    """Days are counted from joining, or from graduating when that is later."""
    if cohort.graduated_on and cohort.graduated_on > joined_on:
        return cohort.graduated_on
    return joined_on


def schedule(cohort: Cohort, person, joined_on: date) -> list[CheckIn]:
    """Put the graduate on the program's schedule (the caller's transaction), once: days the
    person already has in this program are left as they are."""
    start = base_date(cohort, joined_on)
    have = set(
        CheckIn.objects.filter(program=cohort.program, person=person).values_list("day", flat=True)
    )
    made = [
        CheckIn.objects.create(
            program=cohort.program,
            cohort=cohort,
            person=person,
            day=day,
            due_on=start + timedelta(days=day),
        )
        for day in DAYS
        if day not in have
    ]
    for checkin in made:
        _queue(checkin)
    return made


def _queue(checkin: CheckIn) -> None:
    when = due_moment(checkin.due_on)
    task = tasks.send_checkin
    if when > timezone.now():
        task = task.using(run_after=when)
    pk = checkin.pk
    transaction.on_commit(lambda: task.enqueue(pk))


def enrolled_now():
    """Annotation: the check-in's person is still enrolled in its program."""
    return Exists(
        Membership.objects.filter(
            space_id=OuterRef("program__space_id"),
            person_id=OuterRef("person_id"),
            status=Membership.Status.ACTIVE,
        )
    )


@transaction.atomic
def send_checkin(checkin_id: int, now: datetime | None = None) -> str:
    """The task (and the sweeper): tell the graduate their check-in is due, once, if it is
    due, unanswered, not stale, and they are still enrolled in a running program."""
    now = now or timezone.now()
    checkin = (
        CheckIn.objects.select_related("program", "person")
        .annotate(enrolled=enrolled_now())
        .filter(pk=checkin_id)
        .first()
    )
    if checkin is None:
        return "gone"
    if checkin.notified_at is not None or checkin.answered_at is not None:
        return "already"
    if due_moment(checkin.due_on) > now:
        return "not yet"
    if due_moment(checkin.due_on) + STALE_AFTER < now:
        return "stale"
    program = checkin.program
    if not (program.active and checkin.enrolled and checkin.person.is_active):
        return "not enrolled"
    claimed = CheckIn.objects.filter(pk=checkin.pk, notified_at__isnull=True).update(
        notified_at=now
    )
    if not claimed:
        return "already"
    notify(
        checkin.person,
        "alumni.checkin_due",
        about=checkin,
        params={"program": program.name, "days": checkin.day},
        url=checkin.get_absolute_url(),
    )
    return "sent"


def sweep_due_checkins(now: datetime | None = None) -> int:
    """Run by every task worker each minute: send the check-ins whose task was lost. Each goes
    through `send_checkin`'s conditional claim, so nobody is told twice. Returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    lost = CheckIn.objects.filter(
        notified_at__isnull=True,
        answered_at__isnull=True,
        due_on__lte=today,
        due_on__gte=today - STALE_AFTER,
        program__active=True,
        program__kind=Program.Kind.ALUMNI,
    ).values_list("pk", "due_on")
    sent = 0
    for pk, due_on in lost:
        if due_moment(due_on) + SWEEP_GRACE > now:
            continue  # its own task has time yet
        if send_checkin(pk, now) == "sent":
            logger.warning("Sent alumni check-in %s whose task was lost", pk)
            sent += 1
    return sent


# --- Answering ----------------------------------------------------------------------------------


@transaction.atomic
def answer_checkin(person, checkin: CheckIn, *, answer: str, note: str = "") -> Saved:
    """The graduate answers their check-in, once. "Finding it hard" and "I'd like someone to
    call me" tell the program's staff at once. The note is private (encrypted; read by the
    program's staff on the graduate's page, which is recorded)."""
    if checkin.person_id != person.pk:
        raise NotFound
    checkin = CheckIn.objects.select_for_update().select_related("program").get(pk=checkin.pk)
    if checkin.due_on > timezone.localdate():
        raise Refused(_("This check-in is not due yet."))
    if checkin.answered_at is not None:
        raise Refused(_("You already answered this check-in. Thank you."))
    if answer not in CheckIn.Answer.values:
        raise Refused(_("Choose how you are doing."), field="answer")
    note = (note or "").strip()
    if note:
        note = community.clean_text(note, limit=NOTE_MAX, what=_("The note"), field="note")
    checkin.answer, checkin.note, checkin.answered_at = answer, note, timezone.now()
    checkin.save(update_fields=["answer", "note", "answered_at"])
    show = False
    if note:
        outcome = safety.check_text(
            person,
            note,
            Context.CHECKIN,
            source=checkin,
            source_url=checkin.get_absolute_url(),
        )
        show = outcome.show_crisis_resources
    kind = STAFF_KINDS.get(answer)
    if kind:
        program = checkin.program
        url = reverse("alumni-graduate", args=[program.slug, person.pk])
        for staff in community.space_moderators(program.space):
            notify(
                staff,
                kind,
                about=checkin,
                actor=person,
                params={"program": program.name, "days": checkin.day},
                url=url,
            )
    return Saved(checkin, show_crisis_resources=show)


# --- Reading ------------------------------------------------------------------------------------


def checkins_of(person, program: Program | None = None):
    """A graduate's own check-ins (every program, or one), soonest first."""
    found = CheckIn.objects.filter(person=person).select_related("program", "cohort")
    if program is not None:
        found = found.filter(program=program)
    return found.order_by("due_on", "pk")


def waiting_for(person, program: Program | None = None) -> list[CheckIn]:
    """The graduate's check-ins that are due and not answered yet."""
    return list(checkins_of(person, program).due(timezone.localdate()).filter(program__active=True))


def schedule_of(cohort: Cohort, person_ids) -> dict[int, list[CheckIn]]:
    """The schedule of these people in the cohort's program, {person id: check-ins}, without
    the notes (one query): what the cohort's page shows staff."""
    found: dict[int, list[CheckIn]] = {}
    rows = (
        CheckIn.objects.filter(program_id=cohort.program_id, person_id__in=person_ids)
        .defer("note")
        .order_by("due_on")
    )
    today = timezone.localdate()
    for checkin in rows:
        checkin.status = "answered" if checkin.answered_at else status_of(checkin, today)
        found.setdefault(checkin.person_id, []).append(checkin)
    return found


def _staff_only(actor, program: Program) -> None:
    if not access.is_staff(actor, program):
        raise Refused(_("Only the program's staff can see its follow-ups."))


def status_of(checkin: CheckIn, today: date) -> str:
    if checkin.due_on > today:
        return "coming"
    if checkin.due_on + OVERDUE_AFTER < today:
        return "overdue"
    return "due"


def _open(program: Program, today: date, until: date):
    """Unanswered check-ins of people still enrolled, due by `until` (and in the last six
    months: older ones are left to the report)."""
    return (
        CheckIn.objects.filter(program=program, answered_at__isnull=True)
        .filter(due_on__lte=until, due_on__gte=today - STALE_AFTER * 6)
        .annotate(enrolled=enrolled_now())
        .filter(enrolled=True)
    )


def due_count(actor, program: Program) -> int:
    """Staff: how many check-ins are due or overdue now."""
    _staff_only(actor, program)
    today = timezone.localdate()
    return _open(program, today, today).count()


def due_list(actor, program: Program) -> list[CheckIn]:
    """Staff: check-ins not answered yet whose day is past or within a week, of people still
    enrolled; the most overdue first. Each has `.status`: due, overdue or coming."""
    _staff_only(actor, program)
    today = timezone.localdate()
    found = list(
        _open(program, today, today + COMING_UP)
        .select_related("person", "cohort")
        .order_by("due_on", "person__handle")
    )
    for checkin in found:
        checkin.status = status_of(checkin, today)
    return found


def asking_for_staff(actor, program: Program, days: int = 30) -> list[CheckIn]:
    """Staff: graduates who answered "Finding it hard" or "I'd like someone to call me" in the
    last `days` days (the answer only: the note is read on the graduate's page)."""
    _staff_only(actor, program)
    return list(
        CheckIn.objects.filter(
            program=program,
            answer__in=CheckIn.TELL_STAFF,
            answered_at__gte=timezone.now() - timedelta(days=days),
        )
        .select_related("person", "cohort")
        .defer("note")
        .order_by("-answered_at")
    )


def read_checkins(actor, program: Program, person) -> list[CheckIn]:
    """Staff read a graduate's check-ins with their notes: recorded, and shown to the graduate
    under "Who looked"."""
    _staff_only(actor, program)
    found = list(checkins_of(person, program))
    if any(c.answered_at for c in found):
        audit.record(actor, "alumni.read_checkins", program, subject=person)
    return found
