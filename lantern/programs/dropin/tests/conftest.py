"""Drop-in fixtures on top of the cast (lantern/conftest.py) and programs' `dropin` fixture:
The Lighthouse, a drop-in center kept by morgan (who keeps it as its peer leader; morgan is a
site moderator too), where river is enrolled."""

from datetime import time

import pytest
from django.test import Client
from django.urls import reverse

from lantern.programs import services as programs
from lantern.programs.dropin import services


@pytest.fixture
def center(dropin, people):
    """The Lighthouse, kept by morgan, with river enrolled, open Monday to Friday 9–12:30 and
    13:30–20:00 and Saturday 10–18 (closed Sundays), in America/Chicago."""
    programs.enrol(people.morgan, dropin, "river")
    services.set_opening_hours(
        people.morgan,
        dropin,
        spans={
            **{d: [(time(9), time(12, 30)), (time(13, 30), time(20))] for d in range(5)},
            5: [(time(10), time(18))],
        },
        time_zone="America/Chicago",
    )
    return dropin


@pytest.fixture
def new_kiosk(center, people):
    """A kiosk of The Lighthouse, just started by morgan: `.kiosk` and `.secret`."""
    return services.create_kiosk(people.morgan, center, "Front desk")


def kiosk_url(secret: str) -> str:
    return reverse("dropin-kiosk", args=[secret])


def thanks_url(secret: str) -> str:
    return reverse("dropin-kiosk-thanks", args=[secret])


@pytest.fixture
def tablet():
    """A browser on the shared tablet: nobody signed in."""
    return Client()
