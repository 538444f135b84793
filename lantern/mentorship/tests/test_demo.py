"""Mentorship's demo seed: jo, maria and dee mentor; dawn (the newcomer) waits for jo's answer
and sees them ranked; running it again changes nothing."""

from lantern.accounts import demo as people_demo
from lantern.accounts.models import User
from lantern.core import registry
from lantern.mentorship import demo, services
from lantern.mentorship.models import MentorProfile, Mentorship


def test_the_demo_seed_is_registered_and_safe_to_run_again(db):
    people_demo.seed()
    seed = next(s for s in registry.demo_seeds() if s.name == "mentorship")
    assert seed.seed == demo.seed
    seed.seed()
    handles = set(MentorProfile.objects.values_list("person__handle", flat=True))
    assert handles == {"jo", "maria", "dee"}
    asked = Mentorship.objects.get()
    assert (asked.mentee.handle, asked.mentor.handle, asked.status) == ("dawn", "jo", "requested")
    river = User.objects.get(handle="river")
    assert [s.profile.person.handle for s in services.suggestions(river)]  # someone fits
    seed.seed()
    assert MentorProfile.objects.count() == 3 and Mentorship.objects.count() == 1
