"""Timers of the safety net, run by the task worker at each deadline. `services` schedules them
(after its transaction commits) and they call back into `services`; both modules import each
other at the top and look the other's functions up when they run.

Each is safe to run twice (it escalates only from the tier that set it). A timer lost with a
worker that died is caught by `services.sweep_missed_escalations`, which every worker runs each
minute."""

from django_tasks import task

from . import review, services


@task()
def escalate_reach_out(reach_out_id: int, tier: int) -> bool:
    return services.escalate_reach_out_if_due(reach_out_id, tier)


@task()
def escalate_alert(alert_id: int, tier: int) -> bool:
    return services.escalate_alert_if_due(alert_id, tier)


@task()
def escalate_review_item(item_id: int, tier: int) -> bool:
    return review.escalate_if_due(item_id, tier)
