"""Programs: administrators start them and name their staff; staff enrol and discharge people;
everyone finds the programs they belong to; staff read their program's report.

Membership is the program group's membership (community's services add and end it), so a
resident, a graduate or a family member enrolled here reads and writes in the program's group
like any member, and the group's moderation, reports and blocks apply there.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.community import services as community
from lantern.community.models import Audience, Membership, Space
from lantern.core import audit, charts
from lantern.core.charts import SMALL_CELL, cell
from lantern.core.errors import Refused
from lantern.core.results import Saved
from lantern.events import services as events
from lantern.events.models import Event
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access, registry
from .models import Program
from .registry import ReportSection

NAME_MAX = 80
DESCRIPTION_MAX = 2000


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


def _slug_for(name: str) -> str:
    base = slugify(name)[:50] or "program"
    slug, n = base, 1
    while (
        Program.objects.filter(slug=slug).exists()
        or Space.objects.filter(slug__iexact=slug).exists()
        or slug in community.RESERVED_SLUGS
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_program(actor, *, name: str, kind: str, description: str = "") -> Saved:
    """An administrator starts a program: its group in the community (by invitation only:
    people are enrolled by the program's staff) and its club for events come with it."""
    if not access.can_manage_programs(actor):
        raise Refused(_("Only administrators can start programs."))
    name = _words(name, limit=NAME_MAX, what=_("The name"), field="name")
    if kind not in Program.Kind.values:
        raise Refused(_("Choose what kind of program this is."), field="kind")
    description = _words(
        description,
        limit=DESCRIPTION_MAX,
        what=_("The description"),
        field="description",
        required=False,
    )
    if Program.objects.filter(name__iexact=name).exists():
        raise Refused(_("A program already has this name."), field="name")
    summary = description[:300] or str(Program.Kind(kind).label)
    if kind == Program.Kind.FAMILY:
        # Family and friends find a family program's group and ask to join; people in
        # recovery do not see it unless invited.
        rules = {"kind": Space.Kind.REQUEST, "audience": Audience.FAMILY}
    else:
        rules = {"kind": Space.Kind.PRIVATE, "audience": Audience.RECOVERY}
    slug = _slug_for(name)  # the program's address and its group's
    space = community.create_space(actor, name=name, description=summary, slug=slug, **rules).obj
    club = events.create_club(actor, name, description or summary).obj
    program = Program.objects.create(
        slug=slug,
        name=name,
        kind=kind,
        description=description,
        space=space,
        club=club,
    )
    audit.record(actor, "programs.create", program)
    outcome = safety.check_text(
        actor,
        f"{name}\n\n{description}",
        Context.PROGRAM,
        source=program,
        source_url=program.get_absolute_url(),
    )
    return Saved(program, show_crisis_resources=outcome.show_crisis_resources)


@transaction.atomic
def close_program(actor, program: Program) -> Program:
    """An administrator closes a program: its page goes, its records stay for reports."""
    if not access.can_manage_programs(actor):
        raise Refused(_("Only administrators can close programs."))
    program.active = False
    program.save(update_fields=["active"])
    audit.record(actor, "programs.close", program)
    return program


def add_staff(actor, program: Program, handle: str) -> Membership:
    """An administrator names a peer leader: a peer moderator of the program's group."""
    if not access.can_manage_programs(actor):
        raise Refused(_("Only administrators can name a program's staff."))
    return community.add_space_moderator(actor, program.space, handle)


def remove_staff(actor, program: Program, handle: str) -> Membership:
    if not access.can_manage_programs(actor):
        raise Refused(_("Only administrators can name a program's staff."))
    return community.remove_space_moderator(actor, program.space, handle)


def _person(handle: str):
    person = community.person_by_handle(handle)
    if person is None:
        raise Refused(_("Nobody on Lantern has that handle."), field="handle")
    return person


def enrol(actor, program: Program, handle: str) -> Membership:
    """The program's staff enrol someone by handle: they join the program's group at once."""
    if not access.is_program_staff(actor, program):
        raise Refused(_("Only the program's staff can enrol people."))
    person = _person(handle)
    membership = community.add_member(actor, program.space, person)
    audit.record(actor, "programs.enrol", program, subject=person)
    return membership


def enrol_person(actor, program: Program, person) -> Membership:
    """As `enrol`, for a person already loaded (a resident moving in, a graduate's code)."""
    if not access.is_program_staff(actor, program):
        raise Refused(_("Only the program's staff can enrol people."))
    membership = community.add_member(actor, program.space, person)
    audit.record(actor, "programs.enrol", program, subject=person)
    return membership


def discharge(actor, program: Program, person) -> None:
    """The program's staff end someone's place in the program (it is not a sanction)."""
    if not access.is_program_staff(actor, program):
        raise Refused(_("Only the program's staff can do this."))
    with transaction.atomic():
        community.end_membership(actor, program.space, person)
        for hook in registry.discharge_hooks(program.kind):
            hook.ended(actor, program, person)
    audit.record(actor, "programs.discharge", program, subject=person)


# --- Reading --------------------------------------------------------------------------------------


def programs_of(person) -> list[Program]:
    """The running programs a person belongs to or keeps (one query)."""
    if not person.is_authenticated:
        return []
    return list(
        Program.objects.running()
        .filter(
            space__memberships__person=person,
            space__memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
    )


def staffed_programs(person) -> list[Program]:
    return list(Program.objects.filter(pk__in=access.staffed_program_ids(person)))


def all_programs():
    """Settings → Programs: every program with its counts of staff and members (one query)."""
    active = Q(space__memberships__status=Membership.Status.ACTIVE)
    return Program.objects.annotate(
        staff_count=Count(
            "space__memberships",
            filter=active & Q(space__memberships__role=Membership.Role.MODERATOR),
        ),
        member_count=Count(
            "space__memberships",
            filter=active & Q(space__memberships__role=Membership.Role.MEMBER),
        ),
    ).order_by("-active", "name")


def people_of(actor, program: Program):
    """Staff see who is enrolled (handles, roles, since when); nobody else does."""
    if not access.is_program_staff(actor, program):
        raise Refused(_("Only the program's staff can see who is enrolled."))
    return (
        Membership.objects.filter(space=program.space, status=Membership.Status.ACTIVE)
        .select_related("person")
        .order_by("-role", "person__handle")
    )


def enrolment_of(actor, program: Program, person_id: int) -> Membership | None:
    """A person's place among the program's members (not its staff), for staff to end."""
    return (
        people_of(actor, program).filter(person_id=person_id, role=Membership.Role.MEMBER).first()
    )


# --- Reports ------------------------------------------------------------------------------------


@dataclass
class Report:
    program: Program
    start: date
    end: date
    sections: list[ReportSection]
    small: int = SMALL_CELL


def _enrolment(program: Program, start: date, end: date) -> ReportSection:
    members = Membership.objects.filter(
        space=program.space, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE
    )
    return ReportSection(
        key="enrolment",
        title=_("People enrolled"),
        columns=[_("Measure"), _("People")],
        rows=[
            [_("Enrolled now"), members.count()],
            [
                _("Enrolled in the period"),
                members.filter(joined_at__date__range=(start, end)).count(),
            ],
        ],
    )


def report(actor, program: Program, start: date, end: date) -> Report:
    """The program's report over a period: enrolment, and what its kind's app adds. Staff
    only; reading it is recorded."""
    if not access.is_program_staff(actor, program):
        raise Refused(_("Only the program's staff can read its report."))
    if end < start:
        raise Refused(_("The end comes before the start."), field="end")
    sections = [_enrolment(program, start, end)]
    for builder in registry.reports_for(program.kind):
        sections.extend(builder.build(program, start, end))
    audit.record(actor, "programs.report", program, start=start.isoformat(), end=end.isoformat())
    return Report(program=program, start=start, end=end, sections=sections)


def shown(value, small: int = SMALL_CELL):
    """A report value as shown: counts with small cells suppressed, anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return cell(value, small)


def section_bars(section: ReportSection, small: int = SMALL_CELL):
    """The chart of a section's count column; suppressed cells draw no bar."""
    if section.chart_column is None or not section.rows:
        return None
    values = []
    for row in section.rows:
        n = row[section.chart_column]
        values.append(n if isinstance(n, int) and (n == 0 or n >= small) else 0)
    labels = [str(row[0]) for row in section.rows]
    return charts.bars(values, width=300, top=10, bottom=90, labels=labels)


def as_csv(result: Report) -> str:
    """The report as CSV: one block per section, small cells suppressed as on the page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([result.program.name, result.start.isoformat(), result.end.isoformat()])
    writer.writerow(
        [
            _("Counts from 1 to %(n)s are shown as <%(m)s.")
            % {"n": result.small - 1, "m": result.small}
        ]
    )
    for section in result.sections:
        writer.writerow([])
        writer.writerow([section.title])
        writer.writerow([str(c) for c in section.columns])
        for row in section.rows:
            writer.writerow([str(shown(v, result.small)) for v in row])
    return out.getvalue()


def staff_of(program: Program) -> list:
    return community.space_moderators(program.space)


def for_family(person) -> dict:
    """What a family member or friend finds on their home page: the groups for family and
    friends they can join or are in, family programs' coming events, and where resources for
    families are (three queries)."""
    groups = list(
        Space.objects.listed_for(person).filter(audience=Audience.FAMILY).order_by("name")[:6]
    )
    coming = list(
        Event.objects.visible_to(person)
        .upcoming()
        .filter(club__program__kind=Program.Kind.FAMILY, club__program__active=True)
        .filter(status=Event.Status.SCHEDULED)[:3]
    )
    return {"groups": groups, "events": coming}
