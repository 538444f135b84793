"""Someone offered a bed is told, in words that name the program and house in-app, and say
nothing of a residence in an email subject or on a lock screen."""

from django.urls import reverse

from lantern.core import notification_kinds
from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.programs.residences.services import residents
from lantern.programs.residences.services.common import today_at

from .helpers import bed


def test_the_offer_is_told_in_app_and_neutral_outside(people, house, signed_in):
    entry = residents.add_to_waiting_list(
        people.jo, house.program, handle="sam", asked_on=today_at(house)
    ).obj
    entry.program = house.program
    residents.offer_bed(people.jo, entry, bed(house, "Room 2", "A"))
    notification = Notification.objects.get(recipient=people.sam)
    assert notification.kind == "residences.bed_offered"
    assert notification.actor == people.jo
    kind = notification_kinds.registered()["residences.bed_offered"]
    assert str(kind.title) % notification.params == "Maple House offers you a bed at North House"
    assert "house" not in str(kind.neutral).lower() and "Maple" not in str(kind.neutral)
    page = signed_in(people.sam).get(reverse("core-notifications")).content.decode()
    assert "Maple House offers you a bed at North House" in page


def test_an_offer_nobody_can_take_tells_nobody(people, house):
    entry = residents.add_to_waiting_list(
        people.jo, house.program, handle="sam", asked_on=today_at(house)
    ).obj
    entry.program = house.program
    try:
        residents.offer_bed(people.jo, entry, bed(house))  # river sleeps there
    except Refused as error:
        assert error.message == "Someone already lives in this bed."
    assert not Notification.objects.filter(recipient=people.sam).exists()
