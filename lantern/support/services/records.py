"""The records a specialist keeps inside an engagement: intake, contact notes (editable for 24
hours, then only addenda), assessments, referrals, and the member's plan (read). Every
function checks the engagement is open and the member's consent covers the record; every
staff read is audited for the member's access history."""

import json
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core import audit, ratelimits
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.directory.models import Kind, Resource
from lantern.recovery import services as recovery
from lantern.safety.contexts import Context

from .. import access, instruments, tasks
from ..models import Addendum, Assessment, ContactNote, Engagement, Intake, Referral, today
from . import followups
from .base import limit, now, reader_only, safety_check, staff_only

EDIT_WINDOW = timedelta(hours=24)
REFERRAL_WAIT = timedelta(days=14)  # a referral this long in one open status gets a reminder
DOMAINS = (
    "housing",
    "employment",
    "legal",
    "physical_health",
    "mental_health",
    "family",
    "education",
    "transport",
    "income",
)
PATHWAYS = ("12-step", "smart", "dharma", "medication", "faith", "harm_reduction", "other")


# --- Intake -------------------------------------------------------------------------------------


@transaction.atomic
def save_intake(
    actor,
    engagement: Engagement,
    *,
    pathways: list[str],
    goals: str,
    needs: dict,
    strengths: str,
) -> Saved:
    """Record (or update) the intake: pathways, the member's goals in their words, needs by
    domain (0 none … 3 urgent, with a note), strengths. The first intake schedules the
    follow-ups."""
    staff_only(actor, engagement, "intake")
    goals, strengths = limit(goals, "goals"), limit(strengths, "strengths")
    pathways = [p for p in PATHWAYS if p in set(pathways)]
    clean_needs = {}
    for domain in DOMAINS:
        value = needs.get(domain) or {}
        level = int(value.get("level") or 0)
        if level not in (0, 1, 2, 3):
            raise Refused(_("Choose a level from the list."), field=f"need_{domain}")
        note = limit(value.get("note", ""), f"note_{domain}", 500)
        if level or note:
            clean_needs[domain] = {"level": level, "note": note}
    if not (goals or strengths or pathways or clean_needs):
        raise Refused(_("Write at least the member's goals."), field="goals")
    intake = Intake.objects.filter(engagement=engagement).first() or Intake(engagement=engagement)
    intake.pathways = json.dumps(pathways)
    intake.goals, intake.strengths = goals, strengths
    intake.needs = json.dumps(clean_needs)
    intake.recorded_by = actor
    intake.save()
    if engagement.intake_on is None:
        engagement.intake_on = today()
        engagement.save(update_fields=["intake_on"])
        followups.schedule_for_intake(engagement, engagement.intake_on)
    audit.record(actor, "support.intake", intake, subject=engagement.member)
    notes = [goals, strengths] + [n["note"] for n in clean_needs.values()]
    return Saved(intake, show_crisis_resources=safety_check(actor, notes, Context.INTAKE))


def read_intake(actor, engagement: Engagement) -> Intake | None:
    reader_only(actor, engagement, "intake")
    return Intake.objects.filter(engagement=engagement).first()


# --- Contact notes ------------------------------------------------------------------------------


def _note_fields(contact_on, mode, minutes, topics, body, next_steps):
    if mode not in ContactNote.Mode.values:
        raise Refused(_("Choose how you were in contact."), field="mode")
    if contact_on is None or contact_on > today():
        raise Refused(_("The contact date cannot be in the future."), field="contact_on")
    if minutes is None or not 1 <= int(minutes) <= 24 * 60:
        raise Refused(_("Give the duration in minutes."), field="minutes")
    body = limit(body, "body")
    if not body:
        raise Refused(_("Write the note."), field="body")
    return {
        "contact_on": contact_on,
        "mode": mode,
        "minutes": int(minutes),
        "topics": limit(topics, "topics", 500),
        "body": body,
        "next_steps": limit(next_steps, "next_steps", 2000),
    }


@transaction.atomic
def add_note(
    actor,
    engagement: Engagement,
    *,
    contact_on: date,
    mode: str,
    minutes: int,
    body: str,
    topics: str = "",
    next_steps: str = "",
) -> Saved:
    """A contact note: encrypted, checked by the safety net as a private contact note."""
    staff_only(actor, engagement, "notes")
    fields = _note_fields(contact_on, mode, minutes, topics, body, next_steps)
    note = ContactNote.objects.create(engagement=engagement, author=actor, **fields)
    audit.record(actor, "support.note", note, subject=engagement.member)
    texts = [fields["topics"], fields["body"], fields["next_steps"]]
    return Saved(note, show_crisis_resources=safety_check(actor, texts, Context.CONTACT_NOTE))


def can_edit_note(actor, note: ContactNote, at=None) -> bool:
    """Its author, within 24 hours of writing it, while consent still covers notes."""
    return (
        note.author_id == getattr(actor, "pk", None)
        and (at or now()) - note.created_at < EDIT_WINDOW
        and access.can_write_records(actor, note.engagement, "notes")
    )


@transaction.atomic
def edit_note(actor, note: ContactNote, **values) -> Saved:
    """Change a note within 24 hours of writing it. After that the note is fixed: add an
    addendum, so nothing is ever silently changed."""
    staff_only(actor, note.engagement, "notes")
    if note.author_id != actor.pk:
        raise Refused(_("Only the note's author can change it. Add an addendum instead."))
    if now() - note.created_at >= EDIT_WINDOW:
        raise Refused(
            _("A note can be changed for 24 hours after it is written. Add an addendum instead.")
        )
    fields = _note_fields(
        values.get("contact_on"),
        values.get("mode"),
        values.get("minutes"),
        values.get("topics", ""),
        values.get("body", ""),
        values.get("next_steps", ""),
    )
    for key, value in fields.items():
        setattr(note, key, value)
    note.updated_at = now()
    note.save()
    audit.record(actor, "support.note_edit", note, subject=note.engagement.member)
    texts = [fields["topics"], fields["body"], fields["next_steps"]]
    return Saved(note, show_crisis_resources=safety_check(actor, texts, Context.CONTACT_NOTE))


@transaction.atomic
def add_addendum(actor, note: ContactNote, body: str) -> Saved:
    """An addendum, dated and signed, under a note (at any time)."""
    staff_only(actor, note.engagement, "notes")
    body = limit(body, "body")
    if not body:
        raise Refused(_("Write the addendum."), field="body")
    addendum = Addendum.objects.create(note=note, author=actor, body=body)
    audit.record(actor, "support.addendum", addendum, subject=note.engagement.member)
    shown = safety_check(actor, [body], Context.CONTACT_NOTE)
    return Saved(addendum, show_crisis_resources=shown)


def read_notes(actor, engagement: Engagement):
    reader_only(actor, engagement, "notes")
    return engagement.notes.select_related("author").prefetch_related(
        Prefetch("addenda", queryset=Addendum.objects.select_related("author"))
    )


def read_note(actor, note: ContactNote) -> ContactNote:
    reader_only(actor, note.engagement, "notes")
    return note


# --- Assessments --------------------------------------------------------------------------------


@transaction.atomic
def record_assessment(
    actor, engagement: Engagement, slug: str, answers: dict, taken_on: date | None = None
) -> Assessment:
    """Score an instrument's answers (reverse items turned round, missing answers prorated
    within the instrument's allowance) and keep the answers encrypted."""
    staff_only(actor, engagement, "assessments")
    instrument = instruments.get(slug)
    if instrument is None:
        raise NotFound(_("There is no such assessment."))
    taken_on = taken_on or today()
    if taken_on > today():
        raise Refused(_("That date is in the future."), field="taken_on")
    clean = {}
    for item in instrument.items:
        raw = answers.get(item.id)
        if raw in (None, ""):
            clean[item.id] = None
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise Refused(_("Choose an answer from the list."), field=item.id) from None
        if value not in {o.value for o in instrument.options}:
            raise Refused(_("Choose an answer from the list."), field=item.id)
        clean[item.id] = value
    if all(v is None for v in clean.values()):
        raise Refused(_("Answer at least one question."))
    result = instrument.score(clean)
    assessment = Assessment.objects.create(
        engagement=engagement,
        instrument=slug,
        answers=json.dumps(clean),
        score=result.total,
        subscores=json.dumps(result.subscores),
        taken_on=taken_on,
        recorded_by=actor,
    )
    audit.record(actor, "support.assessment", assessment, subject=engagement.member)
    return assessment


def read_assessments(actor, engagement: Engagement) -> list[Assessment]:
    reader_only(actor, engagement, "assessments")
    return list(engagement.assessments.order_by("taken_on", "pk"))


# --- Referrals ----------------------------------------------------------------------------------


@transaction.atomic
def make_referral(
    actor,
    engagement: Engagement,
    *,
    resource: Resource | None = None,
    professional: str = "",
    category: str = "",
    warm: bool = False,
) -> Saved:
    """A referral to a directory resource, or to a named professional (a warm hand-off when the
    specialist connects the member in person)."""
    staff_only(actor, engagement, "referrals")
    professional = limit(professional, "professional", 160)
    if resource is None and not professional:
        raise Refused(_("Choose a resource or name who you referred to."), field="resource")
    category = resource.kind if resource is not None else category
    if category not in Kind.values:
        raise Refused(_("Choose a category."), field="category")
    ratelimits.consume("referral", actor)
    referral = Referral.objects.create(
        engagement=engagement,
        resource=resource,
        professional=professional,
        category=category,
        warm=warm,
        made_by=actor,
    )
    audit.record(actor, "support.referral", referral, subject=engagement.member)
    _schedule_reminder(referral)
    shown = safety_check(actor, [professional], Context.REFERRAL)
    return Saved(referral, show_crisis_resources=shown)


@transaction.atomic
def set_referral_status(actor, referral: Referral, status: str, outcome: str = "") -> Saved:
    """made → connected → completed / declined / no show, with the outcome in words."""
    staff_only(actor, referral.engagement, "referrals")
    if status not in Referral.Status.values:
        raise Refused(_("Choose a status from the list."), field="status")
    outcome = limit(outcome, "outcome", 2000)
    moved = status != referral.status
    if moved:
        referral.status_changed_at = now()
    referral.status = status
    if outcome:
        referral.outcome = outcome
    referral.save()
    if moved:
        _schedule_reminder(referral)
    audit.record(actor, "support.referral_status", referral, subject=referral.engagement.member)
    shown = safety_check(actor, [outcome], Context.REFERRAL)
    return Saved(referral, show_crisis_resources=shown)


def _stamp(referral: Referral) -> str:
    return referral.status_changed_at.isoformat()


def _schedule_reminder(referral: Referral) -> None:
    """A reminder two weeks after the referral entered its status, if it is still open then."""
    if referral.status not in Referral.OPEN_STATUSES:
        return
    when, stamp = referral.status_changed_at + REFERRAL_WAIT, _stamp(referral)
    transaction.on_commit(
        lambda: tasks.remind_waiting_referral.using(run_after=when).enqueue(referral.pk, stamp)
    )


def run_referral_reminder(referral_id: int, stamp: str) -> str:
    """The task: remind the specialist of a referral still in the same open status, unless it
    moved on, or they may no longer see it (consent withdrawn, engagement closed)."""
    referral = Referral.objects.select_related("engagement__consent").filter(pk=referral_id).first()
    if referral is None:
        return "gone"
    if referral.status not in Referral.OPEN_STATUSES or _stamp(referral) != stamp:
        return "moved on"
    engagement = referral.engagement
    specialist = engagement.specialist
    if specialist is None or not access.can_read_records(specialist, engagement, "referrals"):
        return "no access"
    notify(
        specialist,
        "support.referral_waiting",
        about=referral,
        params={"status": str(referral.get_status_display())},
        url=reverse("support-referrals", args=[engagement.pk]),
    )
    return "reminded"


def read_referrals(actor, engagement: Engagement) -> list[Referral]:
    reader_only(actor, engagement, "referrals")
    return list(engagement.referrals.select_related("resource"))


def read_followups(actor, engagement: Engagement):
    reader_only(actor, engagement, "followups")
    return list(engagement.followups.all())


# --- The plan -----------------------------------------------------------------------------------


def read_plan(actor, engagement: Engagement) -> dict:
    """The member's recovery plan, for their specialist while consent covers the plan."""
    reader_only(actor, engagement, "plan")
    return recovery.plan_for(engagement.member)
