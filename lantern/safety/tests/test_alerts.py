import pytest

from lantern.core.models import AuditEvent, Notification
from lantern.safety import services
from lantern.safety.models import Alert, SafetySettings

URGENT_TEXT = "i have the pills counted out, tonight is the night"


@pytest.fixture
def on_duty(people):
    services.start_shift(people.morgan, "moderator", 4)
    services.start_shift(people.casey, "specialist", 4)
    return people


def test_urgent_writing_in_a_shared_space_alerts_staff_on_duty(on_duty):
    people = on_duty
    outcome = services.check_text(people.river, URGENT_TEXT, "post", source_url="/c/1/")
    assert outcome.assessment.level == "urgent"
    assert outcome.show_resources  # the author sees crisis lines at once
    assert outcome.hold  # held for review by default
    alert = outcome.alert
    assert alert.author == people.river and alert.context == "post"
    for person in (people.morgan, people.casey):
        n = Notification.objects.get(recipient=person, kind="safety.alert")
        assert n.urgent and n.url == f"/safety/alerts/{alert.pk}/"
        assert URGENT_TEXT not in n.title + n.body  # the text stays in the alert
    assert not Notification.objects.filter(recipient=people.sam).exists()


def test_the_hold_follows_the_admin_setting(on_duty):
    SafetySettings.objects.update_or_create(pk=1, defaults={"hold_urgent_posts": False})
    assert not services.check_text(on_duty.river, URGENT_TEXT, "post").hold


def test_urgent_private_writing_tells_nobody_unless_the_member_opted_in(on_duty):
    people = on_duty
    services.add_to_circle(people.river, "sam")
    Notification.objects.all().delete()
    outcome = services.check_text(people.river, URGENT_TEXT, "journal")
    assert outcome.show_resources and outcome.alert is None
    assert not Notification.objects.exists()
    assert not Alert.objects.exists()

    prefs = services.circle_preferences(people.river)
    prefs.tell_circle_when_urgent = True
    prefs.save()
    services.check_text(people.river, URGENT_TEXT, "journal")
    n = Notification.objects.get(recipient=people.sam)
    assert n.title == "river may need someone to check on them"
    assert "pills" not in n.title + n.body  # never the private text


def test_ordinary_writing_changes_nothing(on_duty):
    outcome = services.check_text(on_duty.river, "grateful for my home group tonight", "post")
    assert outcome.assessment.level == "none" and not outcome.show_resources
    assert outcome.alert is None and not outcome.hold


def test_staff_acknowledge_note_and_resolve_an_alert(on_duty, signed_in):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, "post").alert
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
    alert = services.check_text(on_duty.river, URGENT_TEXT, "post").alert
    for person in (on_duty.river, on_duty.sam, on_duty.jo):
        assert signed_in(person).get(f"/safety/alerts/{alert.pk}/").status_code == 404
        assert signed_in(person).get("/safety/alerts/").status_code == 404


def test_metrics_count_alerts_and_reach_outs(on_duty, signed_in):
    people = on_duty
    alert = services.check_text(people.river, URGENT_TEXT, "post").alert
    services.acknowledge_alert(alert, people.morgan)
    services.start_reach_out(people.sam)
    m = services.metrics()
    assert m["alerts_by_level"] == {"urgent": 1}
    assert m["alert_median_minutes_to_acknowledge"] is not None
    assert m["reach_outs"] == 1 and m["reach_outs_unclaimed"] == 1
    page = signed_in(people.casey).get("/safety/metrics/").content.decode()
    assert "Median minutes to acknowledge an alert" in page
    assert signed_in(people.jo).get("/safety/metrics/").status_code == 404
