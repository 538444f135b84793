"""Step-down tracking and giving back.

- Care levels: the program's staff record which level of continuing care a graduate is in and
  since when (residential, partial hospitalization, intensive outpatient, outpatient, recovery
  check-ups, alumni only). A change is a new row: the history stays. The graduate sees their
  own history on "My aftercare".
- Giving back: an alumnus says "I'd like to come back as a peer supporter". They are offered
  the supporter pathway and its training, and the program's staff are told; staff see the list.
"""

from datetime import date

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community import services as community
from lantern.community.models import Membership
from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.notifications import notify
from lantern.programs.models import Program

from .. import access
from ..models import CareLevel, Volunteer


@transaction.atomic
def record_care_level(actor, program: Program, person, *, level: str, since: date) -> CareLevel:
    """The program's staff record a graduate's level of continuing care from a date."""
    if not access.is_staff(actor, program):
        raise Refused(_("Only the program's staff can record levels of care."))
    if not access.is_graduate(person, program):
        raise Refused(_("%(handle)s is not enrolled in this program.") % {"handle": person.handle})
    if level not in CareLevel.Level.values:
        raise Refused(_("Choose a level of care from the list."), field="level")
    if since is None:
        raise Refused(_("Say since when."), field="since")
    if since > timezone.localdate():
        raise Refused(_("That date is in the future."), field="since")
    if since < date(1990, 1, 1):
        raise Refused(_("That date is too long ago."), field="since")
    current = current_level(program, person)
    if current is not None and current.level == level and current.since == since:
        raise Refused(_("That is already their level of care."), field="level")
    recorded = CareLevel.objects.create(
        program=program, person=person, level=level, since=since, recorded_by=actor
    )
    audit.record(actor, "alumni.care_level", recorded, subject=person, level=level)
    return recorded


def history(program: Program | None, person) -> list[CareLevel]:
    """A person's care levels, newest first (one program, or every program)."""
    found = CareLevel.objects.filter(person=person).select_related("program", "recorded_by")
    if program is not None:
        found = found.filter(program=program)
    return list(found)


def current_level(program: Program, person) -> CareLevel | None:
    return CareLevel.objects.filter(program=program, person=person).first()


def current_levels(program: Program) -> dict[int, str]:
    """Each enrolled graduate's level now: {person id: level} (one query)."""
    latest = CareLevel.objects.filter(program=program, person_id=OuterRef("person_id")).order_by(
        "-since", "-recorded_at", "-pk"
    )
    rows = Membership.objects.filter(
        space=program.space, status=Membership.Status.ACTIVE, role=Membership.Role.MEMBER
    ).annotate(level=Subquery(latest.values("level")[:1]))
    return dict(rows.values_list("person_id", "level"))


# --- Giving back ----------------------------------------------------------------------------------


@transaction.atomic
def volunteer(person, program: Program) -> Volunteer:
    """An alumnus offers to come back as a peer supporter; the program's staff are told (once:
    saying it again changes nothing)."""
    if not access.is_graduate(person, program):
        raise Refused(_("This is for the program's graduates."))
    offer, created = Volunteer.objects.get_or_create(program=program, person=person)
    if created:
        url = reverse("alumni-volunteers", args=[program.slug])
        for staff in community.space_moderators(program.space):
            notify(
                staff,
                "alumni.volunteer",
                about=offer,
                actor=person,
                params={"program": program.name},
                url=url,
            )
    return offer


def has_volunteered(person, program: Program) -> bool:
    return Volunteer.objects.filter(program=program, person=person).exists()


def volunteered_in(person, program_ids) -> set[int]:
    """The programs among these where the person offered to give back."""
    return set(
        Volunteer.objects.filter(person=person, program_id__in=program_ids).values_list(
            "program_id", flat=True
        )
    )


def volunteers_of(actor, program: Program) -> list[Volunteer]:
    """Staff: the alumni who offered to give back, newest first, with whether they are still
    enrolled."""
    if not access.is_staff(actor, program):
        raise Refused(_("Only the program's staff can see its volunteers."))
    enrolled = Membership.objects.filter(
        space=program.space, person_id=OuterRef("person_id"), status=Membership.Status.ACTIVE
    )
    return list(
        program.volunteers.select_related("person").annotate(
            enrolled_since=Subquery(enrolled.values("joined_at")[:1])
        )
    )
