"""The daily check-in: quick, one per day, editable that day, private, and safe."""

import datetime

import time_machine
from django.db import connection

from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.meetings.models import Attendance, Meeting
from lantern.meetings.services import import_feed, record_attendance
from lantern.meetings.tests.test_import import GOOD
from lantern.recovery import services
from lantern.recovery.models import CheckIn, Nudge
from lantern.safety import services as safety

NOW = datetime.datetime(2026, 11, 24, 4, 30, tzinfo=datetime.UTC)  # 23 Nov 22:30 in Chicago
URGENT_TEXT = "i have the pills counted out, tonight is the night"


def chicago(people):
    for person in people:
        person.time_zone = "America/Chicago"
        person.save()


def test_a_check_in_is_saved_for_today_on_the_members_own_calendar(people, signed_in):
    chicago(people)
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        page = river.get("/recovery/checkin/").content.decode()
        assert 'type="range"' in page and 'name="mood"' in page and 'name="craving"' in page
        response = river.post(
            "/recovery/checkin/",
            {
                "mood": "4",
                "craving": "2",
                "triggers": ["stress", "tiredness"],
                "sleep": "ok",
                "medication": "yes",
                "gratitude": "my sponsor",
                "note": "long shift",
            },
        )
        assert response.status_code == 302
    checkin = CheckIn.objects.get(member=people.river)
    assert checkin.day == datetime.date(2026, 11, 23)  # not UTC's 24th
    assert (checkin.mood, checkin.craving, checkin.medication_taken) == (4, 2, True)
    assert checkin.triggers == ["stress", "tiredness"]
    assert checkin.note == "long shift"


def test_notes_and_gratitude_are_stored_encrypted(people):
    checkin = services.save_checkin(
        people.river, mood=3, craving=1, gratitude="my daughter", note="argued with mum"
    ).obj
    with connection.cursor() as cursor:
        cursor.execute("SELECT note, gratitude FROM recovery_checkin WHERE id = %s", [checkin.pk])
        note, gratitude = cursor.fetchone()
    assert "argued" not in note and "daughter" not in gratitude
    assert note.startswith("gAAAA")  # a Fernet token
    assert CheckIn.objects.get(pk=checkin.pk).note == "argued with mum"


def test_out_of_range_sliders_are_refused_and_the_form_keeps_what_was_typed(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        "/recovery/checkin/", {"mood": "9", "craving": "-1", "note": "rough day at work"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("Choose a number from") == 2
    assert "rough day at work" in page
    assert 'aria-invalid="true"' in page
    assert not CheckIn.objects.exists()


def test_a_second_check_in_for_the_day_is_refused_then_changes_todays(people, signed_in):
    river = signed_in(people.river)
    river.post("/recovery/checkin/", {"mood": "2", "craving": "5", "note": "first"})
    # Another tab, opened before the first save: it posts a new check-in.
    response = river.post("/recovery/checkin/", {"mood": "4", "craving": "1", "note": "second"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have already checked in today." in page
    assert "second" in page  # what they typed is still there
    assert CheckIn.objects.get().note == "first"  # and nothing was lost
    checkin_id = CheckIn.objects.get().pk
    assert f'name="checkin_id" value="{checkin_id}"' in page
    river.post(
        "/recovery/checkin/",
        {"mood": "4", "craving": "1", "note": "second", "checkin_id": checkin_id},
    )
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.note) == (4, "second")


def test_yesterdays_check_in_can_no_longer_be_changed(people):
    with time_machine.travel(NOW - datetime.timedelta(days=1), tick=False):
        checkin = services.save_checkin(people.river, mood=3, craving=1).obj
    with time_machine.travel(NOW, tick=False):
        try:
            services.save_checkin(people.river, mood=5, craving=0, checkin=checkin)
        except Refused as exc:
            assert "earlier days cannot be changed" in str(exc)
        else:
            raise AssertionError("yesterday's check-in changed")
    assert CheckIn.objects.get().mood == 3


def test_meetings_logged_today_are_linked_to_the_check_in(people, signed_in):
    import_feed([GOOD], source="t")
    attendance = record_attendance(
        people.river, Meeting.objects.get(), services.today_for(people.river)
    )
    river = signed_in(people.river)
    page = river.get("/recovery/checkin/").content.decode()
    assert "Sunday Serenity" in page
    river.post(
        "/recovery/checkin/",
        {"mood": "4", "craving": "0", "meetings": [attendance.pk], "other_meetings": "1"},
    )
    checkin = CheckIn.objects.get()
    assert list(checkin.meetings.all()) == [attendance] and checkin.meetings_count == 2
    assert Attendance.objects.count() == 1


def test_a_note_that_sounds_like_crisis_shows_crisis_lines_on_the_next_page(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        "/recovery/checkin/", {"mood": "1", "craving": "3", "note": URGENT_TEXT}, follow=True
    )
    page = response.content.decode()
    assert "You don't have to carry this alone" in page
    assert "988" in page
    assert "/safety/reach-out/" in page
    # Shown once: the page after that is calm again.
    assert "carry this alone" not in river.get("/recovery/trends/").content.decode()
    # Private writing: nobody is told, no alert is raised.
    assert not Notification.objects.exclude(recipient=people.river).exists()


def test_three_days_of_strong_cravings_offer_a_reach_out_and_tell_the_circle_if_allowed(
    people, signed_in
):
    safety.add_to_circle(people.river, "jo")
    Notification.objects.all().delete()
    for days_ago in (2, 1):
        with time_machine.travel(NOW - datetime.timedelta(days=days_ago), tick=False):
            services.save_checkin(people.river, mood=2, craving=9)
    with time_machine.travel(NOW, tick=False):
        river = signed_in(people.river)
        response = river.post("/recovery/checkin/", {"mood": "2", "craving": "8"})
        assert response["Location"] == "/recovery/"
        page = river.get("/recovery/").content.decode()
    assert "Your cravings have been strong three days in a row" in page
    assert "/safety/reach-out/" in page
    assert Nudge.objects.get().kind == "cravings"
    assert not Notification.objects.filter(recipient=people.jo).exists()  # not opted in

    prefs = safety.circle_preferences(people.river)
    prefs.tell_circle_when_elevated = True
    prefs.save()
    Nudge.objects.all().delete()
    with time_machine.travel(NOW, tick=False):
        services.save_checkin(
            people.river, mood=2, craving=9, checkin=CheckIn.objects.latest("day")
        )
    told = Notification.objects.get(recipient=people.jo)
    assert told.title == "river may need someone to check on them"
    assert "9" not in told.title + told.body  # never the numbers or the text


def test_silence_after_a_new_start_gently_offers_a_reach_out(people, signed_in):
    start = datetime.datetime(2026, 11, 10, 18, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        counter = services.start_counter(people.river, "alcohol", datetime.date(2026, 9, 1))
        services.new_start(people.river, counter, datetime.date(2026, 11, 10))
    with time_machine.travel(start + datetime.timedelta(days=2), tick=False):
        assert services.check_silence(people.river) is None  # two days: not yet
    with time_machine.travel(start + datetime.timedelta(days=4), tick=False):
        # What the task worker runs (the new start scheduled it; see test_nudges.py).
        assert services.run_silence_check(people.river.pk) == "nudged"
        page = signed_in(people.river).get("/recovery/").content.decode()
    assert "We have missed your check-ins" in page
    assert "Reach out to someone" in page
    assert Nudge.objects.filter(kind="silence").count() == 1


def test_the_check_in_speaks_spanish(people, signed_in):
    people.river.language = "es"
    people.river.save()
    river = signed_in(people.river)
    river.cookies["django_language"] = "es"
    page = river.get("/recovery/checkin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "¿Cómo estás hoy?" in page and "Guardar registro" in page and "Soledad" in page


def test_without_javascript_no_number_beside_a_slider_can_disagree_with_it(people, signed_in):
    """Issue 13: with JavaScript off the label said "Mood: 1" while the slider sat at 4. The
    number beside the label is now hidden until checkin.js fills it in and keeps it in step;
    the scale under the slider names the positions."""
    river = signed_in(people.river)
    services.save_checkin(people.river, mood=4, craving=7)
    page = river.get("/recovery/checkin/").content.decode()
    for field, value in (("mood", 4), ("craving", 7)):
        assert f'<span class="range-shown" hidden>: <output id="id_{field}_value"' in page
        assert f'for="id_{field}" class="range-value"></output></span>' in page  # empty
        assert f'name="{field}" value="{value}"' in page
