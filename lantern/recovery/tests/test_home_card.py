"""The recovery card on the home page, registered with core (core imports no recovery code)."""

import datetime

from lantern.core import registry
from lantern.recovery import home, services
from lantern.recovery.models import CheckIn, Counter

D = datetime.date


def test_the_card_is_registered_with_core():
    card = next(c for c in registry.home_cards() if c.name == "recovery")
    assert (card.template, card.context, card.order) == (
        "recovery/_home_card.html",
        home.home_card,
        20,
    )


def test_the_home_page_shows_the_members_first_counter_and_todays_check_in(people, signed_in):
    river = signed_in(people.river)
    page = river.get("/").content.decode()
    assert 'id="recovery-card-title"' in page
    assert "Start a sobriety counter" in page and "Check in now" in page
    services.start_counter(
        people.river, "alcohol", services.today_for(people.river) - datetime.timedelta(days=12)
    )
    services.save_checkin(people.river, mood=4, craving=1)
    page = river.get("/").content.decode()
    assert "<strong>12</strong> days" in page
    assert "You checked in today." in page and "Start a sobriety counter" not in page


def test_the_card_is_the_members_own_and_reading_it_writes_nothing(people, signed_in):
    services.start_counter(people.river, "alcohol", D(2026, 1, 1))
    counts = (Counter.objects.count(), CheckIn.objects.count())
    page = signed_in(people.sam).get("/").content.decode()
    assert "Start a sobriety counter" in page  # sam has none; river's is not shown
    assert (Counter.objects.count(), CheckIn.objects.count()) == counts
