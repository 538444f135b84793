"""Demo alumni data (`manage.py demo`), added to Northside Alumni (programs' seed: kept by
casey, sam enrolled): two cohorts, sam in the older one with his 30-day check-in answered and
his 90-day check-in waiting for him, his steps down from residential care, and a live invite
code for the newer cohort.

The demo's code is always **NSAGR-ADS26** (`DEMO_CODE`; its link is `/alumni/join/?code=…`):
codes are stored as digests and shown once, and no seed prints, so the demo's is fixed and
written here. Safe to run again: a program that already has cohorts is left as it is.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.community.models import Membership
from lantern.programs.models import Program

from . import services
from .models import CareLevel, CheckIn, InviteCode

DEMO_CODE = "NSAGRADS26"
PROGRAM = "Northside Alumni"


def _cohort_name(day) -> str:
    return f"Graduates, {day:%B %Y}"


def seed() -> None:
    program = Program.objects.filter(name=PROGRAM, kind=Program.Kind.ALUMNI).first()
    casey = User.objects.filter(handle="casey").first()
    sam = User.objects.filter(handle="sam").first()
    if program is None or casey is None or sam is None or program.cohorts.exists():
        return
    today = timezone.localdate()
    spring_day = today - timedelta(days=96)
    older = services.create_cohort(
        casey, program, name=_cohort_name(spring_day), graduated_on=spring_day
    ).obj
    newer_day = today - timedelta(days=12)
    newer = services.create_cohort(
        casey, program, name=_cohort_name(newer_day) + " (evening group)", graduated_on=newer_day
    ).obj

    # sam graduated with the older cohort and joined it that day.
    services.add_graduate(casey, older, "sam")
    joined = timezone.make_aware(datetime.combine(spring_day, time(15, 0)))
    Membership.objects.filter(space=older.space, person=sam).update(
        joined_at=joined, last_visit_at=joined + timedelta(days=40)
    )
    for checkin in CheckIn.objects.filter(program=program, person=sam):
        checkin.due_on = spring_day + timedelta(days=checkin.day)
        checkin.save(update_fields=["due_on"])
    first = CheckIn.objects.get(program=program, person=sam, day=30)
    services.answer_checkin(
        sam, first, answer=CheckIn.Answer.WELL, note="Back at work, going to two meetings a week."
    )
    CheckIn.objects.filter(pk=first.pk).update(
        answered_at=timezone.make_aware(datetime.combine(first.due_on, time(19, 30)))
    )
    waiting = CheckIn.objects.get(program=program, person=sam, day=90)
    services.send_checkin(waiting.pk)  # his 90-day check-in waits for him

    for level, since in (
        (CareLevel.Level.RESIDENTIAL, spring_day - timedelta(days=60)),
        (CareLevel.Level.INTENSIVE, spring_day),
        (CareLevel.Level.OUTPATIENT, spring_day + timedelta(days=45)),
    ):
        services.record_care_level(casey, program, sam, level=level, since=since)

    code = services.create_code(casey, newer, uses=30, days=30).code
    InviteCode.objects.filter(pk=code.pk).update(
        digest=services.digest_of(DEMO_CODE), ending=DEMO_CODE[-3:]
    )
