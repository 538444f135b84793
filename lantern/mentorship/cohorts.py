"""Cohort matching for programs (an alumni program pairing this month's graduates with volunteer
mentors): an administrator names the newcomers and mentors, `match_cohort` scores every pair
(`matching.score_matrix`) and finds the largest total under each mentor's room
(`cohort_solver.assign`), the administrator reviews and adjusts the pairs, and only
`publish_cohort` tells anyone. The same hard rules as a newcomer's own suggestions hold
throughout."""

import contextlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community.services import conversations
from lantern.community.services.base import clean_text
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify

from . import access, cohort_solver, matching
from .models import Cohort, CohortPair, MentorProfile, Mentorship
from .services import (
    blocked_either_way,
    mentor_facts,
    open_mentors,
    open_mentorship_as_mentee,
    seeker_facts,
)


def _people(handles: str, *, field: str) -> list:
    names = [h for h in handles.replace(",", " ").split() if h]
    if not names:
        raise Refused(_("Name at least one person."), field=field)
    found = {
        u.handle.lower(): u
        for u in get_user_model().objects.filter(is_active=True, handle__in=names)
    }
    # handle__in is exact; look up the rest without regard to capitals
    for name in names:
        if name.lower() not in found:
            user = get_user_model().objects.filter(is_active=True, handle__iexact=name).first()
            if user is None:
                raise Refused(_("Nobody is called %(handle)s.") % {"handle": name}, field=field)
            found[name.lower()] = user
    return list({u.pk: u for u in found.values()}.values())


@transaction.atomic
def create_cohort(actor, name: str, newcomers: str, mentors: str) -> Cohort:
    """An administrator names a program's newcomers and volunteer mentors; the solver pairs
    them at once. Nobody is told until the administrator publishes the pairs."""
    if not access.can_match_cohorts(actor):
        raise NotFound
    name = clean_text(name, limit=120, what=_("The name"), field="name")
    seekers = _people(newcomers, field="newcomers")
    volunteers = _people(mentors, field="mentors")
    without = [u.handle for u in volunteers if not MentorProfile.objects.filter(person=u).exists()]
    if without:
        raise Refused(
            _("These people have no mentor profile: %(handles)s") % {"handles": ", ".join(without)},
            field="mentors",
        )
    cohort = Cohort.objects.create(name=name, created_by=actor)
    cohort.newcomers.set(seekers)
    cohort.mentors.set(volunteers)
    match_cohort(actor, cohort)
    return cohort


def _cohort_facts(cohort: Cohort):
    seekers = list(cohort.newcomers.order_by("handle"))
    profiles = list(
        open_mentors().filter(person__in=cohort.mentors.all()).order_by("person__handle")
    )
    seeker_list = [seeker_facts(s) for s in seekers]
    mentor_list = [mentor_facts(p) for p in profiles]
    blocked = set()
    for s in seekers:
        blocked |= {(s.pk, other) for other in blocked_either_way(s)}
    return seekers, profiles, seeker_list, mentor_list, blocked


@transaction.atomic
def match_cohort(actor, cohort: Cohort) -> Cohort:
    """Run the solver (again): the best total under the hard rules and each mentor's room,
    replacing the pairs (and any adjustment) of a cohort still being reviewed."""
    if not access.can_match_cohorts(actor):
        raise NotFound
    if cohort.status != Cohort.Status.DRAFT:
        raise Refused(_("Everyone in this cohort has been told; it cannot change."))
    seekers, profiles, seeker_list, mentor_list, blocked = _cohort_facts(cohort)
    points = matching.score_matrix(seeker_list, mentor_list, blocked)
    room = [max(m.capacity - m.active, 0) if not m.paused else 0 for m in mentor_list]
    pairs = cohort_solver.assign(points, room)
    cohort.pairs.all().delete()
    CohortPair.objects.bulk_create(
        CohortPair(
            cohort=cohort,
            mentee=seekers[i],
            mentor=profiles[j].person,
            points=int(points[i, j]),
            reasons=matching.score(seeker_list[i], mentor_list[j]).reasons,
        )
        for i, j in pairs
    )
    cohort.total_points = cohort_solver.total(points, pairs)
    cohort.greedy_points = cohort_solver.total(points, cohort_solver.greedy(points, room))
    cohort.save(update_fields=["total_points", "greedy_points"])
    return cohort


@dataclass
class CohortReview:
    pairs: list
    unmatched: list  # [(newcomer, [(mentor profile, points)])]
    total: int


def review(cohort: Cohort) -> CohortReview:
    """The pairs with their reasons, and each newcomer left without a mentor with the mentors
    who could still take them (the administrator's adjustments)."""
    pairs = list(cohort.pairs.select_related("mentee", "mentor"))
    seekers, profiles, seeker_list, mentor_list, blocked = _cohort_facts(cohort)
    taken = {}
    for pair in pairs:
        taken[pair.mentor_id] = taken.get(pair.mentor_id, 0) + 1
    paired = {p.mentee_id for p in pairs}
    unmatched = []
    for seeker, facts in zip(seekers, seeker_list, strict=True):
        if seeker.pk in paired:
            continue
        options = []
        for profile, mentor in zip(profiles, mentor_list, strict=True):
            room = mentor.capacity - mentor.active - taken.get(mentor.id, 0)
            if room <= 0 or matching.hard_rule_failures(
                facts, mentor, blocked=(seeker.pk, mentor.id) in blocked
            ):
                continue
            options.append((profile, matching.score(facts, mentor).points))
        options.sort(key=lambda o: -o[1])
        unmatched.append((seeker, options))
    return CohortReview(pairs, unmatched, sum(p.points for p in pairs))


@transaction.atomic
def remove_pair(actor, pair: CohortPair) -> None:
    if not access.can_match_cohorts(actor) or pair.cohort.status != Cohort.Status.DRAFT:
        raise NotFound
    pair.delete()


@transaction.atomic
def pair_by_hand(actor, cohort: Cohort, mentee, mentor) -> CohortPair:
    """The administrator pairs a newcomer left over with a mentor who has room; the hard rules
    still hold."""
    if not access.can_match_cohorts(actor) or cohort.status != Cohort.Status.DRAFT:
        raise NotFound
    for newcomer, options in review(cohort).unmatched:
        if newcomer.pk == mentee.pk:
            for profile, points in options:
                if profile.person_id == mentor.pk:
                    result = matching.score(seeker_facts(mentee), mentor_facts(profile))
                    return CohortPair.objects.create(
                        cohort=cohort,
                        mentee=mentee,
                        mentor=mentor,
                        points=points,
                        reasons=[*result.reasons, ("adjusted", {})],
                        adjusted=True,
                    )
    raise Refused(_("This mentor cannot take this newcomer."), field="mentor")


@transaction.atomic
def publish_cohort(actor, cohort: Cohort) -> int:
    """Tell everyone: each pair becomes an active mentorship with its conversation, and both
    people are told. A newcomer who found a mentor meanwhile is left out."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if not access.can_match_cohorts(actor) or cohort.status != Cohort.Status.DRAFT:
        raise NotFound
    made = 0
    for pair in cohort.pairs.select_related("mentee", "mentor"):
        if open_mentorship_as_mentee(pair.mentee) is not None:
            continue
        mentorship = Mentorship.objects.create(
            mentee=pair.mentee,
            mentor=pair.mentor,
            status=Mentorship.Status.ACTIVE,
            source=Mentorship.Source.COHORT,
            points=pair.points,
            reasons=pair.reasons,
            decided_at=timezone.now(),
        )
        # A block since: the mentorship page says they cannot talk here.
        with contextlib.suppress(Refused):
            conversations.open_conversation(pair.mentor, pair.mentee, about=mentorship)
        for person, other in ((pair.mentee, pair.mentor), (pair.mentor, pair.mentee)):
            notify(
                person,
                "mentorship.paired",
                about=mentorship,
                actor=other,
                params={"cohort": cohort.name},
                url=mentorship.get_absolute_url(),
            )
        made += 1
    cohort.status = Cohort.Status.PUBLISHED
    cohort.published_at = timezone.now()
    cohort.save(update_fields=["status", "published_at"])
    return made
