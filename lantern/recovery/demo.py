"""Demo data for `manage.py demo` (make run): realistic, and safe to run again.

river has an alcohol counter at about 94 days (after an earlier run and a new start), two weeks
of check-ins, a plan, a journal entry, and shares milestones and check-ins with jo. Running it
again puts river's recovery records back as they were.
"""

import random
from datetime import timedelta

from lantern.accounts.models import User

from . import services
from .models import CheckIn, Counter, Goal, GoalNote, GoalStep, Grant, JournalEntry, PlanItem, Run


def seed() -> None:
    river = User.objects.filter(handle__iexact="river").first()
    jo = User.objects.filter(handle__iexact="jo").first()
    if river is None or jo is None:
        return
    for model in (Counter, CheckIn, JournalEntry, Goal, PlanItem):
        model.objects.filter(member=river).delete()
    Grant.objects.filter(member=river).delete()

    today = services.today_for(river)
    counter = Counter.objects.create(member=river, kind="alcohol", name="Alcohol")
    Run.objects.create(
        counter=counter,
        started_on=today - timedelta(days=400),
        ended_on=today - timedelta(days=94),
    )
    Run.objects.create(counter=counter, started_on=today - timedelta(days=94))

    rng = random.Random(94)  # the same "random" fortnight every time
    for n in range(1, 15):
        if n in (6, 11):
            continue  # real life: a couple of days missed
        CheckIn.objects.create(
            member=river,
            day=today - timedelta(days=n),
            mood=rng.choice([2, 3, 3, 4, 4, 5]),
            craving=rng.choice([0, 1, 2, 2, 3, 5, 6]),
            triggers=rng.sample(
                ["stress", "tiredness", "loneliness", "people"], k=rng.randint(0, 2)
            ),
            sleep=rng.choice(["poor", "ok", "well"]),
            medication_taken=True,
            gratitude=rng.choice(["my home group", "a quiet morning", "my sister called", ""]),
        )

    JournalEntry.objects.create(
        member=river,
        title="Ninety days",
        body="Picked up my 90-day chip tonight. My hands shook. Jo hugged me after the meeting.",
    )
    goal = Goal.objects.create(
        member=river,
        title="Walk every morning before work",
        target_date=today + timedelta(days=30),
        status=Goal.Status.IN_PROGRESS,
    )
    GoalStep.objects.create(goal=goal, text="Buy walking shoes", done=True)
    GoalStep.objects.create(goal=goal, text="Walk to the park three days a week")
    GoalNote.objects.create(goal=goal, text="Did Monday and Wednesday. Felt good.")
    for kind, text, detail in [
        ("trigger", "Payday Fridays", "Go straight to the 6 pm meeting; text jo on the way"),
        (
            "trigger",
            "Arguments with my ex",
            "Step outside, breathe for five minutes, call Aunt May",
        ),
        ("warning_sign", "Skipping meals and meetings", "Tell jo the same day"),
        ("person", "jo (Lantern)", ""),
        ("person", "Aunt May", "555-0199"),
        ("reason", "My daughter", "I want her to remember me sober"),
    ]:
        PlanItem.objects.create(member=river, kind=kind, text=text, detail=detail)
    Grant.objects.create(member=river, person=jo, milestones=True, checkins=True)
