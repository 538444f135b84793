"""A member's circle: the people told when she reaches out, and what they may be told when
something she writes privately sounds like she is struggling (never what she wrote)."""

from django.urls import reverse

from lantern.accounts.models import User
from lantern.core.models import Notification
from lantern.safety import services
from lantern.safety.models import CircleMember, CirclePreferences


def test_the_person_added_is_told_who_added_them_and_what_it_means(people):
    entry = services.add_to_circle(people.river, "sam")
    n = Notification.objects.get(recipient=people.sam, kind="safety.circle")
    assert n.title == "river added you to their circle"
    assert "asked to reach out" in n.body_text
    assert n.about == f"safety.circlemember:{entry.pk}" and n.actor == people.river
    assert "river" not in n.neutral_title  # the mail subject names nobody
    services.add_to_circle(people.river, "SAM")  # already there: nobody told twice
    assert Notification.objects.filter(kind="safety.circle").count() == 1


def test_looking_at_the_circle_page_writes_nothing(people, signed_in):
    river = signed_in(people.river)
    page = river.get(reverse("safety-circle")).content.decode()
    assert "Nobody yet." in page
    assert not CirclePreferences.objects.exists()  # a GET never writes
    prefs = services.circle_preferences(people.river)
    assert not prefs.tell_circle_when_urgent and not prefs.tell_circle_when_elevated


def test_the_member_chooses_what_her_circle_may_be_told(people, signed_in):
    river = signed_in(people.river)
    river.post(reverse("safety-circle-preferences"), {"tell_circle_when_urgent": "on"})
    prefs = CirclePreferences.objects.get(member=people.river)
    assert prefs.tell_circle_when_urgent and not prefs.tell_circle_when_elevated
    river.post(reverse("safety-circle-preferences"), {"tell_circle_when_elevated": "on"})
    prefs.refresh_from_db()
    assert not prefs.tell_circle_when_urgent and prefs.tell_circle_when_elevated
    assert CirclePreferences.objects.count() == 1


def test_a_nudge_names_the_member_in_the_app_only(people):
    services.add_to_circle(people.river, "jo")
    services.tell_circle(people.river, urgent=True)
    n = Notification.objects.get(recipient=people.jo, kind="safety.circle_nudge")
    assert n.urgent and n.title == "river may need someone to check on them"
    assert n.neutral_title == "Someone in your circle may need you"
    assert n.about == f"accounts.user:{people.river.pk}"


def test_the_circle_page_asks_the_same_few_queries_however_big_the_circle(
    people, signed_in, django_assert_max_num_queries
):
    for n in range(25):
        friend = User.objects.create_user(f"friend{n}", "pw-long-enough-1")
        CircleMember.objects.create(member=people.river, person=friend)
    river = signed_in(people.river)
    river.get(reverse("safety-circle"))
    with django_assert_max_num_queries(10):
        page = river.get(reverse("safety-circle")).content.decode()
    assert page.count("Remove friend") == 25
