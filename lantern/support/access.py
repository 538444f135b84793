"""Who may see what in the specialist's workspace.

A specialist reads a member's records only while (1) they are the engagement's specialist and
still hold the role, (2) the engagement is open, and (3) the member's consent is in force and
covers that kind of record (its scope). The predicate `can_read_records` and the caseload
filter `Engagement.objects.readable_by` say the same thing, one for a record and one for a
list; a property test (tests/test_access_property.py) checks they always agree. Nothing here is
cached: a revoked consent refuses the very next request.

The member sees their own engagements and everything recorded in them. Loaders raise 404 for
anyone else: a member's engagement must not even be known to exist.
"""

from django.shortcuts import get_object_or_404

from lantern.core.access import has_role
from lantern.core.errors import NotFound
from lantern.core.roles import Role

from .models import (
    SCOPES,
    Addendum,
    ContactNote,
    Engagement,
    FollowUp,
    PlanProposal,
    Referral,
    Team,
    today,
)


def is_specialist(user) -> bool:
    return has_role(user, Role.SPECIALIST)


def can_see_reports(user) -> bool:
    return has_role(user, Role.SPECIALIST, Role.ADMIN)


def supervised_teams(user):
    """The teams `user` supervises (as a specialist or an administrator)."""
    if not has_role(user, Role.SPECIALIST, Role.ADMIN):
        return Team.objects.none()
    return Team.objects.filter(supervisor=user)


def is_supervisor(user) -> bool:
    return supervised_teams(user).exists()


def is_member_of(user, engagement) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and engagement.member_id is not None
        and engagement.member_id == user.pk
    )


def is_specialist_of(user, engagement) -> bool:
    return (
        is_specialist(user)
        and engagement.specialist_id is not None
        and engagement.specialist_id == user.pk
    )


def can_view_engagement(user, engagement) -> bool:
    """The member, or its specialist (who sees the engagement itself, not its records)."""
    return is_member_of(user, engagement) or is_specialist_of(user, engagement)


def can_take_request(user, engagement) -> bool:
    """A member asked for any specialist: every specialist may take it."""
    return (
        is_specialist(user)
        and engagement.status == Engagement.Status.REQUESTED
        and engagement.specialist_id is None
    )


def can_read_records(user, engagement, scope: str, on=None) -> bool:
    """The specialist may read `scope` records of this engagement now."""
    if scope not in SCOPES:
        raise ValueError(scope)
    if not is_specialist_of(user, engagement) or not user.is_active:
        return False
    if engagement.status != Engagement.Status.OPEN:
        return False
    consent = getattr(engagement, "consent", None)
    return consent is not None and consent.in_force(on) and getattr(consent, scope)


def can_supervise_records(user, engagement, scope: str, on=None) -> bool:
    """A supervisor reads (never writes) a record of their team's engagement only when the
    member's consent names supervision and covers `scope`, while it is in force."""
    if scope not in SCOPES or engagement.specialist_id is None:
        return False
    if engagement.status != Engagement.Status.OPEN:
        return False
    consent = getattr(engagement, "consent", None)
    if consent is None or not consent.in_force(on) or not getattr(consent, scope):
        return False
    if consent.audience != consent.Audience.SUPERVISION:
        return False
    return supervised_teams(user).filter(specialists=engagement.specialist_id).exists()


def can_write_records(user, engagement, scope: str) -> bool:
    return can_read_records(user, engagement, scope)


def can_see_own_records(user, engagement) -> bool:
    return is_member_of(user, engagement)


def readable_engagements(user, scope: str, on=None):
    """The caseload filter (a QuerySet): what `can_read_records` allows, as a list."""
    if not is_specialist(user):
        return Engagement.objects.none()
    return Engagement.objects.readable_by(user, scope, on or today())


def can_edit_plan_of(user, member) -> bool:
    """Registered with recovery (`register_plan_editor`): the member's peer specialist may
    change their goals while an open engagement's consent covers the plan, the same rule as
    reading it (the caseload filter, so a withdrawn consent refuses the next change)."""
    return readable_engagements(user, "plan").filter(member=member).exists()


# --- Loaders ------------------------------------------------------------------------------------


def _engagement(pk: int) -> Engagement:
    return get_object_or_404(
        Engagement.objects.select_related("member", "specialist", "consent"), pk=pk
    )


def get_engagement_for(user, pk: int) -> Engagement:
    """The engagement, for its member or its specialist (or any specialist, for a request
    nobody has taken yet)."""
    engagement = _engagement(pk)
    if not (can_view_engagement(user, engagement) or can_take_request(user, engagement)):
        raise NotFound()
    return engagement


def get_engagement_records_for(user, pk: int, scope: str) -> Engagement:
    """The engagement, if `user` is its member, may read its `scope` records now, or
    supervises its specialist under a consent that names supervision."""
    engagement = _engagement(pk)
    if not (
        is_member_of(user, engagement)
        or can_read_records(user, engagement, scope)
        or can_supervise_records(user, engagement, scope)
    ):
        raise NotFound()
    return engagement


def get_staff_engagement_for(user, pk: int, scope: str) -> Engagement:
    """The engagement, only for its specialist with consent covering `scope` (writes)."""
    engagement = _engagement(pk)
    if not can_read_records(user, engagement, scope):
        raise NotFound()
    return engagement


def _record(user, queryset, pk: int, scope: str):
    obj = get_object_or_404(queryset, pk=pk)
    engagement = obj.engagement if hasattr(obj, "engagement") else obj.note.engagement
    if not (
        is_member_of(user, engagement)
        or can_read_records(user, engagement, scope)
        or can_supervise_records(user, engagement, scope)
    ):
        raise NotFound()
    return obj


def get_note_for(user, pk: int) -> ContactNote:
    qs = ContactNote.objects.select_related("engagement__consent", "engagement__member", "author")
    return _record(user, qs.prefetch_related("addenda"), pk, "notes")


def get_addendum_for(user, pk: int) -> Addendum:
    return _record(user, Addendum.objects.select_related("note__engagement__consent"), pk, "notes")


def get_referral_for(user, pk: int) -> Referral:
    qs = Referral.objects.select_related("engagement__consent", "resource")
    return _record(user, qs, pk, "referrals")


def get_followup_for(user, pk: int) -> FollowUp:
    return _record(user, FollowUp.objects.select_related("engagement__consent"), pk, "followups")


def get_proposal_for(user, pk: int) -> PlanProposal:
    return _record(user, PlanProposal.objects.select_related("engagement__consent"), pk, "plan")
