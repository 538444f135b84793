"""Who may see a member's recovery records: the predicates, and the loaders that views, the API
and tasks all load records through.

A member's records are theirs alone; another person sees a part (milestones, check-ins, the
plan) only while the member's grant to them is active, and one journal entry only while it is
shared with them. Every loader answers 404 otherwise: the record must not even be known to
exist. Services ask the same predicates before they change anything.
"""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from lantern.core.timezones import local_now

from .models import CheckIn, Counter, Goal, GoalStep, Grant, JournalEntry, Nudge, PlanItem

SCOPES = ("milestones", "checkins", "plan")


def owner_id(obj) -> int | None:
    """The member a recovery record belongs to (steps and notes belong to their goal's)."""
    member_id = getattr(obj, "member_id", None)
    if member_id is None and hasattr(obj, "goal"):
        member_id = obj.goal.member_id
    if member_id is None and hasattr(obj, "counter"):
        member_id = obj.counter.member_id
    return member_id


# --- Predicates ---------------------------------------------------------------------------------


def can_edit_recovery_record(user, obj) -> bool:
    """The member's own counters, check-ins, journal entries, plan items, goals and grants."""
    return user.is_authenticated and owner_id(obj) == user.pk


# Who else may change a member's goals. Recovery knows no other app: an app that lets someone
# edit a member's plan (support: the member's peer specialist, while the member's consent to
# their open engagement covers the plan) registers a predicate(user, member) from its ready().
_plan_editors: list = []


def register_plan_editor(predicate) -> None:
    """Another app says who else may edit a member's plan: `predicate(user, member) -> bool`."""
    if predicate not in _plan_editors:
        _plan_editors.append(predicate)


def can_edit_plan_of(user, member) -> bool:
    """The member, or someone a registered predicate allows right now (asked on every call:
    a withdrawn consent refuses the next change)."""
    if not getattr(user, "is_authenticated", False) or member is None:
        return False
    if user.pk == member.pk:
        return True
    return user.is_active and any(allowed(user, member) for allowed in _plan_editors)


def active_grant(viewer, member) -> Grant | None:
    """The member's grant to `viewer` that is in force today (on the member's calendar)."""
    if not viewer.is_authenticated or viewer.pk == member.pk:
        return None
    today = local_now(member).date()
    return Grant.objects.active(today).filter(member=member, person=viewer).first()


def can_view_shared_recovery(user, member, scope: str) -> bool:
    """`scope` is one of SCOPES: milestones (and counters), check-ins, the plan."""
    grant = active_grant(user, member)
    return grant is not None and scope in grant.scopes()


def can_view_shared_anything(user, member) -> bool:
    return active_grant(user, member) is not None


def can_read_shared_journal_entry(user, entry) -> bool:
    """Someone the member shared this one entry with (the member reads it on their own page)."""
    return (
        user.is_authenticated
        and entry.member_id != user.pk
        and entry.shares.filter(person=user).exists()
    )


# --- Loaders ------------------------------------------------------------------------------------


def _own(user, queryset, **lookup):
    """The record if it is `user`'s own, else 404 (another person's must not be known to exist)."""
    if not user.is_authenticated:
        raise Http404
    obj = get_object_or_404(queryset, **lookup)
    if not can_edit_recovery_record(user, obj):
        raise Http404
    return obj


def get_counter_for(user, pk: int) -> Counter:
    return _own(user, Counter.objects.prefetch_related("runs"), pk=pk)


def get_checkin_for(user, day) -> CheckIn:
    """The member's check-in of `day` (the API names a check-in by its day)."""
    return _own(user, CheckIn.objects.all(), member_id=user.pk, day=day)


def get_entry_for(user, pk: int) -> JournalEntry:
    return _own(user, JournalEntry.objects.all(), pk=pk)


def get_plan_item_for(user, pk: int) -> PlanItem:
    return _own(user, PlanItem.objects.all(), pk=pk)


def get_goal_for(user, pk: int) -> Goal:
    steps = Prefetch("steps", queryset=GoalStep.objects.select_related("created_by"))
    return _own(
        user, Goal.objects.select_related("created_by").prefetch_related(steps, "notes"), pk=pk
    )


def get_step_for(user, pk: int) -> GoalStep:
    return _own(user, GoalStep.objects.select_related("goal"), pk=pk)


def get_plan_goal_for(user, member, pk: int) -> Goal:
    """One of `member`'s goals, for someone who may edit their plan (404 otherwise)."""
    goal = get_object_or_404(Goal.objects.select_related("member"), pk=pk, member=member)
    if not can_edit_plan_of(user, member):
        raise Http404
    return goal


def get_plan_step_for(user, member, pk: int) -> GoalStep:
    """One step of `member`'s goals, for someone who may edit their plan (404 otherwise)."""
    step = get_object_or_404(
        GoalStep.objects.select_related("goal__member"), pk=pk, goal__member=member
    )
    if not can_edit_plan_of(user, member):
        raise Http404
    return step


def get_nudge_for(user, pk: int) -> Nudge:
    return _own(user, Nudge.objects.all(), pk=pk)


def get_grant_for(user, pk: int) -> Grant:
    return _own(user, Grant.objects.select_related("person"), pk=pk)


def get_shared_member_for(user, handle: str, scope: str | None = None):
    """The member behind `handle` if they share `scope` (or anything, when None) with `user`."""
    member = get_user_model().objects.filter(handle__iexact=handle, is_active=True).first()
    if member is None:
        raise Http404
    if scope is None:
        allowed = can_view_shared_anything(user, member)
    else:
        allowed = can_view_shared_recovery(user, member, scope)
    if not allowed:
        raise Http404
    return member


def get_shared_entry_for(user, pk: int) -> JournalEntry:
    """A journal entry another member shared with `user`."""
    entry = get_object_or_404(JournalEntry.objects.select_related("member"), pk=pk)
    if not can_read_shared_journal_entry(user, entry):
        raise Http404
    return entry
