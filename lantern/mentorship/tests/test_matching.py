"""The matching rules over random profiles: a suggested mentor never breaks a hard rule, the
ranking is by points, and the many-at-once scores agree with the one-at-a-time ones."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.mentorship import matching
from lantern.mentorship.matching import MentorFacts, SeekerFacts

LANGS = ["en", "es", "pt"]
GENDERS = ["", "woman", "man", "nonbinary"]
PATHS = ["12-step", "smart", "medication", "dharma"]
EXPERIENCE = ["medication", "parenting", "lgbtq", "veterans", "justice"]
TIMES = ["weekday-mornings", "weekday-evenings", "weekend-days"]


def subset(values):
    return st.frozensets(st.sampled_from(values))


coords = st.one_of(st.none(), st.tuples(st.floats(41.6, 42.1), st.floats(-88.0, -87.5)))


@st.composite
def mentors(draw, ident):
    where = draw(coords)
    return MentorFacts(
        id=ident,
        languages=draw(subset(LANGS)),
        gender=draw(st.sampled_from(GENDERS)),
        mentors_genders=draw(subset(GENDERS[1:])),
        pathways=draw(subset(PATHS)),
        experience=draw(subset(EXPERIENCE)),
        availability=draw(subset(TIMES)),
        capacity=draw(st.integers(1, 4)),
        active=draw(st.integers(0, 4)),
        recovery_days=draw(st.one_of(st.none(), st.integers(0, 4000))),
        online_only=draw(st.booleans()),
        lat=where[0] if where else None,
        lon=where[1] if where else None,
        paused=draw(st.booleans()),
    )


@st.composite
def seekers(draw, ident=0):
    where = draw(coords)
    return SeekerFacts(
        id=ident,
        languages=draw(subset(LANGS)),
        gender=draw(st.sampled_from(GENDERS)),
        same_gender_only=draw(st.booleans()),
        pathways=draw(subset(PATHS)),
        experience=draw(subset(EXPERIENCE)),
        availability=draw(subset(TIMES)),
        min_days=draw(st.sampled_from([365, 730, 1825])),
        online_only=draw(st.booleans()),
        lat=where[0] if where else None,
        lon=where[1] if where else None,
    )


@st.composite
def populations(draw):
    count = draw(st.integers(0, 12))
    return [draw(mentors(ident)) for ident in range(1, count + 1)]


def allowed(seeker, mentor, blocked_ids) -> bool:
    """The hard rules, written again independently of `matching`."""
    if mentor.paused or mentor.active >= mentor.capacity or mentor.id == seeker.id:
        return False
    if not (set(seeker.languages) & set(mentor.languages)):
        return False
    if seeker.same_gender_only and (seeker.gender == "" or mentor.gender != seeker.gender):
        return False
    if len(mentor.mentors_genders) > 0 and seeker.gender not in mentor.mentors_genders:
        return False
    if mentor.id in blocked_ids:
        return False
    days = mentor.recovery_days
    return days is not None and days >= 365 and days >= seeker.min_days


@settings(max_examples=300, deadline=None)
@given(seekers(), populations(), st.data())
def test_suggestions_never_break_a_hard_rule(seeker, population, data):
    blocked = data.draw(subset([m.id for m in population])) if population else frozenset()
    ranked = matching.rank(seeker, population, blocked)
    suggested = {mentor.id for mentor, _score in ranked}
    for mentor in population:
        # Every suggestion keeps every rule, and every mentor who keeps them is suggested.
        assert (mentor.id in suggested) == allowed(seeker, mentor, blocked)
    points = [result.points for _mentor, result in ranked]
    assert points == sorted(points, reverse=True)
    assert all(1 <= p <= matching.MAX_POINTS for p in points)


@settings(max_examples=150, deadline=None)
@given(st.lists(seekers(), min_size=1, max_size=5), populations(), st.data())
def test_the_matrix_agrees_with_one_at_a_time(seeker_list, population, data):
    seeker_list = [SeekerFacts(**{**s.__dict__, "id": 100 + i}) for i, s in enumerate(seeker_list)]
    blocked = set()
    if population:
        for s in seeker_list:
            for m in data.draw(subset([m.id for m in population])):
                blocked.add((s.id, m))
    matrix = matching.score_matrix(seeker_list, population, blocked)
    assert matrix.shape == (len(seeker_list), len(population))
    for i, s in enumerate(seeker_list):
        for j, m in enumerate(population):
            fails = matching.hard_rule_failures(s, m, blocked=(s.id, m.id) in blocked)
            expected = -1 if fails else matching.score(s, m).points
            assert matrix[i, j] == expected


def test_each_point_has_a_reason_in_plain_words():
    seeker = SeekerFacts(
        id=1,
        languages=frozenset({"es"}),
        experience=frozenset({"medication", "parenting"}),
        pathways=frozenset({"12-step"}),
        availability=frozenset({"weekend-days"}),
        lat=41.88,
        lon=-87.63,
    )
    mentor = MentorFacts(
        id=2,
        languages=frozenset({"es", "en"}),
        experience=frozenset({"medication", "parenting", "veterans"}),
        pathways=frozenset({"12-step", "smart"}),
        availability=frozenset({"weekend-days"}),
        capacity=2,
        recovery_days=3 * 365 + 10,
        lat=41.90,
        lon=-87.65,
    )
    result = matching.score(seeker, mentor)
    assert result.points == 1 + 6 + 4 + 2 + 3
    words = matching.reasons_text(result.reasons)
    assert words == [
        "Speaks Spanish with you",
        "Has 3 years in recovery",
        "Knows medication-assisted recovery, parenting in recovery from the inside, like you asked",
        "On your path: 12-step",
        "Free when you are: weekend days",
        "About 3 km from you",
    ]


def test_recovery_time_in_plain_words():
    assert matching.recovery_time_text(400) == "1 year in recovery"
    assert matching.recovery_time_text(200) == "6 months in recovery"


def test_an_empty_cohort_has_an_empty_matrix():
    assert matching.score_matrix([], []).shape == (0, 0)
    assert isinstance(matching.score_matrix([SeekerFacts(id=1)], []), np.ndarray)


def test_a_mentor_for_women_only_is_never_matched_with_someone_who_did_not_say():
    """Found by the property test above on a PostgreSQL run: in the many-at-once scores, a
    gender a mentor asked for that nobody in the batch has was dropped from the mentor's mask,
    which then read "anyone"."""
    mentor = matching.MentorFacts(
        id=1, languages=frozenset({"en"}), mentors_genders=frozenset({"woman"}), recovery_days=900
    )
    unsaid = matching.SeekerFacts(id=100, languages=frozenset({"en"}))
    man = matching.SeekerFacts(id=101, languages=frozenset({"en"}), gender="man")
    assert matching.hard_rule_failures(unsaid, mentor, blocked=False)
    matrix = matching.score_matrix([unsaid, man], [mentor])
    assert matrix.tolist() == [[-1], [-1]]
