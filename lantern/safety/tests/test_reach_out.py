"""“I need someone now”, through the pages, as river, her circle (sam) and jo on duty see it."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from lantern.accounts.models import User
from lantern.core.errors import NotFound, RateLimited, Refused
from lantern.core.models import AuditEvent, Notification
from lantern.core.ratelimits import parse
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
    assert "sam is with river." in jo_page  # to jo; "with you" is for river alone
    assert "sam is with you." in river.get(f"/safety/reach-outs/{reach_out.pk}/").content.decode()


def test_the_member_and_the_one_who_claimed_talk_and_nobody_else_can_post(setup, signed_in):
    people = setup
    reach_out = services.start_reach_out(people.river)
    services.claim_reach_out(people.sam, reach_out)
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
    live = partial.content.decode()
    assert live.startswith('<div id="reach-out-live"') and "<html" not in live
    # The refreshed element asks again itself: a refresh never stops the refreshing (it did,
    # after the first one, so "casey is with you" after a hand-off never came).
    assert 'hx-trigger="every 5s"' in live
    services.close_reach_out(people.river, reach_out)
    closed = river.get(f"/safety/reach-outs/{reach_out.pk}/", HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in closed.content.decode()  # nothing more to wait for


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


# --- The service contract: the acting person first, access checked by the service -------------


def test_only_those_asked_may_claim_and_the_member_never_claims_her_own(setup):
    people = setup
    reach_out = services.start_reach_out(people.river, "please")
    with pytest.raises(NotFound):
        services.claim_reach_out(people.morgan, reach_out)  # never asked, not a specialist
    with pytest.raises(NotFound):
        services.claim_reach_out(people.river, reach_out)
    assert services.claim_reach_out(people.jo, reach_out).claimed_by == people.jo
    assert services.claim_reach_out(people.jo, reach_out).claimed_by == people.jo  # again: fine
    with pytest.raises(Refused, match=re.escape("Someone is already with them.")):
        services.claim_reach_out(people.sam, reach_out)


def test_only_the_member_and_the_one_with_her_write_and_only_they_or_staff_close(setup):
    people = setup
    reach_out = services.claim_reach_out(people.sam, services.start_reach_out(people.river))
    for outsider in (people.jo, people.casey, people.alex):
        with pytest.raises(NotFound):
            services.post_reach_out_message(outsider, reach_out, "hello")
    with pytest.raises(Refused, match=re.escape("Write a message of up to 4,000 characters.")):
        services.post_reach_out_message(people.river, reach_out, "x" * 4001)
    services.post_reach_out_message(people.river, reach_out, "thanks for coming")
    with pytest.raises(NotFound):
        services.close_reach_out(people.jo, reach_out)
    closed = services.close_reach_out(people.casey, reach_out)  # a specialist may
    assert closed.status == ReachOut.Status.CLOSED
    assert services.close_reach_out(people.river, reach_out).status == ReachOut.Status.CLOSED
    with pytest.raises(Refused, match=re.escape("This conversation has ended.")):
        services.post_reach_out_message(people.river, closed, "one more")
    assert [m.text for m in reach_out.messages.all()] == ["thanks for coming"]


def test_an_urgent_message_from_the_member_marks_the_reach_out_urgent(setup):
    people = setup
    reach_out = services.start_reach_out(people.river, "rough day")
    ReachOut.objects.filter(pk=reach_out.pk).update(level="elevated")
    reach_out = services.claim_reach_out(people.sam, reach_out)
    services.post_reach_out_message(people.sam, reach_out, "i want to kill myself is a phrase")
    reach_out.refresh_from_db()
    assert reach_out.level == "elevated"  # only the member's own words count
    services.post_reach_out_message(people.river, reach_out, "i want to kill myself tonight")
    reach_out.refresh_from_db()
    assert reach_out.level == "urgent"


def test_reading_someone_elses_reach_out_is_audited_and_the_member_reading_hers_is_not(setup):
    people = setup
    reach_out = services.start_reach_out(people.river, "private words")
    services.read_reach_out(people.river, reach_out)
    assert not AuditEvent.objects.filter(action="reach_out.view").exists()
    services.read_reach_out(people.jo, reach_out)  # asked, as the supporter on duty
    event = AuditEvent.objects.get(action="reach_out.view")
    assert (event.actor, event.subject) == (people.jo, people.river)
    with pytest.raises(NotFound):
        services.read_reach_out(people.morgan, reach_out)


def test_the_people_asked_are_told_with_a_link_and_who_needs_them(setup):
    people = setup
    reach_out = services.start_reach_out(people.river, "words only for the people asked")
    n = Notification.objects.get(recipient=people.jo, kind="safety.reach_out")
    assert n.url == reverse("safety-reach-out", kwargs={"pk": reach_out.pk})
    assert n.actor == people.river and n.about == f"safety.reachout:{reach_out.pk}"
    assert n.title == "river needs someone now"
    # Mail subjects and lock screens: neither her handle nor her words.
    assert n.neutral_title == "Urgent: someone may need help now"
    assert "words only" not in n.title + n.body_text
    reach_out = services.claim_reach_out(people.jo, reach_out)
    told = Notification.objects.get(recipient=people.river, kind="safety.reach_out_claimed")
    assert told.title == "jo is here for you" and "jo" not in told.neutral_title
    services.post_reach_out_message(people.jo, reach_out, "I'm here")
    message = Notification.objects.get(recipient=people.river, kind="safety.reach_out_message")
    assert message.title == "New message from jo" and "jo" not in message.neutral_title
    assert "I'm here" not in message.title + message.neutral_title + message.body_text


# --- The rate limit: a person in crisis is never left with nothing -----------------------------

LIMIT, _WINDOW = parse(settings.LANTERN_RATE_LIMITS["reach_out"])


def use_up_the_reach_outs(member):
    for _ in range(LIMIT):
        services.close_reach_out(member, services.start_reach_out(member, "again"))


def test_too_many_reach_outs_in_an_hour_are_refused_with_the_crisis_lines_on_the_page(
    setup, signed_in
):
    people = setup
    use_up_the_reach_outs(people.river)
    with pytest.raises(RateLimited):
        services.start_reach_out(people.river, "and again")
    river = signed_in(people.river)
    response = river.post(reverse("safety-reach-out-start"), {"message": "please"})
    assert response.status_code == 429
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "That is a lot in a short time. Please wait a few minutes and try again." in page
    assert "the crisis lines below answer day and night" in page
    assert 'href="tel:988"' in page and 'href="sms:988"' in page and 'href="tel:911"' in page
    assert ReachOut.objects.filter(member=people.river).count() == LIMIT  # nothing new
    # sam is not river: his first reach-out goes through.
    assert signed_in(people.sam).post(reverse("safety-reach-out-start")).status_code == 302


def test_a_refused_reach_out_still_shows_the_one_she_has_going(setup, signed_in):
    people = setup
    use_up_the_reach_outs(people.river)
    ReachOut.objects.filter(member=people.river).update(status=ReachOut.Status.CLOSED)
    going = ReachOut.objects.filter(member=people.river).first()
    ReachOut.objects.filter(pk=going.pk).update(
        status=ReachOut.Status.CLAIMED, claimed_by=people.sam
    )
    page = signed_in(people.river).post(reverse("safety-reach-out-start"), {"message": "x"})
    assert page.status_code == 429
    html = page.content.decode()
    assert reverse("safety-reach-out", kwargs={"pk": going.pk}) in html
    assert "Go to your open request" in html and 'href="tel:988"' in html


def test_asking_again_while_a_request_waits_uses_none_of_the_limit(setup, signed_in):
    people = setup
    river = signed_in(people.river)
    for _ in range(LIMIT + 3):
        assert river.post(reverse("safety-reach-out-start")).status_code == 302
    assert ReachOut.objects.filter(member=people.river).count() == 1


# --- The list of people who need someone ------------------------------------------------------


def test_the_list_shows_whom_each_responder_was_asked_to_answer(setup, signed_in):
    people = setup
    services.start_reach_out(people.river)
    services.start_reach_out(people.sam)  # his circle is empty: jo on duty is asked
    services.end_shift(people.jo)
    services.start_reach_out(people.morgan)  # nobody on duty: the specialists are asked
    jo_page = signed_in(people.jo).get(reverse("safety-reach-outs")).content.decode()
    assert ">river</a>" in jo_page and ">sam</a>" in jo_page and ">morgan</a>" not in jo_page
    casey_page = signed_in(people.casey).get(reverse("safety-reach-outs")).content.decode()
    assert ">river</a>" in casey_page and ">morgan</a>" in casey_page
    assert signed_in(people.river).get(reverse("safety-reach-outs")).status_code == 404


def test_the_list_asks_the_same_few_queries_however_many_are_waiting(
    setup, signed_in, django_assert_max_num_queries
):
    people = setup
    for n in range(30):
        member = User.objects.create_user(f"member{n}", "pw-long-enough-1")
        reach_out = services.start_reach_out(member)
        if n % 2:
            services.claim_reach_out(people.jo, reach_out)
    for person in (people.jo, people.casey):
        client = signed_in(person)
        client.get(reverse("safety-reach-outs"))
        with django_assert_max_num_queries(11):  # with the banner of who waits (one query)
            page = client.get(reverse("safety-reach-outs")).content.decode()
        listed = page[page.index("<h1>") :]  # the banner above links to the first three
        assert len(re.findall(r'href="/safety/reach-outs/\d+/"', listed)) == 30
        assert page.count("(jo)") == 15  # who claimed each, without a query apiece


def test_a_reach_out_page_asks_the_same_few_queries_however_long_the_talk(
    setup, signed_in, django_assert_max_num_queries
):
    people = setup
    reach_out = services.claim_reach_out(people.sam, services.start_reach_out(people.river))
    for n in range(20):
        author = people.river if n % 2 else people.sam
        services.post_reach_out_message(author, reach_out, f"message {n}")
    river = signed_in(people.river)
    url = reverse("safety-reach-out", kwargs={"pk": reach_out.pk})
    river.get(url)
    with django_assert_max_num_queries(14):
        page = river.get(url).content.decode()
    assert "message 19" in page and page.count("<strong>sam</strong>") == 10
