"""Demo data for `manage.py demo`: casey's small caseload, written through the services. river
has worked with casey for two months (intake, notes, two check-in assessments, a referral to a
demo resource, a goal they keep together in her recovery plan); nightowl consented to notes and
follow-ups and one is overdue; sam has an invitation waiting. Safe to run again: a caseload that
exists is left as it is."""

from datetime import timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.core.access import forget
from lantern.directory.models import Resource
from lantern.recovery import services as recovery

from . import services
from .models import SCOPES, ContactNote, Engagement, FollowUp, today


def _open(casey, member, scopes, purpose):
    engagement = services.invite(casey, member.handle)
    services.give_consent(
        member, engagement, scopes=list(scopes), purpose=purpose, audience="specialist"
    )
    engagement.refresh_from_db()
    return engagement


def _backdate(engagement, days):
    """Move the engagement's start and its follow-up schedule `days` into the past."""
    shift = timedelta(days=days)
    Engagement.objects.filter(pk=engagement.pk).update(
        opened_at=timezone.now() - shift, intake_on=today() - shift
    )
    for f in FollowUp.objects.filter(engagement=engagement):
        f.due_on, f.window_start, f.window_end = (
            f.due_on - shift,
            f.window_start - shift,
            f.window_end - shift,
        )
        f.save()


def seed() -> None:
    people = {
        u.handle: u for u in User.objects.filter(handle__in=["casey", "river", "sam", "nightowl"])
    }
    casey = people.get("casey")
    if casey is None or Engagement.objects.filter(specialist=casey).exists():
        return
    forget(casey)
    river = _open(casey, people["river"], SCOPES, "Peer recovery support: housing and work")
    services.save_intake(
        casey,
        river,
        pathways=["12-step", "medication"],
        goals="A place of my own by spring, and back to part-time work.",
        needs={
            "housing": {"level": 3, "note": "Staying with her sister until March"},
            "employment": {"level": 2, "note": ""},
            "transport": {"level": 1, "note": "Bus pass runs out monthly"},
        },
        strengths="Ninety days, a home group she loves, and a sponsor she calls daily.",
    )
    _backdate(river, 60)
    for days_ago, mode, minutes, body, steps in [
        (58, "in_person", 50, "Intake at the center. Talked about housing first.", "Harbor House"),
        (40, "phone", 20, "Harbor House has a bed in March. She is relieved.", "Apply by Friday"),
        (12, "video", 30, "Applied. Nervous about the interview at the job program.", "Practise"),
    ]:
        services.add_note(
            casey,
            river,
            contact_on=today() - timedelta(days=days_ago),
            mode=mode,
            minutes=minutes,
            body=body,
            next_steps=steps,
        )
    ContactNote.objects.filter(engagement=river).update(
        created_at=timezone.now() - timedelta(days=12)
    )
    for days_ago, value in ((55, 2), (10, 3)):
        services.record_assessment(
            casey,
            river,
            "lantern-wellbeing",
            {f"w{n}": (4 - value if n == 4 else value) for n in range(1, 7)},
            taken_on=today() - timedelta(days=days_ago),
        )
    housing = Resource.objects.filter(kind="housing").first()
    if housing is not None:
        referral = services.make_referral(casey, river, resource=housing, warm=True).obj
        services.set_referral_status(casey, referral, "connected", "Interview booked")
    services.make_referral(casey, river, professional="Second Chance Jobs", category="employment")
    first = FollowUp.objects.filter(engagement=river, kind="30d").first()
    if first is not None:
        services.record_followup(
            casey, first, outcome="reached", done_on=today() - timedelta(days=29)
        )

    # The plan together: a goal casey added with river, one step ticked by each of them.
    goal = services.add_plan_goal(
        casey,
        river,
        title="Back to part-time work",
        steps="Update my CV\nCall Second Chance Jobs\nPractise the interview with casey",
    ).obj
    first, second = list(goal.steps.all())[:2]
    recovery.toggle_step(casey, first)
    recovery.toggle_step(river.member, second)

    if "nightowl" in people:
        owl = _open(casey, people["nightowl"], ["notes", "followups"], "Peer recovery support")
        services.add_note(
            casey,
            owl,
            contact_on=today() - timedelta(days=45),
            mode="text",
            minutes=10,
            body="Checked in after the holidays. Sleeping badly.",
        )
        services.schedule_for_intake(owl, today() - timedelta(days=45))
    if "sam" in people:
        services.invite(casey, "sam")
