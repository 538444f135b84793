"""Settings → Crisis lines and Settings → On-duty roster: alex, the administrator, keeps the
numbers on the help page right for his community, in each language, and puts peers on duty ahead
of time, all inside Lantern. The help page and the reach-out path follow at once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.safety import services
from lantern.safety.models import CrisisResource, ReachOutRecipient, SafetySettings, Shift

CHICAGO = ZoneInfo("America/Chicago")


def line_form(**changes):
    fields = {
        "kind": "helpline",
        "name": "",
        "description": "",
        "phone": "",
        "phone_label": "",
        "sms": "",
        "sms_body": "",
        "sms_label": "",
        "url": "",
        "order": "100",
        "active": "on",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v}


def test_alex_adds_the_local_warmline_and_it_is_on_the_help_page_in_that_language(
    client, people, signed_in
):
    alex = signed_in(people.alex)
    listed = alex.get(reverse("safety-manage-crisis-lines")).content.decode()
    assert "988 Suicide &amp; Crisis Lifeline" in listed
    assert "988 Línea de Prevención del Suicidio y Crisis" in listed

    saved = alex.post(
        reverse("safety-manage-crisis-line-new", args=["es"]),
        line_form(
            name="Línea cálida de Northside",
            description="Pares en recuperación, de 6 p. m. a medianoche.",
            phone="+13125550199",
            phone_label="Llama a la línea cálida",
            order="25",
        ),
    )

    assert saved.status_code == 302
    spanish = client.get(reverse("safety-help"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'href="tel:+13125550199">Llama a la línea cálida</a>' in spanish
    english = client.get(reverse("safety-help"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "tel:+13125550199" not in english


def test_changing_a_number_changes_it_everywhere_it_is_shown(client, people, signed_in):
    line = CrisisResource.objects.get(locale="en", name="SAMHSA National Helpline")
    alex = signed_in(people.alex)
    alex.post(
        reverse("safety-manage-crisis-line", args=[line.pk]),
        line_form(
            kind="helpline",
            name="SAMHSA National Helpline",
            phone="+18006624357",
            phone_label="Call SAMHSA",
            order="30",
        ),
    )

    page = client.get(reverse("safety-help")).content.decode()
    assert 'href="tel:+18006624357">Call SAMHSA</a>' in page
    api = client.get("/api/v1/safety/crisis-resources").json()
    assert "Call SAMHSA" in [entry["phone_label"] for entry in api]


def test_a_line_nobody_can_reach_is_refused_and_what_was_typed_stays(people, signed_in):
    alex = signed_in(people.alex)
    page = alex.post(
        reverse("safety-manage-crisis-line-new", args=["en"]),
        line_form(name="Warmline with no number", description="Kept words"),
    ).content.decode()

    assert "Give a number to call, a number to text, or a web address." in page
    assert "Warmline with no number" in page and "Kept words" in page
    assert not CrisisResource.objects.filter(name="Warmline with no number").exists()


def test_the_last_line_of_a_language_cannot_be_hidden(people, signed_in):
    spanish = list(CrisisResource.objects.filter(locale="es"))
    for line in spanish[1:]:
        line.active = False
        line.save()
    last = spanish[0]
    alex = signed_in(people.alex)

    page = alex.post(
        reverse("safety-manage-crisis-line", args=[last.pk]),
        line_form(kind=last.kind, name=last.name, phone=last.phone, active=""),
    ).content.decode()

    assert "This is the last line shown in this language" in page
    last.refresh_from_db()
    assert last.active


def test_alex_puts_jo_on_duty_for_tonight_and_a_reach_out_then_reaches_jo(people, signed_in):
    tonight = datetime(2026, 12, 2, 18, 0, tzinfo=CHICAGO)
    with time_machine.travel(tonight - timedelta(hours=20), tick=False):
        alex = signed_in(people.alex)
        saved = alex.post(
            reverse("safety-manage-roster"),
            {"handle": "jo", "role": "supporter", "starts_at": "2026-12-02T18:00", "hours": "4"},
        )
        assert saved.status_code == 302
        roster = alex.get(reverse("safety-manage-roster")).content.decode()
        assert ">jo</a> · Supporter" in roster
        assert people.jo not in services.on_duty("supporter")

    with time_machine.travel(tonight + timedelta(minutes=30), tick=False):
        assert people.jo in services.on_duty("supporter")
        reach_out = services.start_reach_out(people.river, "can't sleep, want to use")
        assert ReachOutRecipient.objects.filter(reach_out=reach_out, person=people.jo).exists()


def test_the_roster_refuses_a_role_the_person_does_not_hold_and_an_unknown_handle(
    people, signed_in
):
    alex = signed_in(people.alex)
    soon = (timezone.now() + timedelta(hours=2)).astimezone(CHICAGO).strftime("%Y-%m-%dT%H:%M")

    wrong_role = alex.post(
        reverse("safety-manage-roster"),
        {"handle": "river", "role": "supporter", "starts_at": soon, "hours": "2"},
    ).content.decode()
    assert "river does not hold that role." in wrong_role
    nobody = alex.post(
        reverse("safety-manage-roster"),
        {"handle": "nobody_here", "role": "supporter", "starts_at": soon, "hours": "2"},
    ).content.decode()
    assert "Nobody on Lantern has that handle." in nobody
    too_long = alex.post(
        reverse("safety-manage-roster"),
        {"handle": "jo", "role": "supporter", "starts_at": soon, "hours": "30"},
    ).content.decode()
    assert "Ensure this value is less than or equal to 12" in too_long
    assert not Shift.objects.exists()


def test_ending_a_shift_now_and_taking_a_later_one_off_the_roster(people, signed_in):
    now = timezone.now()
    under_way = Shift.objects.create(
        person=people.jo,
        role="supporter",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
    )
    later = Shift.objects.create(
        person=people.jo,
        role="supporter",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=4),
    )
    alex = signed_in(people.alex)

    alex.post(reverse("safety-manage-roster-cancel", args=[under_way.pk]))
    alex.post(reverse("safety-manage-roster-cancel", args=[later.pk]))

    under_way.refresh_from_db()
    assert under_way.ends_at <= timezone.now()
    assert people.jo not in services.on_duty("supporter")
    assert not Shift.objects.filter(pk=later.pk).exists()


def test_the_roster_page_costs_the_same_for_a_busy_week(
    people, signed_in, django_assert_max_num_queries
):
    now = timezone.now()
    for hour in range(0, 7 * 24, 4):
        for person in (people.jo, people.casey):
            Shift.objects.create(
                person=person,
                role="supporter" if person == people.jo else "specialist",
                starts_at=now + timedelta(hours=hour),
                ends_at=now + timedelta(hours=hour + 4),
            )
    alex = signed_in(people.alex)
    with django_assert_max_num_queries(12):
        page = alex.get(reverse("safety-manage-roster")).content.decode()
    assert page.count("Take jo's shift off the roster") >= 40


def test_alex_gives_needs_a_look_half_an_hour_and_refuses_zero_minutes(people, signed_in):
    alex = signed_in(people.alex)
    fields = {
        "reach_out_escalation_minutes": "5",
        "alert_response_minutes": "5",
        "review_minutes": "30",
        "hold_urgent_posts": "on",
    }
    assert alex.post(reverse("safety-manage-net"), fields).status_code == 302
    assert SafetySettings.current().review_minutes == 30

    page = alex.post(
        reverse("safety-manage-net"), {**fields, "alert_response_minutes": "0"}
    ).content.decode()
    assert "Between 1 minute and a day (1440 minutes)." in page
    assert SafetySettings.current().alert_response_minutes == 5
