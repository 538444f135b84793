"""River's recovery records for the access matrix (core/tests/test_access_matrix.py): river
shares everything with jo and one journal entry with jo; nobody else may reach any of it."""

from datetime import timedelta

from lantern.core.tests.matrix import only, river_only, signed_in
from lantern.recovery import services
from lantern.recovery.models import Nudge

MATRIX = {
    # Recovery tools: each person's own; river's records (shared with jo) reach river, and jo's
    # "shared with me" pages only. Entries that delete or revoke come last: they change records.
    "recovery-home": ("get", None, signed_in()),
    "recovery-counter-new": ("get", None, signed_in()),
    "recovery-counter": ("get", {"pk": "recovery_counter"}, river_only(200)),
    "recovery-counter-edit": ("get", {"pk": "recovery_counter"}, river_only(200)),
    "recovery-counter-new-start": ("get", {"pk": "recovery_counter"}, river_only(200)),
    "recovery-milestone": ("get", {"pk": "recovery_counter", "key": "90d"}, river_only(200)),
    "recovery-milestone-share": (  # no group chosen: a message, nothing posted
        "post",
        {"pk": "recovery_counter", "key": "90d"},
        river_only(302),
    ),
    "recovery-checkin": ("get", None, signed_in()),
    "recovery-checkins": ("get", None, signed_in()),
    "recovery-trends": ("get", None, signed_in()),
    "recovery-reminders": ("get", None, signed_in()),
    "recovery-journal": ("get", None, signed_in()),
    "recovery-journal-new": ("get", None, signed_in()),
    "recovery-journal-entry": ("get", {"pk": "journal_entry"}, river_only(200)),
    "recovery-journal-share": ("post", {"pk": "journal_entry"}, river_only(302)),
    "recovery-journal-unshare": ("post", {"pk": "journal_entry"}, river_only(302)),
    "recovery-plan": ("get", None, signed_in()),
    "recovery-plan-export": ("get", None, signed_in()),
    "recovery-plan-item-new": ("get", None, signed_in()),
    "recovery-plan-item": ("get", {"pk": "plan_item"}, river_only(200)),
    "recovery-goal-new": ("get", None, signed_in()),
    "recovery-goal": ("get", {"pk": "goal"}, river_only(200)),
    "recovery-goal-step-add": ("post", {"pk": "goal"}, river_only(400)),  # empty: the form again
    "recovery-goal-note-add": ("post", {"pk": "goal"}, river_only(400)),
    "recovery-step-toggle": ("post", {"pk": "goal_step"}, river_only(302)),
    "recovery-nudge-dismiss": ("post", {"pk": "nudge"}, river_only(302)),
    "recovery-sharing": ("get", None, signed_in()),
    "recovery-shared": ("get", None, signed_in()),
    "recovery-shared-member": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-milestones": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-checkins": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-plan": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-journal": ("get", {"pk": "journal_entry"}, only(200, "jo")),
    "api:recovery-counters-api": ("get", None, signed_in(200, anon=401)),
    "api:recovery-checkins-api": ("get", None, signed_in(200, anon=401)),
    "api:recovery-counter-api": (
        "get",
        {"counter_id": "recovery_counter"},
        {**river_only(200), "anon": 401},
    ),
    # Writes with no body: refused as bad input for everyone signed in
    "api:recovery-counter-create-api": ("post", None, signed_in(400, anon=401)),
    "api:recovery-counter-new-start-api": (
        "post",
        {"counter_id": "recovery_counter"},
        signed_in(400, anon=401),
    ),
    "api:recovery-checkin-create-api": ("post", None, signed_in(400, anon=401)),
    "api:recovery-checkin-update-api": ("put", {"day": "2026-01-01"}, signed_in(422, anon=401)),
    "recovery-journal-delete": ("post", {"pk": "journal_entry"}, river_only(302)),
    "recovery-plan-item-delete": ("post", {"pk": "plan_item"}, river_only(302)),
    "recovery-goal-delete": ("post", {"pk": "goal"}, river_only(302)),
    "recovery-counter-delete": ("post", {"pk": "recovery_counter"}, river_only(302)),
    "recovery-grant-revoke": ("post", {"pk": "grant"}, river_only(302)),
}


def records(people) -> dict:
    river = people.river
    today = services.today_for(river)
    counter = services.start_counter(river, "alcohol", today - timedelta(days=100))
    entry = services.save_entry(river, title="Tuesday", body="A long day, but I stayed.").obj
    services.share_entry(river, entry, "jo")
    item = services.save_plan_item(river, kind="trigger", text="Payday", detail="Call jo").obj
    goal = services.save_goal(river, title="Walk every morning").obj
    step = services.add_step(river, goal, "Buy walking shoes").obj
    grant = services.grant_access(river, "jo", ["milestones", "checkins", "plan"])
    nudge = Nudge.objects.create(member=river, kind=Nudge.Kind.CRAVINGS, day=today)
    return {
        "recovery_counter": counter.pk,
        "journal_entry": entry.pk,
        "plan_item": item.pk,
        "goal": goal.pk,
        "goal_step": step.pk,
        "grant": grant.pk,
        "nudge": nudge.pk,
    }
