"""Who may do what in programs, and the loaders every page, the API and the kiosk use.

A program's members see its page; its staff (the peer moderators of its group) keep it; the
site's administrators create programs and name their staff. Nothing about a person's access is
kept beyond one request: ending someone's place in a program counts at once.

The kinds' apps (`residences`, `dropin`, `alumni`) ask these questions about the program a
record belongs to, and add their own for the records only staff or the person concerned see.
"""

from lantern.community import access as community_access
from lantern.community.models import Membership
from lantern.core.access import can_manage_roles, has_role, remembered
from lantern.core.errors import NotFound
from lantern.core.roles import HELPER_ROLES, Role

from .models import Program


def can_manage_programs(user) -> bool:
    """Administrators create programs and name their staff."""
    return can_manage_roles(user)


def is_program_staff(user, program: Program) -> bool:
    """A peer leader of the program (a peer moderator of its group), or an administrator."""
    if not user.is_authenticated:
        return False
    if has_role(user, Role.ADMIN):
        return True
    m = community_access.membership(user, program.space)
    return (
        m is not None
        and m.status == Membership.Status.ACTIVE
        and m.role == Membership.Role.MODERATOR
    )


def is_program_member(user, program: Program) -> bool:
    """Enrolled in the program (staff included)."""
    return community_access.is_member(user, program.space)


def can_see_program(user, program: Program) -> bool:
    return program.active and (is_program_member(user, program) or is_program_staff(user, program))


def staffed_program_ids(user) -> list[int]:
    """The programs the person keeps, read once per request."""
    if not user.is_authenticated:
        return []

    def compute():
        if has_role(user, Role.ADMIN):
            return list(Program.objects.running().values_list("pk", flat=True))
        return list(
            Program.objects.running()
            .filter(
                space__memberships__person=user,
                space__memberships__status=Membership.Status.ACTIVE,
                space__memberships__role=Membership.Role.MODERATOR,
            )
            .values_list("pk", flat=True)
        )

    return remembered(user, "programs.staffed", compute)


def sees_programs_in_menu(user) -> bool:
    """Helpers (whose roles are known without a query): program staff are among them.
    Members find their programs from their home card: asking on every page costs a query."""
    return has_role(user, *HELPER_ROLES)


def get_program_for(user, slug: str) -> Program:
    """A program the person belongs to or keeps; anyone else is told it does not exist."""
    program = Program.objects.select_related("space", "club").filter(slug=slug).first()
    if program is None or not can_see_program(user, program):
        raise NotFound
    return program


def get_staffed_program_for(user, slug: str) -> Program:
    """A program the person keeps (staff pages: enrolling people, reports)."""
    program = get_program_for(user, slug)
    if not is_program_staff(user, program):
        raise NotFound
    return program


def get_managed_program_for(user, slug: str) -> Program:
    """Any program, for administrators (Settings → Programs)."""
    if not can_manage_programs(user):
        raise NotFound
    program = Program.objects.select_related("space").filter(slug=slug).first()
    if program is None:
        raise NotFound
    return program
