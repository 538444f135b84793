"""Volunteering: opportunities with shifts and a limit per shift, sign-up, hours logged after a
shift and confirmed by the organizer, and the printable service summary."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.events import volunteering
from lantern.events.models import ServiceHours, ShiftSignup

pytestmark = pytest.mark.django_db


def greeter(people, spots=2):
    opportunity = volunteering.create_opportunity(
        people.jo, "Greeter at the drop-in center", "Welcome people at the door.", "Drop-in center"
    ).obj
    starts = timezone.now() + timedelta(days=2)
    shift = volunteering.add_shift(
        people.jo, opportunity, starts, starts + timedelta(hours=3), "America/Chicago", spots
    )
    return opportunity, shift


def after(shift):
    return time_machine.travel(shift.ends_at + timedelta(minutes=5), tick=False)


def test_a_supporter_offers_an_opportunity_with_a_shift(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("events-opportunity-new"),
        {"title": "Answer the warmline", "description": "Two-hour shifts.", "place": ""},
    )
    assert response.status_code == 302
    opportunity_url = response["Location"]
    day = (timezone.now() + timedelta(days=3)).date().isoformat()
    pk = int(opportunity_url.rstrip("/").split("/")[-1])
    response = signed_in(people.jo).post(
        reverse("events-shift-new", args=[pk]),
        {
            "day": day,
            "starts": "18:00",
            "ends": "20:00",
            "time_zone": "America/Chicago",
            "spots": "2",
        },
    )
    assert response.status_code == 302
    page = signed_in(people.river).get(opportunity_url).content.decode()
    assert "0 of 2 places taken" in page and "Sign me up" in page


def test_members_cannot_offer_opportunities_or_shifts(people, signed_in):
    opportunity, _shift = greeter(people)
    assert signed_in(people.river).get(reverse("events-opportunity-new")).status_code == 404
    assert (
        signed_in(people.river).get(reverse("events-shift-new", args=[opportunity.pk])).status_code
        == 404
    )


def test_a_shift_has_a_limit(people, signed_in):
    _opportunity, shift = greeter(people, spots=1)
    signed_in(people.river).post(reverse("events-shift-signup", args=[shift.pk]))
    response = signed_in(people.sam).post(
        reverse("events-shift-signup", args=[shift.pk]), follow=True
    )
    assert "This shift is full" in response.content.decode()
    assert list(ShiftSignup.objects.values_list("person__handle", flat=True)) == ["river"]
    volunteering.cancel_signup(people.river, shift)
    volunteering.sign_up(people.sam, shift)


def test_hours_are_logged_after_the_shift_and_confirmed_by_the_organizer(people, signed_in):
    _opportunity, shift = greeter(people)
    volunteering.sign_up(people.river, shift)
    with pytest.raises(Refused):
        volunteering.log_hours(people.river, shift, Decimal("3"))  # not over yet
    with after(shift):
        river = signed_in(people.river)
        response = river.post(reverse("events-hours-log", args=[shift.pk]), {"hours": "2.5"})
        assert response.status_code == 302
        logged = ServiceHours.objects.get()
        assert logged.hours == Decimal("2.5") and logged.status == "logged"
        assert Notification.objects.filter(recipient=people.jo, kind="events.hours_logged").exists()
        assert (
            signed_in(people.sam)
            .post(reverse("events-hours-confirm", args=[logged.pk]))
            .status_code
            == 404
        )
        signed_in(people.jo).post(reverse("events-hours-confirm", args=[logged.pk]))
        logged.refresh_from_db()
        assert logged.status == "confirmed" and logged.confirmed_by == people.jo
        told = Notification.objects.get(recipient=people.river, kind="events.hours_confirmed")
        assert "2.5 hours" in told.title
        summary = river.get(reverse("events-service-summary")).content.decode()
    assert "Total: 2.5 hours" in summary
    assert "Greeter at the drop-in center" in summary and "jo" in summary
    assert "Need help now?" not in summary  # a page to print, without the site's header


def test_only_people_signed_up_log_hours_and_nobody_confirms_their_own(people):
    _opportunity, shift = greeter(people)
    volunteering.sign_up(people.jo, shift)
    with after(shift):
        with pytest.raises(NotFound):
            volunteering.log_hours(people.river, shift, Decimal("1"))
        logged = volunteering.log_hours(people.jo, shift, Decimal("3"))
        with pytest.raises(Refused):
            volunteering.confirm_hours(people.jo, logged)
        volunteering.confirm_hours(people.morgan, logged)  # a site moderator may


def test_declined_hours_stay_off_the_summary(people):
    _opportunity, shift = greeter(people)
    volunteering.sign_up(people.river, shift)
    with after(shift):
        logged = volunteering.log_hours(people.river, shift, Decimal("3"))
        volunteering.decline_hours(people.jo, logged)
    assert volunteering.service_summary(people.river).total == 0


def test_hours_must_be_sensible(people, signed_in):
    _opportunity, shift = greeter(people)
    volunteering.sign_up(people.river, shift)
    with after(shift):
        response = signed_in(people.river).post(
            reverse("events-hours-log", args=[shift.pk]), {"hours": "40"}
        )
    assert response.status_code == 400
    assert not ServiceHours.objects.exists()


def test_the_export_has_shifts_and_hours(people):
    _opportunity, shift = greeter(people)
    volunteering.sign_up(people.river, shift)
    exported = accounts.export_data(people.river)["volunteering"]
    assert exported["shifts"][0]["opportunity"] == "Greeter at the drop-in center"
