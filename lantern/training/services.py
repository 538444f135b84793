"""Training: working through a course, practice answers, completion, and the course a role
requires. Each function takes the acting person first, checks the rules itself, writes in one
transaction and refuses with `core.errors.Refused`.

When a person completes a course, the roles their invitations kept waiting for it arrive in
the same transaction (`accounts.invitations.grant_waiting_roles`), and they are told.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts import invitations
from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import Role
from lantern.safety.contexts import Context
from lantern.safety.services import check_text

from . import access
from .models import (
    REQUIRABLE_ROLES,
    Completion,
    Course,
    Part,
    PartDone,
    PracticeAnswer,
    Requirement,
)

ANSWER_LIMIT = 5_000


# --- Progress ----------------------------------------------------------------------------------


@dataclass
class Progress:
    course: Course
    done: int
    total: int
    completion: Completion | None
    required_for: list = field(default_factory=list)  # role labels that require this course

    @property
    def started(self) -> bool:
        return self.done > 0 or self.completion is not None

    @property
    def complete(self) -> bool:
        return self.completion is not None

    @property
    def outdated(self) -> bool:
        """Completed at an earlier version than the one offered now."""
        return self.completion is not None and self.completion.version < self.course.version


def _rank(row) -> int:
    """Requirements in the order of REQUIRABLE_ROLES (supporter, moderator, specialist)."""
    return [r.value for r in REQUIRABLE_ROLES].index(row[0])


def progress_list(person) -> list[Progress]:
    """Every offered course with how far `person` is, and the roles that require it: three
    queries whatever the number."""
    courses = list(
        Course.objects.offered().annotate(
            total=Count("parts", filter=Q(parts__active=True), distinct=True),
            done=Count(
                "parts__done_by",
                filter=Q(parts__active=True, parts__done_by__person=person),
                distinct=True,
            ),
        )
    )
    completions = {c.course_id: c for c in Completion.objects.filter(person=person)}
    required: dict[int, list] = {}
    for role, course_id in sorted(Requirement.objects.values_list("role", "course_id"), key=_rank):
        required.setdefault(course_id, []).append(Role(role).label)
    return [
        Progress(c, c.done, c.total, completions.get(c.pk), required.get(c.pk, [])) for c in courses
    ]


def done_keys(person, course: Course) -> set[str]:
    return set(
        PartDone.objects.filter(person=person, part__course=course).values_list(
            "part__key", flat=True
        )
    )


def progress_of(person, course: Course) -> Progress:
    parts = course.parts.filter(active=True)
    done = PartDone.objects.filter(person=person, part__in=parts).count()
    completion = Completion.objects.filter(person=person, course=course).first()
    roles = sorted(course.requirements.values_list("role", "course_id"), key=_rank)
    required = [Role(role).label for role, _course in roles]
    return Progress(course, done, parts.count(), completion, required)


def completed(person, course: Course) -> bool:
    return Completion.objects.filter(person=person, course=course).exists()


# --- Working through a course ------------------------------------------------------------------


def _check_part(actor, part: Part) -> None:
    if not access.can_take_courses(actor) or not part.active or not part.course.active:
        raise NotFound


@transaction.atomic
def mark_done(actor, part: Part) -> Completion | None:
    """`actor` has done this lesson or scenario (at the course's current version). When it was
    the last part left, the course is complete at its current version: the roles waiting for it
    arrive now, and the person is told. Someone who completed an earlier version completes the
    new one by marking every part done again. Returns the completion when this step completed
    the course."""
    _check_part(actor, part)
    course = part.course
    PartDone.objects.update_or_create(person=actor, part=part, defaults={"version": course.version})
    active = course.parts.filter(active=True)
    if active.exclude(done_by__person=actor).exists():
        return None
    completion = Completion.objects.select_for_update().filter(person=actor, course=course).first()
    if completion is None:
        completion = Completion(person=actor, course=course)
    elif completion.version >= course.version:
        return None
    else:
        # An earlier version was completed: the new one counts once every part has been
        # marked done again at it (going through the course again, not one click).
        done_now = PartDone.objects.filter(person=actor, version=course.version)
        if active.exclude(pk__in=done_now.values("part_id")).exists():
            return None
    completion.version, completion.completed_at = course.version, timezone.now()
    completion.save()
    audit.record(actor, "training.complete", course, subject=actor, version=course.version)
    granted = invitations.grant_waiting_roles(actor)
    labels = ", ".join(str(Role(role).label) for role in granted)
    notify(
        actor,
        "training.role_granted" if granted else "training.completed",
        about=completion,
        params={"course": course.title, "roles": labels},
        url=course.get_absolute_url(),
    )
    return completion


@transaction.atomic
def save_answer(actor, part: Part, text: str) -> Saved:
    """What `actor` would say in a practice scenario: kept for them alone, encrypted at rest.
    It passes the safety net as private writing (the writer may be the one who needs help)."""
    _check_part(actor, part)
    if not part.is_scenario:
        raise NotFound
    text = (text or "").strip()
    if not text:
        raise Refused(_("Write what you would say, or go straight to the examples."), field="text")
    if len(text) > ANSWER_LIMIT:
        raise Refused(_("Please keep this under 5,000 characters."), field="text")
    answer, _created = PracticeAnswer.objects.update_or_create(
        person=actor, part=part, defaults={"text": text}
    )
    outcome = check_text(actor, text, Context.PRACTICE, source=answer)
    return Saved(answer, show_crisis_resources=outcome.show_crisis_resources)


def answer_of(person, part: Part) -> PracticeAnswer | None:
    """The person's own answer. Nobody else's is ever loaded: there is no way to ask."""
    return PracticeAnswer.objects.filter(person=person, part=part).first()


@transaction.atomic
def delete_answer(actor, part: Part) -> None:
    _check_part(actor, part)
    PracticeAnswer.objects.filter(person=actor, part=part).delete()


# --- What roles require ------------------------------------------------------------------------


def requirements() -> dict[str, Requirement]:
    return {r.role: r for r in Requirement.objects.select_related("course")}


@transaction.atomic
def require_course(actor, role: str, course: Course | None) -> Requirement | None:
    """An administrator chooses the course `role` requires (None: no course). People who hold
    the role already keep it."""
    if not access.can_manage_training(actor):
        raise NotFound
    if role not in [r.value for r in REQUIRABLE_ROLES]:
        raise Refused(_("Choose from the list."), field=role)
    current = Requirement.objects.filter(role=role).first()
    if course is None:
        if current is not None:
            current.delete()
            audit.record(actor, "training.require", None, role=role, course="")
        return None
    if not course.active:
        raise Refused(_("Choose from the list."), field=role)
    if current is not None and current.course_id == course.pk:
        return current
    requirement, _created = Requirement.objects.update_or_create(
        role=role, defaults={"course": course, "set_by": actor}
    )
    audit.record(actor, "training.require", course, role=role, course=course.slug)
    return requirement


def unmet(person, role) -> list[str]:
    """For `accounts.role_requirements`: the course `role` requires, if `person` has not
    completed it (any version counts)."""
    requirement = Requirement.objects.filter(role=str(role)).select_related("course").first()
    if requirement is None or not requirement.course.active:
        return []
    if completed(person, requirement.course):
        return []
    return [_("Finish the course “%(title)s” first.") % {"title": requirement.course.title}]


def waiting_courses(person) -> list[tuple[str, Course]]:
    """(role, course) for each role an invitation keeps waiting for a course `person` has not
    completed: what their home card asks them to do."""
    roles = invitations.waiting_roles(person)
    if not roles:
        return []
    found = []
    for requirement in Requirement.objects.filter(role__in=roles).select_related("course"):
        if requirement.course.active and not completed(person, requirement.course):
            found.append((requirement.role, requirement.course))
    return found


def completions_overview():
    """Settings → Training: who has completed what, newest first (one query)."""
    return Completion.objects.select_related("person", "course").order_by("-completed_at")


# --- My data -----------------------------------------------------------------------------------


def export_training(person) -> dict:
    """Everything training keeps about `person`, answers decrypted, for their data export."""
    return {
        "parts_done": [
            {
                "course": d.part.course.slug,
                "part": d.part.key,
                "version": d.version,
                "done_at": d.done_at.isoformat(),
            }
            for d in PartDone.objects.filter(person=person).select_related("part__course")
        ],
        "completions": [
            {
                "course": c.course.slug,
                "version": c.version,
                "completed_at": c.completed_at.isoformat(),
            }
            for c in Completion.objects.filter(person=person).select_related("course")
        ],
        "practice_answers": [
            {
                "course": a.part.course.slug,
                "scenario": a.part.key,
                "text": a.text,
                "updated_at": a.updated_at.isoformat(),
            }
            for a in PracticeAnswer.objects.filter(person=person).select_related("part__course")
        ],
    }


def erase_training(person) -> None:
    """Answers, progress and completions go with the account (said here, not left to the
    cascade, so a reader sees it). Requirements an administrator set stay, without their name."""
    PracticeAnswer.objects.filter(person=person).delete()
    PartDone.objects.filter(person=person).delete()
    Completion.objects.filter(person=person).delete()
    Requirement.objects.filter(set_by=person).update(set_by=None)
