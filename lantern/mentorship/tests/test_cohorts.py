"""Cohort matching for a program: an administrator names newcomers and mentors, the solver
pairs them, the administrator reviews and adjusts, and only then is anyone told."""

import pytest
from django.urls import reverse

from lantern.community.models import Conversation
from lantern.community.services import conversations
from lantern.conftest import make_person
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.mentorship import cohorts
from lantern.mentorship.models import Cohort, CohortPair, Mentorship

from .helpers import ask_for, profile_for, supporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(people):
    """Three graduates and two mentors: kit has room for one, jo for two. Gale speaks Spanish
    only, which only jo does."""
    profile_for(people.jo, languages=("en", "es"), capacity=2, experience=("parenting",))
    supporter("kit", capacity=1, experience=("parenting", "veterans"))
    grads = [make_person(h, [Role.MEMBER]) for h in ("fern", "gale", "hale")]
    ask_for(grads[0], experience=("parenting", "veterans"))
    ask_for(grads[1], languages=("es",))
    ask_for(grads[2], experience=("parenting",))
    return grads


def make(people, grads):
    return cohorts.create_cohort(
        people.alex, "December graduates", " ".join(g.handle for g in grads), "jo, kit"
    )


def test_the_solver_pairs_everyone_it_can_with_the_best_total(people, program):
    cohort = make(people, program)
    pairs = {p.mentee.handle: p.mentor.handle for p in cohort.pairs.all()}
    assert pairs == {"fern": "kit", "gale": "jo", "hale": "jo"}
    assert cohort.total_points == sum(p.points for p in cohort.pairs.all())
    assert cohort.total_points >= cohort.greedy_points
    assert not Notification.objects.exists()  # nobody told before the review
    assert not Mentorship.objects.exists()


def test_the_review_page_explains_each_pair(people, program, signed_in):
    cohort = make(people, program)
    page = signed_in(people.alex).get(cohort.get_absolute_url()).content.decode()
    assert "fern" in page and "Knows parenting in recovery, military service" in page
    assert "Speaks Spanish with you" in page


def test_the_administrator_adjusts_then_publishes(people, program, signed_in):
    cohort = make(people, program)
    alex = signed_in(people.alex)
    hale = CohortPair.objects.get(cohort=cohort, mentee__handle="hale")
    alex.post(reverse("mentorship-cohort-unpair", args=[hale.pk]))
    review = cohorts.review(cohort)
    assert [n.handle for n, _options in review.unmatched] == ["hale"]
    (newcomer, options) = review.unmatched[0]
    assert [p.person.handle for p, _points in options] == ["jo"]  # kit is full
    alex.post(
        reverse("mentorship-cohort-pair", args=[cohort.pk]),
        {"mentee": newcomer.pk, "mentor": people.jo.pk},
    )
    adjusted = CohortPair.objects.get(cohort=cohort, mentee=newcomer)
    assert adjusted.adjusted and "Paired by the program" in " ".join(adjusted.reasons_text)
    alex.post(reverse("mentorship-cohort-publish", args=[cohort.pk]))
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.PUBLISHED
    assert Mentorship.objects.filter(status="active", source="cohort").count() == 3
    assert Notification.objects.filter(kind="mentorship.paired").count() == 6
    assert Conversation.objects.count() == 3
    with pytest.raises(Refused):
        cohorts.match_cohort(people.alex, cohort)  # told: no more changes


def test_pairing_by_hand_keeps_the_hard_rules(people, program):
    cohort = make(people, program)
    gale = CohortPair.objects.get(cohort=cohort, mentee__handle="gale")
    cohorts.remove_pair(people.alex, gale)
    kit = people.jo.__class__.objects.get(handle="kit")
    with pytest.raises(Refused):
        cohorts.pair_by_hand(people.alex, cohort, gale.mentee, kit)  # no Spanish


def test_a_block_keeps_a_pair_apart(people, program):
    conversations.block(program[2], people.jo)
    cohort = make(people, program)
    assert not cohort.pairs.filter(mentee=program[2], mentor=people.jo).exists()


def test_unknown_handles_and_mentors_without_profiles_are_refused(people, program, signed_in):
    with pytest.raises(Refused):
        cohorts.create_cohort(people.alex, "X", "nobody-here", "jo")
    response = signed_in(people.alex).post(
        reverse("mentorship-cohorts"), {"name": "X", "newcomers": "fern", "mentors": "sam"}
    )
    assert response.status_code == 400
    assert "no mentor profile: sam" in response.content.decode()


def test_only_administrators_match_cohorts(people, program, signed_in):
    cohort = make(people, program)
    for person in (people.river, people.jo, people.casey, people.morgan):
        assert signed_in(person).get(reverse("mentorship-cohorts")).status_code == 404
        assert signed_in(person).get(cohort.get_absolute_url()).status_code == 404
    with pytest.raises(NotFound):
        cohorts.create_cohort(people.morgan, "X", "fern", "jo")
