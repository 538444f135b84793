"""A member's safety data leaves with her (export) and goes (erasure): her reach-outs and her
words in them, her circle; other people's notifications about her go with her account."""

import json

from django.urls import reverse

from lantern.conftest import PASSWORD
from lantern.core.models import Notification
from lantern.safety import demo, services
from lantern.safety.contexts import Context
from lantern.safety.models import Alert, ReachOut


def test_the_download_has_her_reach_outs_circle_and_choices(people, signed_in):
    services.add_to_circle(people.river, "jo")
    services.set_circle_preferences(
        people.river, tell_circle_when_urgent=True, tell_circle_when_elevated=False
    )
    reach_out = services.claim_reach_out(people.jo, services.start_reach_out(people.river, "help"))
    services.post_reach_out_message(people.river, reach_out, "my words")
    services.post_reach_out_message(people.jo, reach_out, "jo's words")
    data = json.loads(signed_in(people.river).get(reverse("accounts-export")).content)["safety"]
    [exported] = data["reach_outs"]
    assert exported["message"] == "help" and exported["status"] == "claimed"
    assert [m["text"] for m in exported["my_messages"]] == ["my words"]  # not jo's
    assert data["circle"] == ["jo"]
    assert data["circle_preferences"]["tell_circle_when_urgent"] is True


def test_erasure_takes_what_others_were_told_about_her(people, signed_in):
    services.add_to_circle(people.river, "jo")
    services.start_shift(people.casey, "specialist", 2)
    services.start_reach_out(people.river, "please")
    services.tell_circle(people.river)
    alert = services.check_text(people.river, "i want to kill myself tonight", Context.POST).alert
    services.add_to_circle(people.sam, "jo")  # sam's circle is sam's: it stays
    assert Notification.objects.filter(recipient=people.jo).count() == 4
    signed_in(people.river).post(reverse("accounts-erase"), {"password": PASSWORD})
    assert not ReachOut.objects.exists()
    assert [n.actor for n in Notification.objects.filter(recipient=people.jo)] == [people.sam]
    assert not Notification.objects.filter(kind__startswith="safety.reach_out").exists()
    alert.refresh_from_db()
    assert alert.excerpt == "" and alert.author is None  # the staff record stays, her words go
    assert Notification.objects.filter(recipient=people.casey, kind="safety.alert").exists()


def test_the_demo_seed_puts_jo_and_casey_on_duty_and_jo_in_rivers_circle(people):
    demo.seed()
    demo.seed()  # safe to run again
    assert set(services.on_duty("supporter", "specialist")) == {people.jo, people.casey}
    assert services.circle_of(people.river) == [people.jo]
    assert Alert.objects.count() == 0
