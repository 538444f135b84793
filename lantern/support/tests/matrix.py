"""Support's records for the access matrix (core/tests/test_access_matrix.py): river works with
casey (open, consented to everything, with a note, a referral and follow-ups); jo has asked for
a specialist. Nobody else reaches any of it: sam, jo, morgan and alex get 404 for river's."""

from lantern.core.tests.matrix import LOGIN, everyone, only, signed_in
from lantern.recovery import services as recovery
from lantern.support import services
from lantern.support.models import SCOPES, Team, today

BOTH = ("river", "casey")

MATRIX = {
    "support-home": ("get", None, {**signed_in(200), "casey": 302}),
    "support-caseload": ("get", None, only(200, "casey")),
    "support-due": ("get", None, only(200, "casey")),
    "support-team": ("get", None, only(200, "alex")),  # alex supervises casey's team
    "support-invite": ("get", None, only(200, "casey")),
    "support-invite-code": ("post", None, only(200, "casey")),
    "support-join": ("get", None, signed_in(200)),
    "support-report": ("get", None, only(200, "casey", "alex")),
    "support-report-csv": ("get", None, only(200, "casey", "alex")),
    "support-engagement": ("get", {"pk": "support_engagement"}, only(200, *BOTH)),
    "support-consent": ("get", {"pk": "support_engagement"}, only(200, "river")),
    "support-intake": ("get", {"pk": "support_engagement"}, only(200, *BOTH)),
    "support-notes": ("get", {"pk": "support_engagement"}, only(200, *BOTH)),
    "support-assessments": ("get", {"pk": "support_engagement"}, only(200, *BOTH)),
    "support-assessment-new": (
        "get",
        {"pk": "support_engagement", "slug": "lantern-wellbeing"},
        only(200, "casey"),
    ),
    "support-referrals": ("get", {"pk": "support_engagement"}, only(200, *BOTH)),
    "support-followups": ("get", {"pk": "support_engagement"}, only(200, *BOTH)),
    # the member reads their plan on their own page
    "support-plan": ("get", {"pk": "support_engagement"}, {**only(200, "casey"), "river": 302}),
    "support-note": ("get", {"pk": "support_note"}, only(200, *BOTH)),
    # The plan together: casey edits river's goals (consent covers the plan); river edits her
    # plan on her own pages, so even she gets 404 here
    "support-plan-goal-new": ("get", {"pk": "support_engagement"}, only(200, "casey")),
    "support-plan-goal-edit": (
        "get",
        {"pk": "support_engagement", "goal": "support_goal"},
        only(200, "casey"),
    ),
    "support-plan-step-add": (
        "get",
        {"pk": "support_engagement", "goal": "support_goal"},
        only(200, "casey"),
    ),
    "support-plan-step-toggle": (
        "post",
        {"pk": "support_engagement", "step": "support_step"},
        only(302, "casey"),
    ),
    "support-plan-goal-done": (
        "post",
        {"pk": "support_engagement", "goal": "support_goal"},
        only(302, "casey"),
    ),
    # river declines casey's proposed goal (a second answer: a message and back)
    "support-proposal-answer": ("post", {"pk": "support_proposal"}, only(302, "river")),
    # POSTs without a form: refused with a message and back (nothing changes), or 404
    "support-addendum": ("post", {"pk": "support_note"}, only(302, "casey")),
    "support-referral-status": ("post", {"pk": "support_referral"}, only(302, "casey")),
    "support-followup-record": ("post", {"pk": "support_followup"}, only(302, "casey")),
    "support-decline": ("post", {"pk": "support_engagement"}, only(302, "river")),
    "support-close": ("post", {"pk": "support_engagement"}, only(302, *BOTH)),
    "support-handover": ("post", {"pk": "support_engagement"}, only(302, "casey")),
    "support-handover-answer": ("post", {"pk": "support_engagement"}, only(302, "river")),
    "support-message": ("post", {"pk": "support_engagement"}, only(302, *BOTH)),
    # jo's request: any specialist may take it (casey does)
    "support-take": ("post", {"pk": "support_request"}, only(302, "casey")),
    "api:support-engagements-api": ("get", None, signed_in(200, anon=401)),
    # Asking for a specialist: a message and back for everyone (sam, morgan and alex ask)
    "support-request": ("post", None, {**everyone(302), "anon": LOGIN}),
    # Last: these withdraw river's consent
    "support-revoke": ("post", {"pk": "support_engagement"}, only(302, "river")),
    "api:support-engagement-revoke-api": (
        "post",
        {"engagement_id": "support_engagement"},
        {**everyone(404), "anon": 401, "river": 200},
    ),
}


def records(people) -> dict:
    engagement = services.invite(people.casey, people.river.handle)
    services.give_consent(
        people.river, engagement, scopes=list(SCOPES), purpose="Peer support", audience="specialist"
    )
    engagement.refresh_from_db()
    services.save_intake(
        people.casey, engagement, pathways=["smart"], goals="Housing", needs={}, strengths=""
    )
    note = services.add_note(
        people.casey, engagement, contact_on=today(), mode="phone", minutes=20, body="Call"
    ).obj
    referral = services.make_referral(
        people.casey, engagement, professional="Legal clinic", category="legal"
    ).obj
    proposal = services.propose_goal(people.casey, engagement, title="Walk daily").obj
    goal = recovery.save_goal(people.river, title="Sleep by eleven").obj
    step = recovery.add_step(people.river, goal, "Phone out of the bedroom").obj
    request = services.request_specialist(people.jo).obj
    Team.objects.create(name="Team", supervisor=people.alex).specialists.add(people.casey)
    return {
        "support_engagement": engagement.pk,
        "support_note": note.pk,
        "support_referral": referral.pk,
        "support_followup": engagement.followups.first().pk,
        "support_request": request.pk,
        "support_proposal": proposal.pk,
        "support_goal": goal.pk,
        "support_step": step.pk,
    }
