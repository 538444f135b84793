"""A cohort's group in the community, and joining groups with a code.

Community's services decide who may start a group and name its peer moderators: site
moderators and administrators (`community.access.can_create_space`,
`can_manage_space_moderators`). A program's staff are usually neither (casey, a peer
specialist, keeps Northside Alumni), yet keeping cohorts is their job. So a cohort's group is
made here, as part of the staff's own flow (`services.create_cohort`, which checks that the
actor keeps the program): a private group ("by invitation") named after the program and the
cohort, with the address community's `clean_slug` accepts, and the program's staff as its peer
moderators. The words (the cohort's name) go through the safety net in `create_cohort`
(`Context.PROGRAM`). Staff who join the program later become moderators of its cohorts' groups
the next time they act on a cohort (`seat_staff`).

A graduate who enters a code joins the program's group and the cohort's group as an invited
person does: through `community.invitations.join_space`, the community's own path for someone
let in by an invitation rather than by a moderator's hand (so no staff member is named as
having added them). Someone banned from the community, or removed from either group, is
refused first (`refusal_for`), with the reason.
"""

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lantern.community import access as community_access
from lantern.community import invitations as community_invitations
from lantern.community import services as community
from lantern.community.models import Membership, Space
from lantern.core.access import forget
from lantern.core.errors import Refused
from lantern.programs.models import Program

SLUG_MAX = 60
NAME_MAX = 80


def group_name(program: Program, cohort_name: str) -> str:
    return f"{program.name}: {cohort_name}"[:NAME_MAX]


def _free_slug(name: str) -> str:
    base = slugify(name)[: SLUG_MAX - 4].strip("-_") or "cohort"
    slug, n = base, 1
    while Space.objects.filter(slug__iexact=slug).exists() or slug in community.RESERVED_SLUGS:
        n += 1
        slug = f"{base}-{n}"
    return community.clean_slug(slug, name)


def create_group(program: Program, cohort_name: str) -> Space:
    """The cohort's private group (the caller checked that the actor keeps the program)."""
    name = group_name(program, cohort_name)
    if Space.objects.filter(name__iexact=name).exists():
        raise Refused(_("Another group already has this name."), field="name")
    description = _("Graduates of %(program)s: %(cohort)s.") % {
        "program": program.name,
        "cohort": cohort_name,
    }
    try:
        with transaction.atomic():  # two people naming a cohort alike at once
            return Space.objects.create(
                slug=_free_slug(name),
                name=name,
                description=description[:300],
                kind=Space.Kind.PRIVATE,
            )
    except IntegrityError as exc:
        raise Refused(_("Another group already has this name."), field="name") from exc


def seat_staff(program: Program, space: Space, actor=None) -> None:
    """Make the program's staff the peer moderators of the cohort's group (once each). The
    acting person's kept answers are dropped too: they may be one of them."""
    staff = community.space_moderators(program.space)
    present = {m.person_id: m for m in Membership.objects.filter(space=space, person__in=staff)}
    for person in staff:
        membership = present.get(person.pk)
        if membership is not None and membership.status == Membership.Status.REMOVED:
            continue  # a removal by the group's moderators stands
        if membership is None:
            Membership.objects.create(
                space=space,
                person=person,
                role=Membership.Role.MODERATOR,
                status=Membership.Status.ACTIVE,
            )
        elif (
            membership.role != Membership.Role.MODERATOR
            or membership.status != Membership.Status.ACTIVE
        ):
            membership.role, membership.status = (
                Membership.Role.MODERATOR,
                Membership.Status.ACTIVE,
            )
            membership.save(update_fields=["role", "status"])
        else:
            continue
        forget(person)
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
