"""A cohort's group in the community, and joining groups with a code.

Community's services decide who may start a group and name its peer moderators: site
moderators and administrators (`community.access.can_create_space`,
`can_manage_space_moderators`). A program's staff are usually neither (casey, a peer
specialist, keeps Northside Alumni), yet keeping cohorts is their job. So a cohort's group is
made here, as part of the staff's own flow (`services.create_cohort`, which checks that the
actor keeps the program): a private group ("by invitation") named after the program and the
cohort, and the program's staff as its peer moderators, by community's `create_kept_space`
and `seat_moderators`. The words (the cohort's name) go through the safety net in `create_cohort`
(`Context.PROGRAM`). Staff who join the program later become moderators of its cohorts' groups
the next time they act on a cohort (`seat_staff`).

A graduate who enters a code joins the program's group and the cohort's group as an invited
person does: through `community.invitations.join_space`, the community's own path for someone
let in by an invitation rather than by a moderator's hand (so no staff member is named as
having added them). Someone banned from the community, or removed from either group, is
refused first (`refusal_for`), with the reason.
"""

from django.utils.translation import gettext as _

from lantern.community import access as community_access
from lantern.community import invitations as community_invitations
from lantern.community import services as community
from lantern.community.models import Membership, Space
from lantern.core.access import forget
from lantern.programs.models import Program

SLUG_MAX = 60
NAME_MAX = 80


def group_name(program: Program, cohort_name: str) -> str:
    return f"{program.name}: {cohort_name}"[:NAME_MAX]


def create_group(program: Program, cohort_name: str) -> Space:
    """The cohort's private group (the caller checked that the actor keeps the program)."""
    description = _("Graduates of %(program)s: %(cohort)s.") % {
        "program": program.name,
        "cohort": cohort_name,
    }
    return community.create_kept_space(
        name=group_name(program, cohort_name),
        description=description,
        moderators=community.space_moderators(program.space),
    )


def seat_staff(program: Program, space: Space, actor=None) -> None:
    """Make the program's staff the peer moderators of the cohort's group (once each). The
    acting person's kept answers are dropped too: they may be one of them."""
    community.seat_moderators(space, community.space_moderators(program.space))
    if actor is not None:
        forget(actor)


def refusal_for(person, *spaces: Space) -> str | None:
    """Why `person` may not join these groups, or None."""
    if community_access.is_banned(person):
        return _("You cannot join: your account is banned from the community.")
    removed = Membership.objects.filter(
        space__in=spaces, person=person, status=Membership.Status.REMOVED
    ).exists()
    if removed:
        return _("You were removed from this program's group. Please talk to its staff.")
    return None


def join(person, space: Space) -> None:
    """`person` joins `space` as someone let in by an invitation."""
    community_invitations.join_space(person, space.slug)
