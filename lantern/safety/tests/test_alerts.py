import re

import pytest
from django.urls import reverse

from lantern.accounts.models import User
from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent, Notification
from lantern.safety import services
from lantern.safety.contexts import Context
from lantern.safety.models import Alert, SafetySettings

URGENT_TEXT = "i have the pills counted out, tonight is the night"


@pytest.fixture
def on_duty(people):
    services.start_shift(people.morgan, "moderator", 4)
    services.start_shift(people.casey, "specialist", 4)
    return people


def test_urgent_writing_in_a_shared_space_alerts_staff_on_duty(on_duty):
    people = on_duty
    outcome = services.check_text(people.river, URGENT_TEXT, Context.POST, source_url="/c/1/")
    assert outcome.assessment.level == "urgent"
    assert outcome.show_crisis_resources  # the author sees crisis lines at once
    assert outcome.hold  # held for review by default
    alert = outcome.alert
    assert alert.author == people.river and alert.context == "post"
    for person in (people.morgan, people.casey):
        n = Notification.objects.get(recipient=person, kind="safety.alert")
        assert n.urgent and n.url == f"/safety/alerts/{alert.pk}/"
        assert URGENT_TEXT not in n.title + n.body_text  # the text stays in the alert
    assert not Notification.objects.filter(recipient=people.sam).exists()


def test_the_hold_follows_the_admin_setting(on_duty):
    SafetySettings.objects.update_or_create(pk=1, defaults={"hold_urgent_posts": False})
    assert not services.check_text(on_duty.river, URGENT_TEXT, Context.POST).hold


def test_urgent_private_writing_tells_nobody_unless_the_member_opted_in(on_duty):
    people = on_duty
    services.add_to_circle(people.river, "sam")
    Notification.objects.all().delete()
    outcome = services.check_text(people.river, URGENT_TEXT, Context.JOURNAL)
    assert outcome.show_crisis_resources and outcome.alert is None
    assert not Notification.objects.exists()
    assert not Alert.objects.exists()

    prefs = services.circle_preferences(people.river)
    prefs.tell_circle_when_urgent = True
    prefs.save()
    services.check_text(people.river, URGENT_TEXT, Context.JOURNAL)
    n = Notification.objects.get(recipient=people.sam)
    assert n.title == "river may need someone to check on them"
    assert "pills" not in n.title + n.body_text  # never the private text


def test_ordinary_writing_changes_nothing(on_duty):
    outcome = services.check_text(on_duty.river, "grateful for my home group tonight", Context.POST)
    assert outcome.assessment.level == "none" and not outcome.show_crisis_resources
    assert outcome.alert is None and not outcome.hold


def test_staff_acknowledge_note_and_resolve_an_alert(on_duty, signed_in):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, Context.POST).alert
    morgan = signed_in(people.morgan)
    page = morgan.get(f"/safety/alerts/{alert.pk}/").content.decode()
    assert "pills counted out" in page
    assert AuditEvent.objects.filter(action="alert.view", actor=people.morgan).exists()
    morgan.post(f"/safety/alerts/{alert.pk}/acknowledge/")
    alert.refresh_from_db()
    assert alert.status == Alert.Status.ACKNOWLEDGED and alert.owner == people.morgan
    morgan.post(f"/safety/alerts/{alert.pk}/note/", {"text": "Messaged river, she is safe."})
    morgan.post(f"/safety/alerts/{alert.pk}/resolve/", {"text": "Connected her with 988."})
    alert.refresh_from_db()
    assert alert.status == Alert.Status.RESOLVED
    assert [n.text for n in alert.notes.all()] == [
        "Messaged river, she is safe.",
        "Connected her with 988.",
    ]
    assert "river" not in morgan.get("/safety/alerts/").content.decode()  # open list is empty
    assert "river" in morgan.get("/safety/alerts/?show=resolved").content.decode()


def test_members_and_supporters_cannot_see_alerts(on_duty, signed_in):
    alert = services.check_text(on_duty.river, URGENT_TEXT, Context.POST).alert
    for person in (on_duty.river, on_duty.sam, on_duty.jo):
        assert signed_in(person).get(f"/safety/alerts/{alert.pk}/").status_code == 404
        assert signed_in(person).get("/safety/alerts/").status_code == 404


def test_metrics_count_alerts_and_reach_outs(on_duty, signed_in):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, Context.POST).alert
    services.acknowledge_alert(people.morgan, alert)
    services.start_reach_out(people.sam)
    m = services.metrics(people.casey)
    assert m["alerts_by_level"] == {"urgent": 1}
    assert m["alert_median_minutes_to_acknowledge"] is not None
    assert m["reach_outs"] == 1 and m["reach_outs_unclaimed"] == 1
    page = signed_in(people.casey).get("/safety/metrics/").content.decode()
    assert "Median minutes to acknowledge an alert" in page
    assert signed_in(people.jo).get("/safety/metrics/").status_code == 404


def test_only_the_people_who_work_alerts_may_act_on_one(on_duty):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, Context.POST).alert
    for person in (people.river, people.sam, people.jo):
        for act in (services.read_alert, services.acknowledge_alert, services.resolve_alert):
            with pytest.raises(NotFound):
                act(person, alert)
        with pytest.raises(NotFound):
            services.add_alert_note(person, alert, "a note")
        with pytest.raises(NotFound):
            services.metrics(person)
    with pytest.raises(Refused, match=re.escape("Write a note of up to 4,000 characters.")):
        services.add_alert_note(people.casey, alert, "   ")
    assert not AuditEvent.objects.filter(action__startswith="alert.").exists()


def test_reading_an_alert_is_audited_in_the_writers_who_looked(on_duty):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, Context.POST).alert
    services.read_alert(people.casey, alert)
    event = AuditEvent.objects.get(action="alert.view")
    assert (event.actor, event.subject) == (people.casey, people.river)


def test_an_alert_says_where_it_was_written_and_links_with_reverse(on_duty, signed_in):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, Context.REPLY).alert
    assert alert.context == Context.REPLY.value == "reply"
    n = Notification.objects.get(recipient=people.casey, kind="safety.alert")
    assert n.url == reverse("safety-alert", kwargs={"pk": alert.pk})
    assert n.about == f"safety.alert:{alert.pk}" and n.actor is None  # the writer is not named
    assert n.neutral_title == "Urgent: someone may need help now"
    page = signed_in(people.casey).get(reverse("safety-alerts")).content.decode()
    assert "reply by river" in page


def test_the_alert_lists_ask_the_same_few_queries_however_many_alerts(
    on_duty, signed_in, django_assert_max_num_queries
):
    people = on_duty
    for n in range(24):
        writer = User.objects.create_user(f"writer{n}", "pw-long-enough-1")
        alert = services.check_text(writer, URGENT_TEXT, Context.POST).alert
        if n % 3 == 0:
            services.acknowledge_alert(people.casey, alert)
        if n % 4 == 0:
            services.resolve_alert(people.morgan, alert, "called them")
    morgan = signed_in(people.morgan)
    for show, expected in (("open", 18), ("resolved", 6)):
        url = reverse("safety-alerts") + f"?show={show}"
        morgan.get(url)
        with django_assert_max_num_queries(10):
            page = morgan.get(url).content.decode()
        assert page.count('class="alert-') == expected
        assert "post by writer" in page  # each writer named, without a query apiece
    assert "(casey)" in morgan.get(reverse("safety-alerts")).content.decode()
