"""The follow-up schedule: a graduate is asked how they are doing 30, 90 and 180 days after they
joined (or after the cohort graduated, if later), each once, by the task worker; a sweeper on the
worker sends any whose task was lost. Answers "Finding it hard" and "I'd like someone to call
me" tell the program's staff; notes are private and pass the safety net. Staff see who is due
and who is overdue."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import run_tasks
from lantern.core import audit, notification_kinds, taskqueue
from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent, Notification
from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn
from lantern.programs.alumni.services.followups import due_moment
from lantern.safety.models import Alert

from .conftest import make_due

pytestmark = pytest.mark.django_db

URGENT_TEXT = "i have the pills counted out, tonight is the night"


def _due_notices(person):
    return Notification.objects.filter(recipient=person, kind="alumni.checkin_due")


def test_the_schedule_counts_from_joining(people, cohort, new_code):
    today = timezone.localdate()
    services.join_with_code(people.sam, new_code.secret)
    due = dict(CheckIn.objects.filter(person=people.sam).values_list("day", "due_on"))
    assert due == {d: today + timedelta(days=d) for d in (30, 90, 180)}
    assert not CheckIn.objects.filter(notified_at__isnull=False).exists()


def test_the_schedule_counts_from_graduating_when_that_is_later(people, alumni):
    graduation = timezone.localdate() + timedelta(days=10)
    early = services.create_cohort(
        people.casey, alumni, name="Graduating soon", graduated_on=graduation
    ).obj
    services.add_graduate(people.casey, early, "sam")
    due = dict(CheckIn.objects.filter(person=people.sam).values_list("day", "due_on"))
    assert due == {d: graduation + timedelta(days=d) for d in (30, 90, 180)}
    # A graduation long past: counted from the day they joined.
    old = services.create_cohort(
        people.casey, alumni, name="Last year", graduated_on=timezone.localdate() - timedelta(400)
    ).obj
    services.add_graduate(people.casey, old, "river")
    assert CheckIn.objects.get(person=people.river, day=30).due_on == (
        timezone.localdate() + timedelta(days=30)
    )


@pytest.mark.django_db(transaction=True)  # the worker commits, as it would in production
def test_check_ins_come_at_30_90_and_180_days_once_each_on_the_worker(people, cohort, new_code):
    """On the real task worker (the database queue, or RQ on PostgreSQL + Redis)."""
    services.join_with_code(people.sam, new_code.secret)
    checkins = {c.day: c for c in CheckIn.objects.filter(person=people.sam)}
    notices = _due_notices(people.sam)
    run_tasks()
    assert not notices.exists()
    with time_machine.travel(due_moment(checkins[30].due_on) - timedelta(days=1), tick=False):
        run_tasks()
        taskqueue.periodic_pass()
    assert not notices.exists()
    for n, day in enumerate((30, 90, 180), start=1):
        with time_machine.travel(
            due_moment(checkins[day].due_on) + timedelta(minutes=1), tick=False
        ):
            run_tasks()
            run_tasks()
            taskqueue.periodic_pass()  # the sweeper finds nothing lost
        assert notices.count() == n, day
        latest = notices.order_by("-pk").first()
        assert latest.url == checkins[day].get_absolute_url()
        assert notification_kinds.title(latest) == (
            f"Your {day}-day check-in from Northside Alumni"
        )
    with time_machine.travel(due_moment(checkins[180].due_on) + timedelta(days=20), tick=False):
        run_tasks()
        taskqueue.periodic_pass()
    assert notices.count() == 3
    assert CheckIn.objects.filter(person=people.sam, notified_at__isnull=True).count() == 0


def test_the_sweeper_sends_a_check_in_whose_task_was_lost(people, graduate):
    """No task runs here (the test's transaction never commits): as if the worker lost them."""
    checkin = make_due(people.river, 30)
    moment = due_moment(checkin.due_on)
    assert services.sweep_due_checkins(moment + timedelta(minutes=30)) == 0  # its task may yet
    with time_machine.travel(moment + timedelta(hours=2), tick=False):
        outcomes = taskqueue.periodic_pass()
    assert outcomes["alumni.due_checkins"] == 1
    assert _due_notices(people.river).count() == 1
    assert services.sweep_due_checkins(moment + timedelta(hours=3)) == 0
    # The task arriving late tells nobody again.
    assert services.send_checkin(checkin.pk, moment + timedelta(hours=4)) == "already"
    assert _due_notices(people.river).count() == 1


def test_a_task_that_runs_early_waits(people, graduate):
    checkin = CheckIn.objects.get(person=people.river, day=90)
    assert services.send_checkin(checkin.pk) == "not yet"
    assert services.send_checkin(999_999) == "gone"
    assert not _due_notices(people.river).exists()


def test_someone_no_longer_enrolled_is_not_asked(people, graduate):
    checkin = make_due(people.river, 30)
    programs.discharge(people.casey, checkin.program, people.river)
    later = due_moment(checkin.due_on) + timedelta(hours=2)
    assert services.send_checkin(checkin.pk, later) == "not enrolled"
    assert services.sweep_due_checkins(later) == 0
    assert not _due_notices(people.river).exists()


def test_a_check_in_long_past_is_not_sent(people, graduate):
    checkin = make_due(people.river, 30, days_ago=45)
    assert services.send_checkin(checkin.pk) == "stale"
    assert services.sweep_due_checkins() == 0


def test_an_answered_check_in_is_not_sent(people, graduate):
    checkin = make_due(people.river, 30)
    services.answer_checkin(people.river, checkin, answer="well")
    assert services.send_checkin(checkin.pk, due_moment(checkin.due_on)) == "already"


# --- Answering ----------------------------------------------------------------------------------


def test_river_answers_doing_well(people, graduate, signed_in):
    checkin = make_due(people.river, 30)
    river = signed_in(people.river)
    page = river.get(checkin.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your 30-day check-in" in html
    for words in ("Doing well", "Finding it hard", "I&#x27;d like someone to call me"):
        assert words in html
    response = river.post(checkin.get_absolute_url(), {"answer": "well", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("alumni-mine")
    assert "Thank you for checking in." in river.get(response["Location"]).content.decode()
    checkin.refresh_from_db()
    assert checkin.answer == "well" and checkin.answered_at is not None
    # Staff are not told of a good day.
    assert not Notification.objects.filter(kind__startswith="alumni.").exists()
    again = river.get(checkin.get_absolute_url()).content.decode()
    assert "You answered “Doing well”" in again


@pytest.mark.parametrize(
    ("answer", "kind", "title"),
    [
        (
            "call",
            "alumni.asked_for_call",
            "river would like someone to call them (30-day check-in)",
        ),
        ("hard", "alumni.finding_it_hard", "river is finding it hard (30-day check-in)"),
    ],
)
def test_finding_it_hard_or_asking_for_a_call_tells_the_staff(
    people, graduate, signed_in, answer, kind, title
):
    checkin = make_due(people.river, 30)
    river = signed_in(people.river)
    response = river.post(
        checkin.get_absolute_url(), {"answer": answer, "note": "My sister moved out, it is quiet."}
    )
    assert response.status_code == 302
    page = river.get(response["Location"]).content.decode()
    assert "The program&#x27;s staff have been told" in page
    told = Notification.objects.get(recipient=people.casey, kind__startswith="alumni.")
    assert told.kind == kind
    assert told.url == reverse("alumni-graduate", args=[checkin.program.slug, people.river.pk])
    assert notification_kinds.title(told) == title
    # Mail subjects and pushes say neither who nor what; no note anywhere in the notification.
    assert "river" not in notification_kinds.neutral_title(told)
    assert "sister" not in f"{told.params} {told.body} {notification_kinds.title(told)}"


def test_the_note_is_encrypted_at_rest(people, graduate):
    checkin = make_due(people.river, 30)
    services.answer_checkin(people.river, checkin, answer="hard", note="Cravings after work.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM alumni_checkin WHERE id = %s", [checkin.pk])
        raw = cursor.fetchone()[0]
    assert "Cravings" not in raw
    assert CheckIn.objects.get(pk=checkin.pk).note == "Cravings after work."


def test_a_note_that_sounds_like_crisis_shows_the_crisis_lines_and_stays_private(
    people, graduate, signed_in
):
    checkin = make_due(people.river, 30)
    river = signed_in(people.river)
    response = river.post(
        checkin.get_absolute_url(), {"answer": "well", "note": URGENT_TEXT}, follow=True
    )
    page = response.content.decode()
    assert "988" in page
    assert "You don't have to carry this alone" in page
    # Private writing: no alert for on-duty staff; a "Doing well" tells the program nothing.
    assert not Alert.objects.exists()
    assert (
        not Notification.objects.exclude(recipient=people.river)
        .filter(kind__startswith="alumni.")
        .exists()
    )


def test_a_check_in_is_answered_once(people, graduate, signed_in):
    checkin = make_due(people.river, 30)
    services.answer_checkin(people.river, checkin, answer="well")
    with pytest.raises(Refused):
        services.answer_checkin(people.river, checkin, answer="call")
    response = signed_in(people.river).post(checkin.get_absolute_url(), {"answer": "call"})
    assert response.status_code == 400
    assert "You already answered this check-in." in response.content.decode()
    assert CheckIn.objects.get(pk=checkin.pk).answer == "well"


def test_bad_answers_are_refused(people, graduate, signed_in):
    checkin = make_due(people.river, 30)
    river = signed_in(people.river)
    for data, field in (
        ({"note": ""}, "answer"),
        ({"answer": "fine"}, "answer"),
        ({"answer": "well", "note": "x" * 1001}, "note"),
        ({"answer": "well", "note": "bad\x07char"}, "note"),
    ):
        response = river.post(checkin.get_absolute_url(), data)
        assert response.status_code == 400, data
        assert response.context["form"].errors.get(field), data
    with pytest.raises(Refused):
        services.answer_checkin(people.river, checkin, answer="maybe")
    assert CheckIn.objects.get(pk=checkin.pk).answered_at is None


def test_a_check_in_opens_on_its_day_for_its_graduate_only(people, graduate, signed_in):
    not_yet = CheckIn.objects.get(person=people.river, day=90)
    assert signed_in(people.river).get(not_yet.get_absolute_url()).status_code == 404
    with pytest.raises(Refused):
        services.answer_checkin(people.river, not_yet, answer="well")
    due = make_due(people.river, 30)
    for person in (people.sam, people.casey, people.alex):
        assert signed_in(person).get(due.get_absolute_url()).status_code == 404
        with pytest.raises(NotFound):
            services.answer_checkin(person, due, answer="well")


def test_my_aftercare_shows_what_waits(people, graduate, signed_in):
    due = make_due(people.river, 30)
    page = signed_in(people.river).get(reverse("alumni-mine")).content.decode()
    assert "Northside Alumni" in page
    assert due.get_absolute_url() in page
    assert "Graduates, March 2026" in page
    program_page = signed_in(people.river).get(due.program.get_absolute_url()).content.decode()
    assert "Your 30-day check-in is waiting" in program_page
    # Someone in no alumni program sees how to join.
    empty = signed_in(people.sam).get(reverse("alumni-mine")).content.decode()
    assert "You are not in an alumni program yet." in empty
    assert reverse("alumni-join") in empty


# --- Staff --------------------------------------------------------------------------------------


def test_staff_see_who_is_due_and_who_is_overdue(people, cohort, signed_in):
    for handle in ("river", "sam", "jo"):
        services.add_graduate(people.casey, cohort, handle)
    make_due(people.river, 30, days_ago=2)  # due
    make_due(people.sam, 30, days_ago=20)  # overdue
    coming = make_due(people.jo, 30, days_ago=-3)  # coming up in three days
    answered = make_due(people.jo, 90, days_ago=1)
    services.answer_checkin(people.jo, answered, answer="call")
    due = services.due_list(people.casey, cohort.program)
    assert [(c.person.handle, c.day, c.status) for c in due] == [
        ("sam", 30, "overdue"),
        ("river", 30, "due"),
        ("jo", 30, "coming"),
    ]
    assert coming in due
    page = signed_in(people.casey).get(reverse("alumni-followups", args=[cohort.program.slug]))
    html = page.content.decode()
    assert "Overdue" in html and "Coming up" in html
    asking = page.context["asking"]
    assert [(c.person.handle, c.answer) for c in asking] == [("jo", "call")]
    assert services.due_count(people.casey, cohort.program) == 2
    # Someone who left the program drops off the list.
    programs.discharge(people.casey, cohort.program, people.sam)
    assert [c.person.handle for c in services.due_list(people.casey, cohort.program)] == [
        "river",
        "jo",
    ]


def test_only_staff_see_the_follow_ups(people, graduate, signed_in):
    url = reverse("alumni-followups", args=["northside-alumni"])
    for person in (people.river, people.sam, people.jo, people.morgan):
        assert signed_in(person).get(url).status_code == 404
    with pytest.raises(Refused):
        services.due_list(people.river, graduate.space_memberships.first().space.program)


def test_staff_reading_the_notes_is_recorded_and_river_can_see_it(people, graduate, signed_in):
    checkin = make_due(people.river, 30)
    services.answer_checkin(people.river, checkin, answer="hard", note="Cravings after work.")
    page = signed_in(people.casey).get(
        reverse("alumni-graduate", args=[checkin.program.slug, people.river.pk])
    )
    assert page.status_code == 200
    assert "Cravings after work." in page.content.decode()
    event = AuditEvent.objects.get(action="alumni.read_checkins")
    assert event.actor == people.casey and event.subject == people.river
    looked = audit.reads_about(people.river)
    assert [e.what_was_read for e in looked] == ["aftercare check-in answers"]


def test_a_closed_program_asks_nobody(people, alumni, graduate):
    checkin = make_due(people.river, 30)
    programs.close_program(people.alex, alumni)
    later = due_moment(checkin.due_on) + timedelta(hours=2)
    assert services.sweep_due_checkins(later) == 0
    assert services.send_checkin(checkin.pk, later) == "not enrolled"
    assert not _due_notices(people.river).exists()
    assert services.waiting_for(people.river) == []


def test_the_programs_page_tells_staff_how_many_are_due(people, alumni, cohort, signed_in):
    for handle in ("river", "sam"):
        services.add_graduate(people.casey, cohort, handle)
        make_due(getattr(people, handle), 30, days_ago=1)
    make_due(people.sam, 90, days_ago=-2)  # coming up: not counted as due yet
    page = signed_in(people.casey).get(alumni.get_absolute_url()).content.decode()
    assert "2 due" in page
    assert "Alumni who want to give back" in page


def test_staff_reading_a_graduate_with_no_answers_records_nothing(people, graduate, signed_in):
    page = signed_in(people.casey).get(
        reverse("alumni-graduate", args=["northside-alumni", people.river.pk])
    )
    assert page.status_code == 200
    assert "not due yet" in page.content.decode()
    assert not AuditEvent.objects.filter(action="alumni.read_checkins").exists()
