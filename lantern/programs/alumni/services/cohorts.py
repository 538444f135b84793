"""Cohorts, invite codes and joining: the program's staff make a cohort (its group comes with
it) and codes for it; a graduate who enters a live code is in the program, in the cohort's
group and on the follow-up schedule, and the use is recorded. Staff may also add a graduate by
handle."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community import services as community
from lantern.community.models import Membership
from lantern.core import audit, ratelimits
from lantern.core.errors import RateLimited, Refused
from lantern.core.results import Saved
from lantern.programs import services as programs
from lantern.programs.models import Program
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from .. import access, groups
from ..models import CodeUse, Cohort, InviteCode
from . import followups

NAME_MAX = 60
# Unambiguous on paper and read aloud: no 0/O, 1/I/L (as accounts' invitations).
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
USES_MAX = 500
DAYS_MAX = 180
# Failed code attempts (wrong, expired, used up, withdrawn) per person: guessing is slow.
RATE_LIMIT = "alumni_code"


def _staff(actor, program: Program) -> None:
    if not access.is_staff(actor, program):
        raise Refused(_("Only the program's staff can do this."))
    if not program.active:
        raise Refused(_("This program is closed."))


# --- Cohorts ------------------------------------------------------------------------------------


def _clean_date(value: date | None, field: str) -> date | None:
    if value is None:
        return None
    today = timezone.localdate()
    if value > today + timedelta(days=366):
        raise Refused(_("Choose a date within the next year."), field=field)
    if value < date(1990, 1, 1):
        raise Refused(_("That date is too long ago."), field=field)
    return value


@transaction.atomic
def create_cohort(actor, program: Program, *, name: str, graduated_on: date | None) -> Saved:
    """The program's staff start a cohort; its private group comes with it, with the program's
    staff as its peer moderators (see `groups`). The name goes through the safety net."""
    _staff(actor, program)
    if not access.is_alumni(program):
        raise Refused(_("Cohorts belong to alumni programs."))
    name = community.clean_text(name, limit=NAME_MAX, what=_("The name"), field="name")
    graduated_on = _clean_date(graduated_on, "graduated_on")
    if program.cohorts.filter(name__iexact=name).exists():
        raise Refused(_("This program already has a cohort with this name."), field="name")
    space = groups.create_group(program, name)
    cohort = Cohort.objects.create(
        program=program, name=name, graduated_on=graduated_on, space=space, created_by=actor
    )
    groups.seat_staff(program, space, actor)
    audit.record(actor, "alumni.cohort_create", cohort)
    outcome = safety.check_text(
        actor, name, Context.PROGRAM, source=cohort, source_url=cohort.get_absolute_url()
    )
    return Saved(cohort, show_crisis_resources=outcome.show_crisis_resources)


def cohorts_of(actor, program: Program):
    """Staff: the program's cohorts, each with how many graduates are in its group now and how
    many codes are live (one query)."""
    if not access.is_staff(actor, program):
        raise Refused(_("Only the program's staff can see its cohorts."))
    return program.cohorts.annotate(
        graduates=_count_members(),
        live_codes=_count_live_codes(timezone.now()),
    ).order_by(F("graduated_on").desc(nulls_last=True), "-created_at")


def _count_members():
    return Count(
        "space__memberships",
        filter=Q(
            space__memberships__status=Membership.Status.ACTIVE,
            space__memberships__role=Membership.Role.MEMBER,
        ),
        distinct=True,
    )


def _count_live_codes(now):
    return Count(
        "codes",
        filter=Q(codes__revoked_at__isnull=True, codes__expires_at__gt=now)
        & Q(codes__uses__lt=F("codes__uses_allowed")),
        distinct=True,
    )


def cohorts_in(person, program_ids) -> list[Cohort]:
    """The cohorts of these programs that the person is in (one query)."""
    return list(
        Cohort.objects.filter(
            program_id__in=program_ids,
            space__memberships__person=person,
            space__memberships__status=Membership.Status.ACTIVE,
        ).order_by("created_at")
    )


def graduates_of(actor, cohort: Cohort):
    """Staff: the cohort's graduates (members of its group), with when they joined and whether
    they are still enrolled in the program (`enrolled`: someone who left the program's group
    themselves stays in the cohort's group; a place the staff end ends in both)."""
    if not access.is_staff(actor, cohort.program):
        raise Refused(_("Only the program's staff can see who is in a cohort."))
    enrolled = Membership.objects.filter(
        space_id=cohort.program.space_id,
        person_id=OuterRef("person_id"),
        status=Membership.Status.ACTIVE,
    )
    return (
        Membership.objects.filter(
            space=cohort.space, status=Membership.Status.ACTIVE, role=Membership.Role.MEMBER
        )
        .annotate(enrolled=Exists(enrolled))
        .select_related("person")
        .order_by("person__handle")
    )


@transaction.atomic
def add_graduate(actor, cohort: Cohort, handle: str) -> Membership:
    """The program's staff add a graduate by handle: enrolled in the program, in the cohort's
    group and on the follow-up schedule."""
    program = cohort.program
    _staff(actor, program)
    person = community.person_by_handle(handle)
    if person is None:
        raise Refused(_("Nobody on Lantern has that handle."), field="handle")
    if access.is_staff(person, program):
        raise Refused(
            _("%(handle)s keeps this program.") % {"handle": person.handle}, field="handle"
        )
    if access.is_in_cohort(person, cohort):
        raise Refused(
            _("%(handle)s is already in this cohort.") % {"handle": person.handle},
            field="handle",
        )
    groups.seat_staff(program, cohort.space, actor)  # staff named since the cohort began
    programs.enrol_person(actor, program, person)
    membership = community.add_member(actor, cohort.space, person)
    followups.schedule(cohort, person, timezone.localdate())
    audit.record(actor, "alumni.add", cohort, subject=person)
    return membership


# --- Codes --------------------------------------------------------------------------------------


def normalized(code: str) -> str:
    """What a person types from paper: any case, spaces and dashes ignored."""
    return "".join((code or "").split()).replace("-", "").upper()[:32]


def digest_of(code: str) -> str:
    return hashlib.sha256(normalized(code).encode()).hexdigest()


def shown(code: str) -> str:
    """ABCDEFGHJK → ABCDE-FGHJK: easier to read out and to type."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def join_link(code: str) -> str:
    """The path a printed code's link opens: the join page with the code filled in."""
    return f"{reverse('alumni-join')}?code={shown(code)}"


@dataclass(frozen=True)
class NewCode:
    """A code just made: `code` is stored (as a digest), `secret` is shown this once."""

    code: InviteCode
    secret: str

    @property
    def shown(self) -> str:
        return shown(self.secret)

    @property
    def link(self) -> str:
        return join_link(self.secret)


def _check_number(value, *, low: int, high: int, message: str, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Refused(message % {"low": low, "high": high}, field=field)
    return value


@transaction.atomic
def create_code(actor, cohort: Cohort, *, uses: int, days: int) -> NewCode:
    """The program's staff make a code for a cohort, good for `uses` people for `days` days.
    Only its digest is kept: the code is shown once, now."""
    _staff(actor, cohort.program)
    uses = _check_number(
        uses,
        low=1,
        high=USES_MAX,
        message=_("A code can be used by %(low)s to %(high)s people."),
        field="uses",
    )
    days = _check_number(
        days,
        low=1,
        high=DAYS_MAX,
        message=_("A code can last from %(low)s to %(high)s days."),
        field="days",
    )
    secret = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    code = InviteCode.objects.create(
        cohort=cohort,
        digest=digest_of(secret),
        ending=secret[-3:],
        uses_allowed=uses,
        expires_at=timezone.now() + timedelta(days=days),
        created_by=actor,
    )
    audit.record(actor, "alumni.code_create", code, uses=uses, days=days)
    return NewCode(code, secret)


def codes_of(actor, cohort: Cohort) -> list[InviteCode]:
    if not access.is_staff(actor, cohort.program):
        raise Refused(_("Only the program's staff can see its codes."))
    return list(cohort.codes.select_related("created_by"))


@transaction.atomic
def revoke_code(actor, code: InviteCode) -> InviteCode:
    """The program's staff withdraw a code: nobody can use it from now on."""
    _staff(actor, code.cohort.program)
    if code.revoked_at is None:
        code.revoked_at = timezone.now()
        code.save(update_fields=["revoked_at"])
        audit.record(actor, "alumni.code_revoke", code)
    return code


def _failed(person, message: str) -> Refused:
    """Count a failed attempt (guessing is what the limit stops) and say what went wrong."""
    ratelimits.consume(RATE_LIMIT, person)
    return Refused(message, field="code")


@transaction.atomic
def join_with_code(person, code: str) -> Cohort:
    """A graduate enters a code: if it is live, they are enrolled in the program, in the
    cohort's group and on the follow-up schedule, and the use is recorded. A wrong, expired,
    used-up or withdrawn code changes nothing and counts towards the limit on attempts."""
    if ratelimits.exhausted(RATE_LIMIT, person):
        raise RateLimited(
            _("That is a lot of tries in a short time. Please wait an hour and try again.")
        )
    typed = normalized(code)
    if not typed:
        raise Refused(_("Enter the code you were given."), field="code")
    found = (
        InviteCode.objects.select_for_update()
        .select_related("cohort__program__space", "cohort__space")
        .filter(digest=digest_of(typed))
        .first()
    )
    if found is None or not found.cohort.program.active:
        raise _failed(person, _("That code is not right. Check it and try again."))
    state = found.state()
    if state == InviteCode.State.REVOKED:
        raise _failed(person, _("This code was withdrawn. Ask the program for a new one."))
    if state == InviteCode.State.EXPIRED:
        raise _failed(person, _("This code has expired. Ask the program for a new one."))
    if state == InviteCode.State.USED_UP:
        raise _failed(
            person,
            _("This code has been used as many times as it allows. Ask the program for a new one."),
        )
    cohort, program = found.cohort, found.cohort.program
    if access.is_staff(person, program):
        raise Refused(_("You keep this program: codes are for its graduates."), field="code")
    if access.is_in_cohort(person, cohort):
        raise Refused(_("You are already in this cohort."), field="code")
    refusal = groups.refusal_for(person, program.space, cohort.space)
    if refusal:
        raise Refused(refusal, field="code")
    taken = InviteCode.objects.filter(pk=found.pk, uses__lt=F("uses_allowed")).update(
        uses=F("uses") + 1
    )
    if not taken:  # the last use went to someone else a moment ago
        raise _failed(
            person,
            _("This code has been used as many times as it allows. Ask the program for a new one."),
        )
    CodeUse.objects.get_or_create(code=found, person=person)
    groups.join(person, program.space)
    groups.join(person, cohort.space)
    followups.schedule(cohort, person, timezone.localdate())
    audit.record(person, "alumni.join", cohort, subject=person, code=found.pk)
    return cohort


def leave_cohorts(actor, program: Program, person) -> None:
    """When the program's staff end someone's place in the program, their places in its
    cohorts' groups end too (programs calls this through `registry.on_discharge`)."""
    for cohort in Cohort.objects.filter(
        program=program,
        space__memberships__person=person,
        space__memberships__role=Membership.Role.MEMBER,
    ).select_related("space"):
        groups.seat_staff(program, cohort.space, actor)
        community.end_membership(actor, cohort.space, person)
