"""River's recovery records for the access matrix (core/tests/test_access_matrix.py): river
shares everything with jo and one journal entry with jo; nobody else may reach any of it."""

from datetime import timedelta


def records(people) -> dict:
    from lantern.recovery import services
    from lantern.recovery.models import Nudge

    river = people.river
    today = services.today_for(river)
    counter = services.start_counter(river, "alcohol", today - timedelta(days=100))
    entry = services.save_entry(river, title="Tuesday", body="A long day, but I stayed.").obj
    services.share_entry(entry, "jo")
    item = services.save_plan_item(river, kind="trigger", text="Payday", detail="Call jo").obj
    goal = services.save_goal(river, title="Walk every morning").obj
    step = services.add_step(goal, "Buy walking shoes").obj
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
