"""The hard rules and the reasons, told as the people they protect would tell them."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.mentorship import services
from lantern.mentorship.models import MentorProfile
from lantern.recovery.models import Counter, Run

from .helpers import ask_for, profile_for, supporter, years_ago

pytestmark = pytest.mark.django_db


def suggested(person):
    return [s.profile.person.handle for s in services.suggestions(person)]


def test_same_gender_only_means_same_gender_only(people):
    supporter("ana", gender="woman")
    supporter("ben", gender="man")
    supporter("cy")  # gender not said
    ask_for(people.river, gender="woman", same_gender_only=True)
    assert suggested(people.river) == ["ana"]


def test_a_mentor_who_mentors_women_only_is_not_offered_to_others(people):
    supporter("ana", gender="woman", mentors_genders=("woman",))
    ask_for(people.river, gender="man")
    assert suggested(people.river) == []
    ask_for(people.river)  # gender not said: not offered either
    assert suggested(people.river) == []
    ask_for(people.river, gender="woman")
    assert suggested(people.river) == ["ana"]


def test_a_newcomer_may_ask_for_more_time_in_recovery(people):
    supporter("two", recovery_since=years_ago(2))
    supporter("six", recovery_since=years_ago(6))
    ask_for(people.river, min_years=5)
    assert suggested(people.river) == ["six"]


def test_a_new_start_counts_from_the_new_run(people):
    counter = Counter.objects.create(member=people.jo, kind="alcohol")
    run = Run.objects.create(counter=counter, started_on=years_ago(4))
    profile_for(people.jo, counter=counter, recovery_since=None)
    ask_for(people.river)
    assert suggested(people.river) == ["jo"]
    run.ended_on = years_ago(0)
    run.save()
    Run.objects.create(counter=counter, started_on=years_ago(0) + timedelta(days=1))
    assert suggested(people.river) == []  # not a year on the new run yet


def test_near_mentors_score_higher_and_say_how_far(people):
    supporter("near", online_only=False, area="60614")  # Lincoln Park, Chicago
    supporter("far", online_only=False, area="60120")  # Elgin, about 55 km away
    ask_for(people.river, online_only=False, area="60657")  # Lakeview, Chicago
    found = services.suggestions(people.river)
    assert [s.profile.person.handle for s in found] == ["near", "far"]
    assert any(
        r.startswith("About 2 km") or r.startswith("About 3 km") for r in found[0].reasons_text
    )
    assert found[0].points > found[1].points


def test_online_mentors_say_so(people):
    supporter("web", online_only=True)
    ask_for(people.river)
    assert "Meets online" in services.suggestions(people.river)[0].reasons_text


def test_bad_input_on_the_forms(people, signed_in):
    river = signed_in(people.river)
    response = river.post(reverse("mentorship-ask"), {"languages": [], "min_years": "1"})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    response = signed_in(people.jo).post(
        reverse("mentorship-profile"),
        {"languages": ["en"], "capacity": "0", "about": "Keep this", "recovery_since": ""},
    )
    assert response.status_code == 400 and "Keep this" in response.content.decode()
    response = signed_in(people.jo).post(
        reverse("mentorship-profile"), {"languages": ["en"], "capacity": "2"}
    )
    assert response.status_code == 400
    assert "say since when you are in recovery" in response.content.decode()
    assert not MentorProfile.objects.exists()
