"""The recovery tools' rules. Every change of a member's records is one function here, in one
transaction; views, the API, tasks and the demo all call these (`services.save_checkin(...)`).

Private by default: another person sees a member's milestones, check-ins or plan only through an
active `Grant`, and every such read is written to the audit log (`record_shared_read`).

One module per part: `counters`, `checkins` (with nudges and reminders), `trends`, `journal`,
`plan`, `sharing`, `personal` (export and erasure); `base` holds what they share.
"""

from .base import RecoveryError, Saved, now, today_for
from .checkins import (
    attendance_on,
    check_silence,
    dismiss_nudge,
    next_reminder_at,
    open_nudges,
    preferences,
    run_reminder,
    save_checkin,
    set_reminder,
    streak,
)
from .counters import (
    CounterSummary,
    delete_counter,
    new_start,
    run_days,
    start_counter,
    summaries,
    summarize,
    update_counter,
)
from .journal import delete_entry, save_entry, share_entry, unshare_entry
from .personal import erase_recovery, export_recovery
from .plan import (
    add_goal_note,
    add_step,
    delete_goal,
    delete_plan_item,
    plan_as_text,
    plan_for,
    save_goal,
    save_plan_item,
    toggle_step,
)
from .sharing import (
    SCOPES,
    active_grant,
    grant_access,
    record_shared_read,
    revoke_grant,
    shared_with_me,
    who_looked,
)
from .trends import trends

__all__ = [
    "SCOPES",
    "CounterSummary",
    "RecoveryError",
    "Saved",
    "active_grant",
    "add_goal_note",
    "add_step",
    "attendance_on",
    "check_silence",
    "delete_counter",
    "delete_entry",
    "delete_goal",
    "delete_plan_item",
    "dismiss_nudge",
    "erase_recovery",
    "export_recovery",
    "grant_access",
    "new_start",
    "next_reminder_at",
    "now",
    "open_nudges",
    "plan_as_text",
    "plan_for",
    "preferences",
    "record_shared_read",
    "revoke_grant",
    "run_days",
    "run_reminder",
    "save_checkin",
    "save_entry",
    "save_goal",
    "save_plan_item",
    "set_reminder",
    "share_entry",
    "shared_with_me",
    "start_counter",
    "streak",
    "summaries",
    "summarize",
    "today_for",
    "toggle_step",
    "trends",
    "unshare_entry",
    "update_counter",
    "who_looked",
]
