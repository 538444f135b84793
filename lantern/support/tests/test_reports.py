"""The outcome report: counts only, no handles or ids, and small cells suppressed."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import User
from lantern.conftest import run_tasks
from lantern.core.errors import RateLimited
from lantern.core.models import Notification
from lantern.support import services
from lantern.support.models import ContactNote, Engagement, FollowUp, Referral, today
from lantern.support.services import reports

from .conftest import open_engagement

pytestmark = pytest.mark.django_db


def test_small_cells_are_suppressed():
    assert reports.cell(0) == "0"
    assert reports.cell(1) == "<11"
    assert reports.cell(10) == "<11"
    assert reports.cell(11) == "11"
    assert reports.cell(4, small=5) == "<5"
    assert reports.cell(5, small=5) == "5"
    assert reports.rate(5, 20) == "—"  # the part is a small cell
    assert reports.rate(12, 15) == "—" or reports.rate(12, 15) == "80%"
    assert reports.rate(16, 20) == "80%"


def _caseload(casey, n):
    engagements = []
    for i in range(n):
        member = User.objects.create_user(f"member{i}", "x")
        engagements.append(open_engagement(casey, member))
    return engagements


def test_the_report_counts_and_hides_small_groups(people, signed_in):
    engagements = _caseload(people.casey, 12)
    for e in engagements:
        services.add_note(
            people.casey, e, contact_on=today(), mode="phone", minutes=20, body="Check-in call"
        )
    services.add_note(
        people.casey, engagements[0], contact_on=today(), mode="video", minutes=20, body="Video"
    )
    for e in engagements[:3]:
        services.make_referral(people.casey, e, professional="Dr. Lee", category="health")
    result = services.outcome_report(today() - timedelta(days=30), today())
    assert result.people == 12
    assert result.cells["people"] == "12"
    assert dict(result.contact_rows())["Phone"] == "12"
    assert dict(result.contact_rows())["Video"] == "<11"
    assert dict(result.contact_rows())["In person"] == "0"
    health = next(r for r in result.referral_rows() if r[0] == "Health care")
    assert health[1] == "<11" and health[3] == "—"
    # bars are not drawn for suppressed cells
    assert [b.value for b in result.contact_bars()] == [0, 12, 0, 0]
    page = signed_in(people.casey).get(reverse("support-report"))
    assert page.status_code == 200
    for e in engagements:
        assert e.member.handle.encode() not in page.content
    assert b"&lt;11" in page.content


def test_the_follow_up_rate_against_the_target(people):
    engagements = _caseload(people.casey, 12)
    for i, e in enumerate(engagements):
        FollowUp.objects.create(
            engagement=e,
            kind="30d",
            label="30-day follow-up",
            due_on=today(),
            window_start=today() - timedelta(days=7),
            window_end=today(),
            outcome="reached" if i < 10 else "not_reached",
            done_on=today(),
        )
    result = services.outcome_report(today() - timedelta(days=30), today())
    assert (result.followups_due, result.followups_reached) == (12, 10)
    assert result.cells["followups_reached"] == "<11"
    assert result.reach_rate == "—"  # built on a small cell
    FollowUp.objects.filter(outcome="not_reached").update(outcome="reached")
    result = services.outcome_report(today() - timedelta(days=30), today())
    assert result.reach_rate == "100%" and result.meets_target


def test_score_change_is_shown_only_for_enough_people(people):
    engagements = _caseload(people.casey, 11)
    for e in engagements:
        for day, value in ((20, 1), (2, 3)):
            services.record_assessment(
                people.casey,
                e,
                "lantern-wellbeing",
                {f"w{n}": value for n in range(1, 7)},
                taken_on=today() - timedelta(days=day),
            )
    rows = services.outcome_report(today() - timedelta(days=30), today()).score_rows()
    # w4 is reversed: all 1 → 1*5 + 3 = 8; all 3 → 3*5 + 1 = 16
    assert rows == [("Lantern recovery wellbeing check-in", "11", "8.0", "16.0", "+8.0")]
    Engagement.objects.filter(pk=engagements[0].pk).delete()
    rows = services.outcome_report(today() - timedelta(days=30), today()).score_rows()
    assert rows[0][1:] == ("<11", "—", "—", "—")


def test_the_csv_has_no_handles_and_carries_the_notice(people, signed_in):
    engagements = _caseload(people.casey, 3)
    services.add_note(
        people.casey, engagements[0], contact_on=today(), mode="text", minutes=5, body="hi"
    )
    response = signed_in(people.casey).get(reverse("support-report-csv"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "42 CFR part 2" in text
    assert "member0" not in text and "casey" not in text
    assert "<11" in text


def test_a_bad_period_shows_the_form_again(people, signed_in):
    response = signed_in(people.casey).get(
        reverse("support-report"), {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert response.status_code == 400
    assert b"The end comes before the start." in response.content


def test_members_do_not_see_the_report(people, signed_in):
    assert signed_in(people.river).get(reverse("support-report")).status_code == 404


def test_referral_statuses_move_and_are_reported(people, engagement):
    saved = services.make_referral(
        people.casey, engagement, professional="Legal clinic", category="legal"
    )
    services.set_referral_status(people.casey, saved.obj, "completed", "Record expunged")
    referral = Referral.objects.get()
    assert referral.status == "completed" and referral.outcome == "Record expunged"
    assert ContactNote.objects.count() == 0
    assert timezone.now() - referral.status_changed_at < timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)  # the worker commits, as it would in production
def test_a_referral_waiting_two_weeks_reminds_the_specialist(people, engagement):
    """On the real task worker (the database queue, or RQ on PostgreSQL + Redis): nothing the
    next day, nothing at 13 days, casey reminded once it has waited two weeks."""
    start = timezone.now()
    referral = services.make_referral(
        people.casey, engagement, professional="Clinic", category="health"
    ).obj
    waiting = Notification.objects.filter(recipient=people.casey, kind="support.referral_waiting")
    for days in (1, 13):
        with time_machine.travel(start + timedelta(days=days), tick=False):
            run_tasks()
        assert not waiting.exists(), days
    with time_machine.travel(start + timedelta(days=15), tick=False):
        run_tasks()
    assert waiting.count() == 1
    # A reminder that fires after the referral moved on, or after consent ended, does nothing.
    stamp = referral.status_changed_at.isoformat()
    services.set_referral_status(people.casey, referral, "connected")
    assert services.run_referral_reminder(referral.pk, stamp) == "moved on"
    referral.refresh_from_db()
    services.revoke_consent(people.river, engagement)
    assert services.run_referral_reminder(referral.pk, referral.status_changed_at.isoformat()) == (
        "no access"
    )


def test_referrals_are_rate_limited(people, engagement, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "referral": "3/h"}
    cache.clear()  # the fixture's invitation counted too, until invitations have their own limit
    for _ in range(3):
        services.make_referral(people.casey, engagement, professional="Clinic", category="health")
    with pytest.raises(RateLimited):
        services.make_referral(people.casey, engagement, professional="Clinic", category="health")


def test_invitations_are_rate_limited(people, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "engagement_invite": "2/h"}
    services.create_invite_code(people.casey)
    services.create_invite_code(people.casey)
    with pytest.raises(RateLimited):
        services.invite(people.casey, "river")
