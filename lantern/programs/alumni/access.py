"""Who may do what in an alumni program, and the loaders every page uses.

A program's staff (its peer leaders, and administrators: `programs.access.is_program_staff`)
keep its cohorts, codes, follow-ups and care levels. A graduate sees the cohorts they are in,
their own check-ins and their own care levels; nobody else's. Anything else answers 404, as if
it did not exist. Nothing is kept beyond one request: ending someone's place counts at once.
"""

from django.utils import timezone

from lantern.community import access as community_access
from lantern.community.models import Membership
from lantern.core.errors import NotFound
from lantern.programs import access as programs_access
from lantern.programs.models import Program

from .models import CheckIn, Cohort, InviteCode


def is_alumni(program: Program) -> bool:
    return program.kind == Program.Kind.ALUMNI


def is_staff(user, program: Program) -> bool:
    return programs_access.is_program_staff(user, program)


def is_graduate(user, program: Program) -> bool:
    """Enrolled in the program and not on its staff."""
    return programs_access.is_program_member(user, program) and not is_staff(user, program)


def is_in_cohort(user, cohort: Cohort) -> bool:
    return community_access.is_member(user, cohort.space)


def can_see_cohort(user, cohort: Cohort) -> bool:
    return is_staff(user, cohort.program) or (
        programs_access.is_program_member(user, cohort.program) and is_in_cohort(user, cohort)
    )


def get_program_for(user, slug: str) -> Program:
    """An alumni program the person belongs to or keeps."""
    program = programs_access.get_program_for(user, slug)
    if not is_alumni(program):
        raise NotFound
    return program


def get_staffed_program_for(user, slug: str) -> Program:
    """An alumni program the person keeps."""
    program = get_program_for(user, slug)
    if not is_staff(user, program):
        raise NotFound
    return program


def _cohort_of(program: Program, pk: int) -> Cohort:
    cohort = program.cohorts.select_related("space").filter(pk=pk).first()
    if cohort is None:
        raise NotFound
    cohort.program = program  # already loaded: links need its slug
    return cohort


def get_cohort_for(user, slug: str, pk: int) -> Cohort:
    """A cohort the person is in, or whose program they keep."""
    cohort = _cohort_of(get_program_for(user, slug), pk)
    if not can_see_cohort(user, cohort):
        raise NotFound
    return cohort


def get_staff_cohort_for(user, slug: str, pk: int) -> Cohort:
    return _cohort_of(get_staffed_program_for(user, slug), pk)


def get_code_for(user, slug: str, pk: int) -> InviteCode:
    """A code of one of the program's cohorts, for its staff."""
    program = get_staffed_program_for(user, slug)
    code = InviteCode.objects.select_related("cohort").filter(pk=pk, cohort__program=program)
    code = code.first()
    if code is None:
        raise NotFound
    code.cohort.program = program
    return code


def get_checkin_for(user, pk: int) -> CheckIn:
    """The person's own check-in, once it is due, while they are in a running program."""
    if not user.is_authenticated:
        raise NotFound
    checkin = (
        CheckIn.objects.select_related("program__space", "cohort")
        .filter(pk=pk, person=user, due_on__lte=timezone.localdate(), program__active=True)
        .first()
    )
    if checkin is None or not programs_access.is_program_member(user, checkin.program):
        raise NotFound
    checkin.cohort.program = checkin.program
    return checkin


def get_graduate_for(user, slug: str, person_pk: int):
    """A person enrolled in the program (not its staff), for the program's staff: their
    check-ins and care levels. Returns (program, person)."""
    program = get_staffed_program_for(user, slug)
    membership = (
        Membership.objects.select_related("person")
        .filter(
            space=program.space,
            person_id=person_pk,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.MEMBER,
        )
        .first()
    )
    if membership is None:
        raise NotFound
    return program, membership.person
