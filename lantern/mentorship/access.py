"""Who may do what in mentorship, in one place.

- **Mentors** are supporters (`Role.SUPPORTER`) who opted in. Becoming a supporter is an
  administrator's decision, so every mentor a newcomer is offered has been vetted (the guard
  against "thirteenth-stepping").
- **Asking** for a mentor: anyone signed in who is not already a mentee with an open ask or
  mentor.
- A **mentorship** is seen by its two people only (404 for everyone else, staff included: a
  moderator reads their messages only through a report, as for any conversation).
- A mentor's **profile** is for people signed in, while the mentor is open, unless a block
  stands between them (either way).
- **Cohorts** are an administrator's work.
"""

from lantern.community.access import is_blocked_between
from lantern.core.access import has_role
from lantern.core.errors import NotFound
from lantern.core.roles import Role

from .models import Cohort, MentorProfile, Mentorship


def can_mentor(user) -> bool:
    return has_role(user, Role.SUPPORTER)


def can_ask(user) -> bool:
    return user.is_authenticated


def can_match_cohorts(user) -> bool:
    return has_role(user, Role.ADMIN)


def is_in(user, mentorship: Mentorship) -> bool:
    return user.is_authenticated and user.pk in (mentorship.mentee_id, mentorship.mentor_id)


def can_answer(user, mentorship: Mentorship) -> bool:
    return (
        user.is_authenticated
        and user.pk == mentorship.mentor_id
        and mentorship.status == Mentorship.Status.REQUESTED
    )


def can_withdraw(user, mentorship: Mentorship) -> bool:
    return (
        user.is_authenticated
        and user.pk == mentorship.mentee_id
        and mentorship.status == Mentorship.Status.REQUESTED
    )


def can_end(user, mentorship: Mentorship) -> bool:
    return is_in(user, mentorship) and mentorship.status == Mentorship.Status.ACTIVE


def get_mentorship_for(user, pk: int) -> Mentorship:
    mentorship = Mentorship.objects.select_related("mentee", "mentor").filter(pk=pk).first()
    if mentorship is None or not is_in(user, mentorship):
        raise NotFound
    return mentorship


def get_mentor_for(user, handle: str) -> MentorProfile:
    """A mentor's profile: for people signed in, while the mentor is open (a paused or former
    mentor's page is their own, and their mentees')."""
    profile = (
        MentorProfile.objects.select_related("person", "counter")
        .filter(person__handle__iexact=handle, person__is_active=True)
        .first()
    )
    if profile is None or not user.is_authenticated:
        raise NotFound
    if profile.person_id == user.pk:
        return profile
    if is_blocked_between(user, profile.person):
        raise NotFound
    if profile.paused or not has_role(profile.person, Role.SUPPORTER):
        mentee = Mentorship.objects.open().filter(mentor=profile.person, mentee=user).exists()
        if not mentee:
            raise NotFound
    return profile


def get_cohort_for(user, pk: int) -> Cohort:
    cohort = Cohort.objects.filter(pk=pk).first()
    if cohort is None or not can_match_cohorts(user):
        raise NotFound
    return cohort
