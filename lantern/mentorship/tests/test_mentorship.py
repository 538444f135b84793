"""Mentorship as people live it: supporters opt in, a newcomer asks and sees ranked mentors
with reasons, the mentor accepts or declines, they talk through the one conversation mechanism,
and either side ends it kindly with a private reason."""

import pytest
from django.urls import reverse

from lantern.community.models import Conversation
from lantern.community.services import conversations
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.mentorship import services
from lantern.mentorship.models import MentorProfile, Mentorship
from lantern.recovery.models import Counter, Run

from .helpers import ask_for, profile_for, supporter, years_ago

pytestmark = pytest.mark.django_db


def test_a_supporter_opts_in_through_the_form(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("mentorship-profile"),
        {
            "recovery_since": years_ago(4).isoformat(),
            "languages": ["en", "es"],
            "gender": "nonbinary",
            "pathways": ["12-step"],
            "experience": ["lgbtq", "parenting"],
            "availability": ["weekend-days"],
            "capacity": "3",
            "area": "60614",
            "about": "Happy to walk with you.",
        },
    )
    assert response.status_code == 302
    profile = MentorProfile.objects.get(person=people.jo)
    assert profile.languages == ["en", "es"] and profile.capacity == 3
    assert profile.lat == pytest.approx(41.92, abs=0.1)
    assert services.recovery_days(profile) >= 4 * 365


def test_members_cannot_be_mentors_until_an_admin_makes_them_supporters(people, signed_in):
    assert signed_in(people.river).get(reverse("mentorship-profile")).status_code == 404
    with pytest.raises(Refused):
        profile_for(people.river)


def test_recovery_time_can_come_from_the_mentors_own_counter(people):
    counter = Counter.objects.create(member=people.jo, kind="alcohol")
    Run.objects.create(counter=counter, started_on=years_ago(2))
    profile = profile_for(people.jo, counter=counter, recovery_since=None)
    assert 2 * 365 <= services.recovery_days(profile) <= 2 * 365 + 10
    others = Counter.objects.create(member=people.river, kind="alcohol")
    with pytest.raises(NotFound):
        profile_for(people.jo, counter=others)


def test_a_bad_zip_shows_the_form_again_with_what_to_fix(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("mentorship-profile"),
        {
            "recovery_since": years_ago(4).isoformat(),
            "languages": ["en"],
            "capacity": "2",
            "area": "nowhere",
            "about": "Keep me",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "5-digit US ZIP code" in page and "Keep me" in page
    assert not MentorProfile.objects.exists()


def test_suggestions_are_ranked_with_reasons(people, signed_in):
    profile_for(people.jo, experience=("parenting", "lgbtq"))
    supporter("kit", pathways=("smart",), experience=())
    supporter("lee", languages=("es",))  # no shared language: never suggested
    supporter("ash", recovery_since=years_ago(0))  # not a year yet: never suggested
    ask_for(people.river, experience=("parenting", "lgbtq"))
    found = services.suggestions(people.river)
    assert [s.profile.person.handle for s in found] == ["jo", "kit"]
    page = signed_in(people.river).get(reverse("mentorship-suggestions")).content.decode()
    assert page.index(">jo<") < page.index(">kit<")
    assert "Knows LGBTQ+, parenting in recovery from the inside, like you asked" in page
    assert "Has 3 years in recovery" in page
    assert "lee" not in page and "ash" not in page


def test_the_ask_form_saves_preferences(people, signed_in):
    response = signed_in(people.river).post(
        reverse("mentorship-ask"),
        {
            "languages": ["es"],
            "gender": "woman",
            "same_gender_only": "on",
            "min_years": "2",
            "area": "",
        },
    )
    assert response["Location"] == reverse("mentorship-suggestions")
    ask = services.ask_of(people.river)
    assert ask.languages == ["es"] and ask.same_gender_only and ask.min_years == 2


def test_same_gender_only_needs_a_gender(people, signed_in):
    response = signed_in(people.river).post(
        reverse("mentorship-ask"), {"languages": ["en"], "same_gender_only": "on", "min_years": "1"}
    )
    assert response.status_code == 400
    assert "say your gender" in response.content.decode()


def test_paused_mentors_blocked_people_and_full_mentors_are_not_suggested(people):
    profile_for(people.jo)
    ask_for(people.river)
    assert [s.profile.person for s in services.suggestions(people.river)] == [people.jo]
    services.set_paused(people.jo, True)
    assert services.suggestions(people.river) == []
    services.set_paused(people.jo, False)
    conversations.block(people.jo, people.river)  # either way
    assert services.suggestions(people.river) == []
    conversations.unblock(people.jo, people.river)
    profile_for(people.jo, capacity=1)
    Mentorship.objects.create(mentee=people.sam, mentor=people.jo, status="active")
    assert services.suggestions(people.river) == []


def test_asking_accepting_and_talking(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    river = signed_in(people.river)
    response = river.post(
        reverse("mentorship-request", args=["jo"]), {"note": "Hi, I'm two weeks in."}
    )
    mentorship = Mentorship.objects.get()
    assert response["Location"] == mentorship.get_absolute_url()
    assert mentorship.status == "requested" and mentorship.points > 0
    told = Notification.objects.get(recipient=people.jo, kind="mentorship.requested")
    assert told.title == "river asked you to be their mentor"
    assert "river" not in told.neutral_title
    jo = signed_in(people.jo)
    assert "Hi, I&#x27;m two weeks in." in jo.get(mentorship.get_absolute_url()).content.decode()
    response = jo.post(reverse("mentorship-accept", args=[mentorship.pk]))
    assert "You can write to each other now." in jo.get(response["Location"]).content.decode()
    mentorship.refresh_from_db()
    assert mentorship.status == "active"
    assert Notification.objects.filter(recipient=people.river, kind="mentorship.accepted").exists()
    conversation = Conversation.objects.get()
    assert conversation.about == f"mentorship.mentorship:{mentorship.pk}"
    page = river.get(mentorship.get_absolute_url()).content.decode()
    assert reverse("community-conversation", args=[conversation.pk]) in page
    saved = conversations.send_message(people.river, conversation, "Thank you!")
    assert saved.obj.pk


def test_one_open_ask_or_mentor_at_a_time(people):
    profile_for(people.jo)
    supporter("kit")
    ask_for(people.river)
    services.request_mentor(people.river, people.jo)
    with pytest.raises(Refused):
        services.request_mentor(people.river, people.jo.__class__.objects.get(handle="kit"))


def test_a_mentor_who_breaks_a_rule_cannot_be_asked(people, signed_in):
    profile_for(people.jo, languages=("es",))
    ask_for(people.river)
    with pytest.raises(Refused):
        services.request_mentor(people.river, people.jo)
    response = signed_in(people.river).post(reverse("mentorship-request", args=["jo"]))
    assert response.status_code == 302
    assert not Mentorship.objects.exists()


def test_declining_is_gentle_and_the_newcomer_may_ask_again(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    first = services.request_mentor(people.river, people.jo).obj
    signed_in(people.jo).post(reverse("mentorship-decline", args=[first.pk]))
    first.refresh_from_db()
    assert first.status == "declined"
    told = Notification.objects.get(recipient=people.river, kind="mentorship.declined")
    assert "It is not about you" in told.body_text
    assert services.request_mentor(people.river, people.jo).obj.status == "requested"


def test_withdrawing_a_request(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    asked = services.request_mentor(people.river, people.jo).obj
    signed_in(people.river).post(reverse("mentorship-withdraw", args=[asked.pk]))
    asked.refresh_from_db()
    assert asked.status == "withdrawn"
    assert not Notification.objects.filter(recipient=people.jo).exists()


def test_a_mentor_at_capacity_cannot_accept(people):
    profile_for(people.jo, capacity=1)
    ask_for(people.river)
    asked = services.request_mentor(people.river, people.jo).obj
    Mentorship.objects.create(mentee=people.sam, mentor=people.jo, status="active")
    with pytest.raises(Refused):
        services.accept(people.jo, asked)


def test_ending_kindly_keeps_the_reason_private(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    mentorship = services.accept(people.jo, services.request_mentor(people.river, people.jo).obj)
    river = signed_in(people.river)
    response = river.post(
        reverse("mentorship-end", args=[mentorship.pk]), {"reason": "We did not click, honestly."}
    )
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == "ended" and mentorship.ended_by == people.river
    assert "We did not click" in river.get(mentorship.get_absolute_url()).content.decode()
    jo_page = signed_in(people.jo).get(mentorship.get_absolute_url()).content.decode()
    assert "We did not click" not in jo_page
    told = Notification.objects.get(recipient=people.jo, kind="mentorship.ended")
    assert "click" not in told.title + told.body_text + told.body
    assert services.export_mentorship(people.jo)["mentorships"][0]["my_reason_for_ending"] == ""


def test_only_the_two_people_see_a_mentorship(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    asked = services.request_mentor(people.river, people.jo).obj
    for person in (people.sam, people.casey, people.morgan, people.alex):
        assert signed_in(person).get(asked.get_absolute_url()).status_code == 404
    assert (
        signed_in(people.sam).post(reverse("mentorship-accept", args=[asked.pk])).status_code == 404
    )
    with pytest.raises(NotFound):
        services.accept(people.river, asked)  # the mentee cannot accept for the mentor


def test_a_paused_mentors_page_is_gone_for_new_people(people, signed_in):
    profile_for(people.jo)
    services.set_paused(people.jo, True)
    assert signed_in(people.river).get(reverse("mentorship-mentor", args=["jo"])).status_code == 404
    assert signed_in(people.jo).get(reverse("mentorship-mentor", args=["jo"])).status_code == 200


def test_a_note_goes_through_the_safety_net(people):
    profile_for(people.jo)
    ask_for(people.river)
    saved = services.request_mentor(people.river, people.jo, "i want to kill myself tonight")
    assert saved.show_crisis_resources


def test_the_request_rate_limit(people, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "mentor_request": "1/d"}
    profile_for(people.jo)
    ask_for(people.river)
    asked = services.request_mentor(people.river, people.jo).obj
    services.withdraw(people.river, asked)
    with pytest.raises(Refused):
        services.request_mentor(people.river, people.jo)


def test_the_home_page_for_a_mentor_lists_who_is_asking(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    services.request_mentor(people.river, people.jo)
    page = signed_in(people.jo).get(reverse("mentorship-home")).content.decode()
    assert "Asking you" in page and "river" in page


def test_a_block_hides_the_mentors_page_either_way(people, signed_in):
    profile_for(people.jo)
    conversations.block(people.river, people.jo)
    assert signed_in(people.river).get(reverse("mentorship-mentor", args=["jo"])).status_code == 404
    assert signed_in(people.sam).get(reverse("mentorship-mentor", args=["jo"])).status_code == 200
