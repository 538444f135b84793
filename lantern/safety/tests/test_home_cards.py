"""The safety net on the home page: "Right now" for everyone signed in. (Who is waiting for a
responder on duty is no longer a card: it is the banner on every page, test_reach_out_banner.)"""

from django.urls import reverse

from lantern.core import registry


def home(client) -> str:
    return client.get(reverse("core-home")).content.decode()


def test_everyone_signed_in_can_ask_for_someone_in_one_tap(people, signed_in):
    page = home(signed_in(people.river))
    assert "Right now" in page
    assert f'action="{reverse("safety-reach-out-start")}"' in page
    assert "needs someone now" not in page


def test_safety_registers_its_cards_and_its_demo():
    cards = {card.name: card for card in registry.home_cards()}
    assert "safety.waiting" not in cards  # the banner on every page replaced it
    assert cards["safety.right_now"].template == "safety/_right_now_card.html"
    assert cards["safety.right_now"].order == 10
    seeds = {seed.name: seed.order for seed in registry.demo_seeds()}
    assert seeds["safety"] == 20 and seeds["accounts"] < seeds["safety"]
