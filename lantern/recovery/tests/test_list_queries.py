"""Every list page of the recovery tools asks the database a fixed number of times, however
many rows it lists: each page is filled with enough rows (dozens) that a query per row would
blow its budget. (Every budget includes the site's settings, read once a process-second for the
header: tests start with none kept.)"""

import datetime

import pytest
import time_machine

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.core import audit
from lantern.meetings.models import Attendance
from lantern.recovery import services
from lantern.recovery.models import (
    CheckIn,
    Counter,
    Goal,
    GoalNote,
    GoalStep,
    Grant,
    JournalEntry,
    PlanItem,
    Run,
)

NOW = datetime.datetime(2026, 11, 23, 18, tzinfo=datetime.UTC)
D = datetime.date
ROWS = 35


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def others(n: int) -> list[User]:
    return [User.objects.create_user(f"peer{i}", PASSWORD) for i in range(n)]


def many_checkins(member):
    today = services.today_for(member)
    for n in range(ROWS):
        day = today - datetime.timedelta(days=n)
        checkin = CheckIn.objects.create(
            member=member,
            day=day,
            mood=1 + n % 5,
            craving=n % 11,
            triggers=["stress"],
            sleep="ok",
            medication_taken=True,
            other_meetings=1,
            gratitude=f"thanks {n}",
            note=f"note {n}",
        )
        went = Attendance.objects.create(member=member, meeting_name=f"Group {n}", date=day)
        checkin.meetings.add(went)


def many_counters(member):
    for n in range(8):
        counter = Counter.objects.create(member=member, kind="other", name=f"Habit {n}")
        Run.objects.create(counter=counter, started_on=D(2024, 1, 1), ended_on=D(2025, 1, 1))
        Run.objects.create(counter=counter, started_on=D(2025, 1, 1), ended_on=D(2025, 6, 1))
        Run.objects.create(counter=counter, started_on=D(2025, 6, 1))


def test_the_check_ins_list(people, signed_in, frozen, django_assert_max_num_queries):
    many_checkins(people.river)
    river = signed_in(people.river)
    with django_assert_max_num_queries(8):
        page = river.get("/recovery/checkins/").content.decode()
    assert page.count('<li class="card"><h3><time') == 30  # one page of thirty
    assert "2 meetings" in page


def test_the_journal(people, signed_in, django_assert_max_num_queries):
    for n in range(ROWS):
        JournalEntry.objects.create(member=people.river, title=f"Day {n}", body="words")
    river = signed_in(people.river)
    with django_assert_max_num_queries(8):
        page = river.get("/recovery/journal/").content.decode()
    assert page.count("/recovery/journal/") >= 20


def test_the_plan(people, signed_in, django_assert_max_num_queries):
    for n in range(12):
        goal = Goal.objects.create(member=people.river, title=f"Goal {n}")
        for s in range(3):
            GoalStep.objects.create(goal=goal, text=f"Step {n}.{s}", done=s == 0)
        GoalNote.objects.create(goal=goal, text=f"Note {n}")
    for n, kind in enumerate(["trigger", "warning_sign", "person", "reason"] * 6):
        PlanItem.objects.create(member=people.river, kind=kind, text=f"Item {n}", detail="x")
    river = signed_in(people.river)
    with django_assert_max_num_queries(10):  # 9, and the latest changes
        page = river.get("/recovery/plan/").content.decode()
    assert page.count("33% of steps done") == 12 and "Item 23" in page


def test_the_sharing_page_with_many_grants_and_looks(
    people, signed_in, frozen, django_assert_max_num_queries
):
    river = people.river
    for n, person in enumerate(others(12)):
        grant = Grant.objects.create(member=river, person=person, checkins=True, plan=n % 2 == 0)
        if n % 3 == 0:
            services.revoke_grant(river, grant)
        audit.record(person, "recovery.view_checkins", None, subject=river)
        audit.record(person, "recovery.view_plan", None, subject=river)
    client = signed_in(river)
    with django_assert_max_num_queries(10):
        page = client.get("/recovery/sharing/").content.decode()
    assert page.count("Stop sharing with") == 8 and page.count("peer11 · ") == 2


def test_the_list_of_who_shares_with_me(people, signed_in, frozen, django_assert_max_num_queries):
    for member in others(15):
        Grant.objects.create(member=member, person=people.jo, milestones=True)
    jo = signed_in(people.jo)
    with django_assert_max_num_queries(8):
        page = jo.get("/recovery/shared/").content.decode()
    assert page.count('href="/recovery/shared/peer') == 15


def test_shared_check_ins(people, signed_in, frozen, django_assert_max_num_queries):
    many_checkins(people.river)
    services.grant_access(people.river, "jo", ["checkins"])
    jo = signed_in(people.jo)
    with django_assert_max_num_queries(16):  # jo is a responder: the reach-out banner asks
        page = jo.get("/recovery/shared/river/checkins/").content.decode()
    assert page.count('<li class="card"><h3><time') == 30
    assert "note 3" not in page and "thanks 3" not in page  # never shared


def test_shared_milestones(people, signed_in, frozen, django_assert_max_num_queries):
    many_counters(people.river)
    services.grant_access(people.river, "jo", ["milestones"])
    jo = signed_in(people.jo)
    with django_assert_max_num_queries(11):
        page = jo.get("/recovery/shared/river/milestones/").content.decode()
    assert page.count('<section class="card" aria-labelledby="c-') == 8


def test_the_overview_with_many_counters(people, signed_in, frozen, django_assert_max_num_queries):
    many_counters(people.river)
    river = signed_in(people.river)
    with django_assert_max_num_queries(10):
        page = river.get("/recovery/").content.decode()
    assert page.count("Habit ") == 8
