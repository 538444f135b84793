"""Export and erasure include mentorship: the profile, the ask and the mentorships; a person
who leaves ends their mentorships and the other person is told it ended."""

import pytest

from lantern.accounts import services as accounts
from lantern.core.models import Notification
from lantern.mentorship import services
from lantern.mentorship.models import Ask, MentorProfile, Mentorship

from .helpers import ask_for, profile_for

pytestmark = pytest.mark.django_db


def test_the_export(people):
    profile_for(people.jo, about="Hi there")
    ask_for(people.river, experience=("parenting",))
    services.request_mentor(people.river, people.jo, "Please")
    river = accounts.export_data(people.river)["mentorship"]
    assert river["ask"]["experience"] == ["parenting"]
    assert river["mentorships"][0]["mentor"] == "jo"
    assert river["mentorships"][0]["note"] == "Please"
    jo = accounts.export_data(people.jo)["mentorship"]
    assert jo["mentor_profile"]["about"] == "Hi there"
    assert jo["mentorships"][0]["note"] == ""  # river's words are river's to export


def test_erasure_ends_mentorships_and_tells_the_other_person(people):
    profile_for(people.jo)
    ask_for(people.river)
    services.accept(people.jo, services.request_mentor(people.river, people.jo).obj)
    accounts.erase_account(people.river)
    assert not Mentorship.objects.exists()
    assert not Ask.objects.exists()
    ended = Notification.objects.get(recipient=people.jo, kind="mentorship.ended")
    assert "a former member" in ended.title
    assert not Notification.objects.filter(
        recipient=people.jo, kind="mentorship.requested"
    ).exists()


def test_a_mentor_who_leaves_takes_their_profile(people):
    profile_for(people.jo)
    accounts.erase_account(people.jo)
    assert not MentorProfile.objects.exists()
