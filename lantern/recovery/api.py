"""/api/v1/recovery: the signed-in member's own counters and check-ins (session auth).

Records load through the same `access` loaders as the pages (404 for anyone else's) and every
change goes through the same services; a refusal (`core.errors.Refused`) answers 400 with the
message the page would show (`lantern.api` maps it). Lists are paginated.
"""

from datetime import date, datetime, time
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import WithJsonSchema

from lantern.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, Pages, between, most, one_of

from . import access, services
from .models import CheckIn, Counter, Sleep, Trigger
from .services.base import TEXT_LIMIT

router = Router(tags=["recovery"])

# A start time is on the member's own clock (the time zone in their preferences): "18:30".
# A time that names a zone ("02:17:28Z", "18:30+02:00") is refused with 400 by the service.
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
            "description": "a time on the member's own clock, without a time zone",
        }
    ),
]


class RunOut(Schema):
    started_on: date
    started_at: LocalTime | None
    ended_on: date | None
    days: int


class MilestoneOut(Schema):
    key: str
    label: str
    on: date


class CounterOut(Schema):
    id: int
    kind: str
    name: str
    label: str
    started_on: date
    started_at: LocalTime | None
    days: int
    longest_days: int
    total_days: int
    milestones_reached: list[MilestoneOut]
    next_milestone: MilestoneOut | None
    runs: list[RunOut]


class CounterIn(Schema):
    kind: one_of(Counter.Kind.values)
    name: str = Field("", description="at most 60 characters are kept")
    started_on: date = Field(description="not in the future, on the member's own calendar")
    started_at: LocalTime | None = None
    tell_on_reset: bool = False


class NewStartIn(Schema):
    started_on: date = Field(description="not in the future, nor before the current run began")
    started_at: LocalTime | None = None


class CheckInOut(Schema):
    id: int
    day: date
    mood: int
    craving: int
    triggers: list[str]
    sleep: str
    medication_taken: bool | None
    meeting_ids: list[int]
    other_meetings: int
    gratitude: str
    note: str
    updated_at: datetime


class CheckInIn(Schema):
    day: date | None = Field(None, description="today on the member's calendar (the default)")
    mood: between(1, 5)
    craving: between(0, 10)
    triggers: list[one_of(Trigger.values)] = []
    sleep: one_of(["", *Sleep.values]) = ""
    medication_taken: bool | None = None
    meeting_ids: list[int] = Field([], description="the member's attendance records of that day")
    other_meetings: between(0, 20) = 0
    gratitude: most(TEXT_LIMIT) = ""
    note: most(TEXT_LIMIT) = ""


class CheckInSaved(Schema):
    checkin: CheckInOut
    show_crisis_resources: bool
    reach_out_suggested: bool


def _milestone(m) -> dict:
    return {"key": m.key, "label": m.label, "on": m.on}


def _counter(counter: Counter) -> dict:
    s = services.summarize(counter)
    return {
        "id": counter.pk,
        "kind": counter.kind,
        "name": counter.name,
        "label": counter.label,
        "started_on": s.run.started_on,
        "started_at": s.run.started_at,
        "days": s.days,
        "longest_days": s.longest,
        "total_days": s.total,
        "milestones_reached": [_milestone(m) for m in s.reached],
        "next_milestone": _milestone(s.next) if s.next else None,
        "runs": [
            {
                "started_on": r.started_on,
                "started_at": r.started_at,
                "ended_on": r.ended_on,
                "days": d,
            }
            for r, d in s.runs
        ],
    }


def _checkin(c: CheckIn) -> dict:
    return {
        "id": c.pk,
        "day": c.day,
        "mood": c.mood,
        "craving": c.craving,
        "triggers": c.triggers,
        "sleep": c.sleep,
        "medication_taken": c.medication_taken,
        "meeting_ids": [a.pk for a in c.meetings.all()],
        "other_meetings": c.other_meetings,
        "gratitude": c.gratitude,
        "note": c.note,
        "updated_at": c.updated_at,
    }


@router.get(
    "/counters",
    response={200: list[CounterOut], **SIGNED_IN_ERRORS},
    url_name="recovery-counters-api",
)
@paginate(Pages, page_size=25)
def list_counters(request):
    """The member's counters with days, milestones and every run."""
    return [_counter(c) for c in request.auth.counters.prefetch_related("runs")]


@router.post(
    "/counters",
    response={201: CounterOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="recovery-counter-create-api",
)
def create_counter(request, data: CounterIn):
    """Start a counter from a date that is not in the future."""
    counter = services.start_counter(request.auth, **data.dict())
    return Status(201, _counter(counter))


@router.get(
    "/counters/{counter_id}",
    response={200: CounterOut, **SIGNED_IN_ERRORS},
    url_name="recovery-counter-api",
)
def get_counter(request, counter_id: int):
    return _counter(access.get_counter_for(request.auth, counter_id))


@router.post(
    "/counters/{counter_id}/new-start",
    response={201: CounterOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="recovery-counter-new-start-api",
)
def counter_new_start(request, counter_id: int, data: NewStartIn):
    """A new start: the current run ends and stays in the history."""
    counter = access.get_counter_for(request.auth, counter_id)
    services.new_start(request.auth, counter, data.started_on, data.started_at)
    return Status(201, _counter(access.get_counter_for(request.auth, counter_id)))


@router.get(
    "/checkins",
    response={200: list[CheckInOut], **SIGNED_IN_ERRORS},
    url_name="recovery-checkins-api",
)
@paginate(Pages, page_size=30)
def list_checkins(request):
    """The member's check-ins, newest first."""
    return [_checkin(c) for c in request.auth.checkins.prefetch_related("meetings")]


def _save(request, data: CheckInIn, checkin: CheckIn | None) -> dict:
    saved = services.save_checkin(request.auth, checkin=checkin, **data.dict())
    return {
        "checkin": _checkin(saved.obj),
        "show_crisis_resources": saved.show_crisis_resources,
        "reach_out_suggested": services.cravings_nudge(saved.obj) is not None,
    }


@router.post(
    "/checkins",
    response={201: CheckInSaved, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="recovery-checkin-create-api",
)
def create_checkin(request, data: CheckInIn):
    """Today's check-in (the member's own calendar day); one per day."""
    return Status(201, _save(request, data, None))


@router.put(
    "/checkins/{day}",
    response={200: CheckInSaved, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="recovery-checkin-update-api",
)
def update_checkin(request, day: date, data: CheckInIn):
    """Change today's check-in; earlier days cannot be changed."""
    checkin = access.get_checkin_for(request.auth, day)
    data.day = day
    return _save(request, data, checkin)
