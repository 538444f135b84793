"""House rules, versioned. Staff publish a new version; each resident accepts the current one
(the version and the time are kept); a new version asks everyone again, and the acceptances of
old versions stay."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.results import Saved
from lantern.programs.models import Program
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from .. import access
from ..models import Residency, RulesAcknowledgement, RulesVersion
from .common import require_residence, require_staff, words

RULES_MAX = 10000


def current_rules(program: Program) -> RulesVersion | None:
    return RulesVersion.objects.filter(program=program).order_by("-number").first()


@transaction.atomic
def publish_rules(actor, program: Program, text: str) -> Saved:
    """Staff publish a new version of the house rules: every resident is asked to accept it."""
    require_staff(actor, program)
    require_residence(program)
    text = words(text, limit=RULES_MAX, what=_("The house rules"), field="text")
    current = current_rules(program)
    if current is not None and current.text == text:
        raise Refused(_("These are the rules already in force."), field="text")
    last = RulesVersion.objects.filter(program=program).aggregate(n=Max("number"))["n"] or 0
    try:
        with transaction.atomic():
            version = RulesVersion.objects.create(
                program=program, number=last + 1, text=text, published_by=actor
            )
    except IntegrityError:  # published twice at once
        raise Refused(_("Another version was just published: look at it first.")) from None
    audit.record(actor, "residences.rules_publish", version, number=version.number)
    outcome = safety.check_text(
        actor, text, Context.PROGRAM, source=version, source_url=program.get_absolute_url()
    )
    return Saved(version, show_crisis_resources=outcome.show_crisis_resources)


def rules_to_accept(person, program: Program) -> RulesVersion | None:
    """The current version, when the person lives in one of the program's houses and has not
    accepted it."""
    current = current_rules(program)
    if current is None or access.open_residency(person, program) is None:
        return None
    if current.acknowledgements.filter(person=person).exists():
        return None
    return current


@transaction.atomic
def accept_rules(person, version: RulesVersion) -> RulesAcknowledgement:
    """A resident accepts the current house rules."""
    program = version.program
    if access.open_residency(person, program) is None:
        raise Refused(_("Only residents accept the house rules."))
    current = current_rules(program)
    if current is None or current.pk != version.pk:
        raise Refused(_("The house rules changed since you opened the page: read the new ones."))
    ack = RulesAcknowledgement.objects.filter(version=version, person=person).first()
    if ack is not None:
        return ack
    try:
        with transaction.atomic():
            ack = RulesAcknowledgement.objects.create(version=version, person=person)
    except IntegrityError:  # a double click
        return RulesAcknowledgement.objects.get(version=version, person=person)
    audit.record(person, "residences.rules_accept", version, subject=person)
    return ack


@dataclass
class ResidentRules:
    residency: Residency
    accepted: list[RulesAcknowledgement]  # newest first

    @property
    def latest(self) -> RulesAcknowledgement | None:
        return self.accepted[0] if self.accepted else None


def acceptance_table(actor, program: Program) -> list[ResidentRules]:
    """Staff see, for each resident, which versions they accepted and when (two queries)."""
    require_staff(actor, program)
    residencies = list(
        Residency.objects.open()
        .in_program(program)
        .select_related("person", "bed__room__house")
        .order_by("person__handle")
    )
    acks: dict[int, list] = {}
    for ack in (
        RulesAcknowledgement.objects.filter(
            version__program=program, person__in=[r.person_id for r in residencies]
        )
        .select_related("version")
        .order_by("-version__number")
    ):
        acks.setdefault(ack.person_id, []).append(ack)
    return [ResidentRules(r, acks.get(r.person_id, [])) for r in residencies]


def my_acknowledgements(person, program: Program):
    return (
        RulesAcknowledgement.objects.filter(person=person, version__program=program)
        .select_related("version")
        .order_by("-version__number")
    )


def versions_of(program: Program):
    """Every version, newest first, with how many people accepted it (one query)."""
    return RulesVersion.objects.filter(program=program).annotate(accepted=Count("acknowledgements"))


def version_for(program: Program, number: int) -> RulesVersion | None:
    return RulesVersion.objects.filter(program=program, number=number).first()
