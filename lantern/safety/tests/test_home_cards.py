"""The safety net on the home page: "Right now" for everyone signed in, and for a responder on
duty, first of all, how many people are waiting for someone they may answer."""

from django.urls import reverse

from lantern.core import registry
from lantern.safety import services


def home(client) -> str:
    return client.get(reverse("core-home")).content.decode()


def test_everyone_signed_in_can_ask_for_someone_in_one_tap(people, signed_in):
    page = home(signed_in(people.river))
    assert "Right now" in page
    assert f'action="{reverse("safety-reach-out-start")}"' in page
    assert "waiting for someone" not in page


def test_a_responder_on_duty_sees_who_is_waiting_first(people, signed_in):
    services.start_shift(people.jo, "supporter", 2)
    jo = signed_in(people.jo)
    assert "waiting for someone" not in home(jo)  # nobody waiting: no card
    services.start_reach_out(people.river)
    services.start_reach_out(people.sam)
    page = home(jo)
    assert "2 people are waiting for someone" in page
    assert page.index("waiting for someone") < page.index("Right now")
    assert f'href="{reverse("safety-reach-outs")}"' in page
    services.claim_reach_out(people.jo, services.current_reach_out(people.sam))
    assert "1 person is waiting for someone" in home(jo)


def test_nobody_off_duty_or_not_asked_sees_the_waiting_card(people, signed_in):
    services.start_reach_out(people.river)  # nobody on duty: the specialists are asked
    assert "waiting for someone" not in home(signed_in(people.casey))  # asked, but off duty
    services.start_shift(people.casey, "specialist", 2)
    assert "1 person is waiting for someone" in home(signed_in(people.casey))
    services.start_shift(people.jo, "supporter", 2)
    assert "waiting for someone" not in home(signed_in(people.jo))  # on duty, not asked
    assert "waiting for someone" not in home(signed_in(people.river))


def test_safety_registers_its_cards_and_its_demo():
    cards = {card.name: card for card in registry.home_cards()}
    assert cards["safety.waiting"].order == 0
    assert cards["safety.right_now"].template == "safety/_right_now_card.html"
    assert cards["safety.right_now"].order == 10
    seeds = {seed.name: seed.order for seed in registry.demo_seeds()}
    assert seeds["safety"] == 20 and seeds["accounts"] < seeds["safety"]
