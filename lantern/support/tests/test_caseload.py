"""The caseload dashboard: my people, what needs attention first first, in a fixed number of
queries however many people and notes there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.community.services import conversations
from lantern.support import services
from lantern.support.models import ContactNote, FollowUp, today

from .conftest import open_engagement

pytestmark = pytest.mark.django_db


def _people(casey, n, start=0):
    return [
        open_engagement(casey, User.objects.create_user(f"person{i}", "x"))
        for i in range(start, start + n)
    ]


def _note(casey, e, days_ago):
    services.add_note(
        casey,
        e,
        contact_on=today() - timedelta(days=days_ago),
        mode="phone",
        minutes=10,
        body="call",
    )


def test_the_caseload_list_costs_the_same_for_3_or_30_people(
    people, signed_in, django_assert_max_num_queries
):
    casey = signed_in(people.casey)
    casey.get(reverse("support-caseload"))  # warm the session
    for e in _people(people.casey, 3):
        _note(people.casey, e, 3)
    with django_assert_max_num_queries(18) as small:
        assert casey.get(reverse("support-caseload")).status_code == 200
    for e in _people(people.casey, 27, start=3):
        for day in range(4):
            _note(people.casey, e, day)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert casey.get(reverse("support-caseload")).status_code == 200


def test_whoever_needs_attention_first_is_first(people):
    quiet, overdue, recent = _people(people.casey, 3)
    _note(people.casey, quiet, 40)
    _note(people.casey, overdue, 1)
    _note(people.casey, recent, 1)
    FollowUp.objects.create(
        engagement=overdue,
        kind="30d",
        label="30-day follow-up",
        due_on=today() - timedelta(days=10),
        window_start=today() - timedelta(days=17),
        window_end=today() - timedelta(days=3),
    )
    rows = services.caseload(people.casey)
    assert [r.engagement for r in rows] == [overdue, quiet, recent]
    assert rows[0].followups_overdue == 1
    assert rows[1].days_since_contact == 40


def test_an_unread_message_moves_someone_up(people):
    first, second = _people(people.casey, 2)
    _note(people.casey, first, 30)
    _note(people.casey, second, 1)
    conversation = conversations.open_conversation(second.member, people.casey, about=second)
    conversations.send_message(second.member, conversation, "Can we talk today?")
    rows = services.caseload(people.casey)
    assert rows[0].engagement == second and rows[0].unread


def test_the_caseload_shows_only_what_consent_covers(people):
    e = open_engagement(people.casey, people.river, scopes=["intake"])
    ContactNote.objects.create(
        engagement=e, author=people.casey, contact_on=today(), mode="phone", minutes=5, body="x"
    )
    row = services.caseload(people.casey)[0]
    assert row.consented
    assert row.last_contact is None and row.followups_due is None and row.open_referrals is None


def test_a_revoked_consent_shows_nothing_but_the_state(people, signed_in, engagement):
    _note(people.casey, engagement, 1)
    services.revoke_consent(people.river, engagement)
    row = services.caseload(people.casey)[0]
    assert not row.consented and row.last_contact is None
    page = signed_in(people.casey).get(reverse("support-caseload"))
    assert b"No consent in force" in page.content


def test_members_have_no_caseload(people, signed_in):
    assert signed_in(people.river).get(reverse("support-caseload")).status_code == 404
    assert services.caseload(people.river) == []


def test_stale_referrals_are_flagged(people, engagement):
    saved = services.make_referral(
        people.casey, engagement, professional="Clinic", category="health"
    )
    referral = saved.obj
    referral.status_changed_at = timezone.now() - timedelta(days=20)
    referral.save()
    row = services.caseload(people.casey)[0]
    assert row.open_referrals == 1 and row.stale_referrals == 1


def test_the_due_list_and_the_follow_up_rate(people, signed_in, django_assert_max_num_queries):
    first, second = _people(people.casey, 2)
    services.schedule_for_intake(first, today() - timedelta(days=200))
    services.schedule_for_intake(second, today() - timedelta(days=200))
    FollowUp.objects.filter(engagement=first).update(outcome="reached", done_on=today())
    casey = signed_in(people.casey)
    with django_assert_max_num_queries(12):  # one for the list; the rest is the page's frame
        page = casey.get(reverse("support-due"))
    assert b"person1" in page.content and b"person0" not in page.content
    assert b"overdue" in page.content
    rate = services.followup_rate([people.casey])
    # closed windows (30, 60, 90 and 180 days, SUPRT baseline; the 6-month one is still open)
    assert rate["due"] == 10 and rate["reached"] == 5 and rate["percent"] == 50
    assert not rate["meets"]
    assert b"Follow-up rate, last 12 months: 50%" in casey.get(reverse("support-caseload")).content
    # a withdrawn consent takes the person off the due list
    services.revoke_consent(second.member, second)
    assert services.due_list(people.casey) == []
