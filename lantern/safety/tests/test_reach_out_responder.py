"""The person who answers a reach-out has what they need (issue 13: after claiming, jo's page
said "jo is with you" to jo, with no link to the plan river shares with her, no hand-off to a
peer specialist, and no way to call although jo wrote "I'll call you in 2 minutes"): what the
member shares with them, a call link when the member gave a number for this, and a hand-off."""

import pytest
from django.db import connection
from django.urls import reverse

from lantern.core import notification_kinds
from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent, Notification
from lantern.recovery import services as recovery
from lantern.safety import services
from lantern.safety.models import ReachOut, ReachOutMessage


@pytest.fixture
def setup(people):
    services.start_shift(people.jo, "supporter", 4)
    services.start_shift(people.casey, "specialist", 4)
    return people


def page(client, reach_out) -> str:
    return client.get(reverse("safety-reach-out", args=[reach_out.pk])).content.decode()


def test_a_member_may_give_a_number_that_only_the_one_with_her_sees(setup, signed_in):
    people = setup
    river = signed_in(people.river)
    form = river.get(reverse("safety-reach-out-start")).content.decode()
    assert 'type="tel"' in form and 'name="phone"' in form and 'autocomplete="tel"' in form
    river.post(
        reverse("safety-reach-out-start"), {"message": "bad night", "phone": "(312) 555-0100"}
    )
    reach_out = ReachOut.objects.get(member=people.river)
    assert reach_out.phone == "(312) 555-0100"
    with connection.cursor() as cursor:  # encrypted at rest, like her words
        cursor.execute("SELECT phone FROM safety_reachout WHERE id = %s", [reach_out.pk])
        assert "555" not in cursor.fetchone()[0]
    assert "Only the person who answers sees it" in page(river, reach_out)

    jo = signed_in(people.jo)
    assert "555-0100" not in page(jo, reach_out)  # before she claims it
    assert "555-0100" not in page(signed_in(people.casey), reach_out)
    jo.post(reverse("safety-reach-out-claim", args=[reach_out.pk]))
    jo_page = page(jo, reach_out)
    assert 'href="tel:3125550100"' in jo_page and "Call river: (312) 555-0100" in jo_page
    assert "555-0100" not in page(signed_in(people.casey), reach_out)  # not with her

    services.close_reach_out(people.river, reach_out)
    reach_out.refresh_from_db()
    assert reach_out.phone == ""  # erased with the conversation
    assert "555-0100" not in page(jo, reach_out)


def test_a_number_nobody_could_dial_is_refused_and_the_form_keeps_the_words(setup, signed_in):
    river = signed_in(setup.river)
    response = river.post(
        reverse("safety-reach-out-start"), {"message": "please call", "phone": "call me maybe"}
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Write a phone number someone can call" in text and "please call" in text
    assert not ReachOut.objects.exists()
    assert services.clean_reach_out_phone(" +1 312 555 0100 ") == "+1 312 555 0100"
    for bad in ("12", "+1 312 555 0100 0100 0100", "555-0100; drop"):
        with pytest.raises(Refused):
            services.clean_reach_out_phone(bad)


def test_the_one_with_her_sees_what_she_shares_with_them_and_is_told_it_is_them(setup, signed_in):
    people = setup
    recovery.save_plan_item(people.river, kind="reason", text="My daughter")
    recovery.grant_access(people.river, "jo", ["plan", "milestones"])
    entry = recovery.save_entry(people.river, title="Ninety days", body="My hands shook.").obj
    recovery.share_entry(people.river, entry, "jo")
    reach_out = services.start_reach_out(people.river, "can someone talk")
    jo = signed_in(people.jo)
    assert "What river shares with you" not in page(jo, reach_out)  # not before claiming
    services.claim_reach_out(people.jo, reach_out)
    jo_page = page(jo, reach_out)
    assert "You are with river." in jo_page and "jo is with you." not in jo_page
    assert "What river shares with you" in jo_page
    assert f'href="{reverse("recovery-shared-plan", args=["river"])}">Recovery plan<' in jo_page
    assert f'href="{reverse("recovery-shared-milestones", args=["river"])}"' in jo_page
    assert f'href="{reverse("recovery-shared-journal", args=[entry.pk])}"' in jo_page
    assert "recovery-shared-checkins" not in jo_page and "/shared/river/checkins/" not in jo_page
    # Making the links reads nothing of river's: no "who looked" line until jo opens one.
    assert not AuditEvent.objects.filter(action__startswith="recovery.view_").exists()
    assert "jo is with you." in page(signed_in(people.river), reach_out)
    # Nothing shared: the page says so, rather than nothing.
    sam_out = services.start_reach_out(people.sam)
    services.claim_reach_out(people.jo, sam_out)
    assert "sam shares nothing of their recovery with you." in page(jo, sam_out)


def test_the_one_with_her_hands_off_to_a_peer_specialist_who_takes_over(setup, signed_in):
    people = setup
    reach_out = services.start_reach_out(people.river, "i can't do this")
    services.claim_reach_out(people.jo, reach_out)
    jo = signed_in(people.jo)
    assert "Hand off to a peer specialist" in page(jo, reach_out)
    response = jo.post(
        reverse("safety-reach-out-hand-off", args=[reach_out.pk]),
        {"note": "She talked about pills. Please call her."},
        follow=True,
    )
    assert "The peer specialists on duty are told." in response.content.decode()
    note = ReachOutMessage.objects.get(reach_out=reach_out)
    assert note.kind == ReachOutMessage.Kind.HAND_OFF and note.author == people.jo
    told = Notification.objects.get(recipient=people.casey, kind="safety.reach_out_hand_off")
    assert told.urgent and told.url == reverse("safety-reach-out", args=[reach_out.pk])
    assert "pills" not in notification_kinds.neutral_title(told)
    hand_off = AuditEvent.objects.get(action="reach_out.hand_off")
    assert (hand_off.actor, hand_off.subject) == (people.jo, people.river)
    # river reads it in her conversation; jo stays with her until a specialist takes over.
    river_page = page(signed_in(people.river), reach_out)
    assert "asked a peer specialist to take over." in river_page
    assert "Please call her." in river_page
    assert "A peer specialist has been asked to join you." in river_page
    jo_page = page(jo, reach_out)
    assert "Stay with them until one does." in jo_page and "Hand off to" not in jo_page
    with pytest.raises(Refused):  # once
        services.hand_off_reach_out(people.jo, reach_out, "again")

    casey = signed_in(people.casey)
    assert "Take over from jo" in page(casey, reach_out)
    casey.post(reverse("safety-reach-out-claim", args=[reach_out.pk]))
    reach_out.refresh_from_db()
    assert reach_out.claimed_by == people.casey and reach_out.handed_off_at is None
    assert "You are with river." in page(casey, reach_out)
    assert "casey is with you." in page(signed_in(people.river), reach_out)
    assert Notification.objects.filter(
        recipient=people.river, kind="safety.reach_out_claimed", actor=people.casey
    ).exists()


def test_only_the_one_with_her_hands_off_and_only_specialists_take_over(setup):
    people = setup
    reach_out = services.start_reach_out(people.river)
    with pytest.raises(Refused):  # nobody is with her yet
        services.hand_off_reach_out(people.jo, reach_out)
    services.claim_reach_out(people.jo, reach_out)
    with pytest.raises(NotFound):
        services.hand_off_reach_out(people.morgan, reach_out)  # not even asked
    with pytest.raises(Refused):
        services.hand_off_reach_out(people.casey, reach_out)  # may see it, is not with her
    with pytest.raises(Refused):  # a claimed reach-out is not taken by another peer
        services.claim_reach_out(people.alex, reach_out)
    services.hand_off_reach_out(people.jo, reach_out)
    sam_in_circle = services.add_to_circle(people.river, "sam").person
    with pytest.raises(NotFound):
        services.claim_reach_out(sam_in_circle, reach_out)  # not asked, and not a specialist


def test_a_hand_off_with_no_specialist_to_reach_is_refused_and_changes_nothing(people):
    services.start_shift(people.jo, "supporter", 4)
    casey = people.casey
    casey.role_grants.all().delete()  # no specialist on Lantern at all
    reach_out = services.claim_reach_out(people.jo, services.start_reach_out(people.river))
    with pytest.raises(Refused, match="No peer specialist"):
        services.hand_off_reach_out(people.jo, reach_out, "please")
    reach_out.refresh_from_db()
    assert reach_out.handed_off_at is None and not reach_out.messages.exists()
