"""The recovery tools' rules. Every change of a member's records is one function here, in one
transaction; views, the API, tasks and the demo all call these (`services.save_checkin(...)`).

The acting person comes first (`share_entry(actor, entry, handle)`); each function checks that
the record is the actor's own (`NotFound` otherwise) and refuses bad input with
`core.errors.Refused`. Saves of written text return `core.results.Saved`, whose
`show_crisis_resources` the view hands to `safety.crisis.offer_after_save`.

Private by default: another person sees a member's milestones, check-ins or plan only through an
active `Grant`, and only through a `read_shared_*` function here, which writes the read to the
audit log the member sees ("Who looked").

One module per part: `counters`, `checkins` (with nudges and reminders), `trends`, `journal`,
`plan`, `sharing`, `personal` (export and erasure); `base` holds what they share.
"""

from .base import now, today_for
from .checkins import (
    attendance_on,
    check_silence,
    cravings_nudge,
    dismiss_nudge,
    next_reminder_at,
    open_nudges,
    preferences,
    run_reminder,
    run_silence_check,
    save_checkin,
    schedule_silence_check,
    set_reminder,
    silence_check_at,
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
from .journal import delete_entry, read_shared_entry, save_entry, share_entry, unshare_entry
from .personal import erase_recovery, export_recovery
from .plan import (
    add_goal_note,
    add_step,
    delete_goal,
    delete_plan_item,
    plan_as_text,
    plan_changes,
    plan_for,
    read_shared_plan,
    save_goal,
    save_plan_item,
    toggle_step,
)
from .sharing import (
    change_grant,
    entries_i_shared,
    entries_shared_with_me,
    grant_access,
    links_for_responder,
    read_shared_checkins,
    read_shared_milestones,
    revoke_grant,
    shared_with_me,
    who_looked,
)
from .trends import trends

__all__ = [
    "CounterSummary",
    "add_goal_note",
    "add_step",
    "attendance_on",
    "change_grant",
    "check_silence",
    "cravings_nudge",
    "delete_counter",
    "delete_entry",
    "delete_goal",
    "delete_plan_item",
    "dismiss_nudge",
    "entries_i_shared",
    "entries_shared_with_me",
    "erase_recovery",
    "export_recovery",
    "grant_access",
    "links_for_responder",
    "new_start",
    "next_reminder_at",
    "now",
    "open_nudges",
    "plan_as_text",
    "plan_changes",
    "plan_for",
    "preferences",
    "read_shared_checkins",
    "read_shared_entry",
    "read_shared_milestones",
    "read_shared_plan",
    "revoke_grant",
    "run_days",
    "run_reminder",
    "run_silence_check",
    "save_checkin",
    "save_entry",
    "save_goal",
    "save_plan_item",
    "schedule_silence_check",
    "set_reminder",
    "share_entry",
    "shared_with_me",
    "silence_check_at",
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
