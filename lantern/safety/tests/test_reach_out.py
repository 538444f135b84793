"""“I need someone now”, through the pages, as river, her circle (sam) and jo on duty see it."""

import pytest

from lantern.core.models import AuditEvent, Notification
from lantern.safety import services
from lantern.safety.models import ReachOut


@pytest.fixture
def setup(people):
    services.start_shift(people.jo, "supporter", 4)
    services.add_to_circle(people.river, "sam")
    return people


def test_a_member_reaches_out_and_the_first_to_answer_claims_it(setup, signed_in):
    people = setup
    river = signed_in(people.river)
    response = river.post("/safety/reach-out/", {"message": "bad night, need to talk"})
    reach_out = ReachOut.objects.get(member=people.river)
    assert response["Location"] == f"/safety/reach-outs/{reach_out.pk}/"
    page = river.get(response["Location"]).content.decode()
    assert "We have told people you need someone" in page
    assert 'href="tel:988"' in page  # crisis lines at every step

    # sam (circle) and jo (on duty) are told, urgently.
    for person in (people.sam, people.jo):
        n = Notification.objects.get(recipient=person, kind="safety.reach_out")
        assert n.urgent and n.url == f"/safety/reach-outs/{reach_out.pk}/"

    sam = signed_in(people.sam)
    assert sam.post(f"/safety/reach-outs/{reach_out.pk}/claim/").status_code == 302
    jo = signed_in(people.jo)
    jo_page = jo.post(f"/safety/reach-outs/{reach_out.pk}/claim/", follow=True).content.decode()
    assert "Someone is already with them." in jo_page
    assert "sam is with you." in jo_page
    assert "sam is with you." in river.get(f"/safety/reach-outs/{reach_out.pk}/").content.decode()


def test_the_member_and_the_one_who_claimed_talk_and_nobody_else_can_post(setup, signed_in):
    people = setup
    reach_out = services.start_reach_out(people.river)
    services.claim_reach_out(reach_out, people.sam)
    river, sam, jo = signed_in(people.river), signed_in(people.sam), signed_in(people.jo)
    url = f"/safety/reach-outs/{reach_out.pk}/"
    river.post(url + "message/", {"text": "thank you for picking up"})
    sam.post(url + "message/", {"text": "I'm here. Want to call?"})
    assert jo.post(url + "message/", {"text": "me too"}).status_code == 404
    page = river.get(url).content.decode()
    assert "thank you for picking up" in page and "I&#x27;m here. Want to call?" in page
    assert "me too" not in page
    # An empty message is refused with a reason and stores nothing.
    response = river.post(url + "message/", {"text": "   "}, follow=True)
    assert "Write a message" in response.content.decode()
    assert reach_out.messages.count() == 2


def test_people_who_were_not_asked_cannot_see_a_reach_out(setup, signed_in):
    people = setup
    reach_out = services.start_reach_out(people.river, "private words")
    url = f"/safety/reach-outs/{reach_out.pk}/"
    assert signed_in(people.morgan).get(url).status_code == 404
    # A specialist may (they can be escalated to at any time); the read is audited.
    assert signed_in(people.casey).get(url).status_code == 200
    assert AuditEvent.objects.filter(
        action="reach_out.view", actor=people.casey, subject=people.river
    ).exists()


def test_reaching_out_twice_keeps_one_open_request(setup, signed_in):
    people = setup
    river = signed_in(people.river)
    river.post("/safety/reach-out/", {})
    river.post("/safety/reach-out/", {})
    assert ReachOut.objects.filter(member=people.river).count() == 1


def test_the_member_closes_it_when_they_are_ok(setup, signed_in):
    people = setup
    reach_out = services.start_reach_out(people.river)
    river = signed_in(people.river)
    river.post(f"/safety/reach-outs/{reach_out.pk}/close/")
    reach_out.refresh_from_db()
    assert reach_out.status == ReachOut.Status.CLOSED


def test_the_page_refreshes_itself_with_htmx_and_works_without(setup, signed_in):
    people = setup
    reach_out = services.start_reach_out(people.river)
    river = signed_in(people.river)
    full = river.get(f"/safety/reach-outs/{reach_out.pk}/").content.decode()
    assert 'hx-trigger="every 5s"' in full
    assert ">Refresh</a>" in full  # the no-JavaScript way
    partial = river.get(f"/safety/reach-outs/{reach_out.pk}/", HTTP_HX_REQUEST="true")
    assert partial.content.decode().startswith('<div id="reach-out-live">')


def test_circle_add_remove_and_clear_errors(people, signed_in):
    river = signed_in(people.river)
    assert (
        b"Nobody on Lantern has the handle ghost"
        in river.post("/safety/circle/", {"handle": "ghost"}).content
    )
    assert b"add someone else" in river.post("/safety/circle/", {"handle": "river"}).content
    river.post("/safety/circle/", {"handle": "JO"})
    assert services.circle_of(people.river) == [people.jo]
    assert Notification.objects.filter(recipient=people.jo, kind="safety.circle").exists()
    river.post(f"/safety/circle/{people.jo.pk}/remove/")
    assert services.circle_of(people.river) == []


def test_only_people_with_a_responder_role_go_on_duty(people, signed_in):
    assert signed_in(people.river).get("/safety/duty/").status_code == 404
    jo = signed_in(people.jo)
    bad = jo.post("/safety/duty/", {"role": "specialist", "hours": "2"})
    assert b"Select a valid choice" in bad.content  # jo is not a specialist
    too_long = jo.post("/safety/duty/", {"role": "supporter", "hours": "30"})
    assert b"less than or equal to 12" in too_long.content
    assert services.on_duty("supporter") == []
    jo.post("/safety/duty/", {"role": "supporter", "hours": "2"})
    assert services.on_duty("supporter") == [people.jo]
    jo.post("/safety/duty/end/")
    assert services.on_duty("supporter") == []
