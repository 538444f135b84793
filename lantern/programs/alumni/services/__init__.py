"""Alumni and aftercare's domain operations. Views, tasks, the demo and the report all call
these: each takes the acting person first, checks the rules itself (`alumni.access`), refuses
with `core.errors.Refused`, writes in one transaction and returns the saved record (or a
`core.results.Saved` when it saved words a person wrote).

One module per part: `cohorts` (cohorts, invite codes, joining), `followups` (the check-in
schedule, its task and sweeper, answers), `care` (step-down levels, giving back), `reports`
(the program report's sections), `personal` (export and erasure).
"""

from .care import (
    current_level,
    current_levels,
    has_volunteered,
    history,
    record_care_level,
    volunteer,
    volunteered_in,
    volunteers_of,
)
from .cohorts import (
    NewCode,
    add_graduate,
    codes_of,
    cohorts_in,
    cohorts_of,
    create_code,
    create_cohort,
    digest_of,
    graduates_of,
    join_link,
    join_with_code,
    normalized,
    revoke_code,
    shown,
)
from .followups import (
    answer_checkin,
    asking_for_staff,
    checkins_of,
    due_count,
    due_list,
    read_checkins,
    schedule,
    schedule_of,
    send_checkin,
    sweep_due_checkins,
    waiting_for,
)
from .personal import erase_alumni, export_alumni
from .reports import build as build_report
from .reports import retention

__all__ = [
    "NewCode",
    "add_graduate",
    "answer_checkin",
    "asking_for_staff",
    "build_report",
    "checkins_of",
    "codes_of",
    "cohorts_in",
    "cohorts_of",
    "create_code",
    "create_cohort",
    "current_level",
    "current_levels",
    "digest_of",
    "due_count",
    "due_list",
    "erase_alumni",
    "export_alumni",
    "graduates_of",
    "has_volunteered",
    "history",
    "join_link",
    "join_with_code",
    "normalized",
    "read_checkins",
    "record_care_level",
    "retention",
    "revoke_code",
    "schedule",
    "schedule_of",
    "send_checkin",
    "shown",
    "sweep_due_checkins",
    "volunteer",
    "volunteered_in",
    "volunteers_of",
    "waiting_for",
]
