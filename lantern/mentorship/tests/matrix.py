"""Mentorship's records for the access matrix (lantern/core/tests/test_access_matrix.py): jo
mentors (a profile), river asked jo (a request, then accepted: the mentorship is theirs alone),
and a cohort for alex. Mentor profiles are for supporters (jo); cohorts for administrators."""

from datetime import date, timedelta

from lantern.core.tests.matrix import LOGIN, everyone, only, signed_in
from lantern.mentorship import cohorts, services

PAIR = ("river", "jo")

MATRIX = {
    "mentorship-home": ("get", None, signed_in()),
    "mentorship-ask": ("get", None, signed_in()),
    "mentorship-suggestions": ("get", None, signed_in()),
    "mentorship-profile": ("get", None, only(200, "jo")),
    # jo's profile: every signed-in person may read it while jo is open
    "mentorship-mentor": ("get", {"handle": "mentor"}, signed_in()),
    "mentorship-detail": ("get", {"pk": "mentorship"}, only(200, *PAIR)),
    "mentorship-end": ("get", {"pk": "mentorship"}, only(200, *PAIR)),
    # Talking opens (finds) their conversation: the two of them only
    "mentorship-talk": ("post", {"pk": "mentorship"}, only(302, *PAIR)),
    # Answering and withdrawing a request that is no longer waiting: nobody may, 404
    "mentorship-accept": ("post", {"pk": "mentorship"}, only(404, *PAIR, others=404)),
    "mentorship-decline": ("post", {"pk": "mentorship"}, only(404, *PAIR, others=404)),
    "mentorship-withdraw": ("post", {"pk": "mentorship"}, only(404, *PAIR, others=404)),
    # Asking jo again: refused with a message (river has jo already; others are not a fit
    # or are jo), and back to jo's page
    "mentorship-request": ("post", {"handle": "mentor"}, signed_in(302)),
    "mentorship-cohorts": ("get", None, only(200, "alex")),
    "mentorship-cohort": ("get", {"pk": "cohort"}, only(200, "alex")),
    # Removing the solver's pair, then running the solver again (which pairs them anew)
    "mentorship-cohort-unpair": ("post", {"pk": "cohort_pair"}, only(302, "alex")),
    "mentorship-cohort-match": ("post", {"pk": "cohort"}, only(302, "alex")),
    "mentorship-cohort-pair": ("post", {"pk": "cohort"}, only(302, "alex")),
    "api:mentorship-api-suggestions": ("get", None, signed_in(200, anon=401)),
    "api:mentorship-api-mentorships": ("get", None, signed_in(200, anon=401)),
    # Changes last: pausing (jo, the only mentor; for others there is no profile: 404),
    # and publishing the cohort
    "mentorship-pause": ("post", None, {**everyone(404), "anon": LOGIN, "jo": 302}),
    "mentorship-cohort-publish": ("post", {"pk": "cohort"}, only(302, "alex")),
}


def records(people) -> dict:
    since = date.today() - timedelta(days=3 * 365)
    services.save_profile(
        people.jo,
        services.ProfileFields(
            languages=("en",), capacity=3, online_only=True, recovery_since=since
        ),
    )
    services.save_ask(people.river, services.AskFields(languages=("en",), online_only=True))
    mentorship = services.request_mentor(people.river, people.jo).obj
    services.accept(people.jo, mentorship)
    services.save_ask(people.sam, services.AskFields(languages=("en",), online_only=True))
    cohort = cohorts.create_cohort(people.alex, "Matrix cohort", "sam", "jo")
    return {
        "mentor": "jo",
        "mentorship": mentorship.pk,
        "cohort": cohort.pk,
        "cohort_pair": cohort.pairs.get().pk,
    }
