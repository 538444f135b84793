"""Failed sign-ins slow a guesser down, and nobody can aim that at a person.

Handles are public. sam knows jo's handle and sits at one address (198.51.100.7) typing wrong
passwords for it; jo signs in from her own phone, from another address, or from the same café
Wi-Fi. Behind one carrier address (203.0.113.50) many people sign in while someone there
guesses at other handles. These are sign-in tests: they go through the real form.
"""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from lantern.accounts import signin_guard
from lantern.accounts.models import User
from lantern.conftest import PASSWORD, make_person, totp_code
from lantern.core.roles import Role

SAMS_ADDRESS = "198.51.100.7"
CARRIER_NAT = "203.0.113.50"
JOS_HOME = "192.0.2.20"
ELSEWHERE = "192.0.2.99"
START = datetime.datetime(2026, 11, 2, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def attempt(client, handle, password, address):
    return client.post(
        reverse("account_login"), {"login": handle, "password": password}, REMOTE_ADDR=address
    )


def signs_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("core-home")


def jos_phone():
    """jo's own phone: she signed in on it once before (at home), then signed out."""
    phone = Client()
    assert signs_in(attempt(phone, "jo", PASSWORD, JOS_HOME))
    phone.post(reverse("account_logout"), REMOTE_ADDR=JOS_HOME)
    return phone


def test_sams_thirty_wrong_passwords_for_jo_do_not_keep_jo_out(people, clock):
    phone = jos_phone()
    sam = Client()
    for n in range(30):
        attempt(sam, "jo", f"guess-{n}", SAMS_ADDRESS)
        clock.shift(datetime.timedelta(seconds=7))  # three and a half minutes of guessing
    # jo, on her own phone, even on the same Wi-Fi as sam:
    assert signs_in(attempt(phone, "jo", PASSWORD, SAMS_ADDRESS))
    # jo on a borrowed laptop somewhere else:
    assert signs_in(attempt(Client(), "jo", PASSWORD, ELSEWHERE))


def test_a_guesser_is_slowed_down_with_a_clear_message_and_when_to_try_again(people, clock):
    sam = Client()
    for n in range(5):  # five tries cost nothing: people mistype
        response = attempt(sam, "jo", f"guess-{n}", SAMS_ADDRESS)
        assert response.status_code == 200
        assert b"not correct" in response.content
    response = attempt(sam, "jo", "guess-5", SAMS_ADDRESS)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Too many wrong passwords for this handle from your connection" in page
    assert "It is not locked" in page
    assert "You can try again in 1 minute" in page
    # The way back in for someone who forgot their password is on the page.
    assert reverse("accounts-recover") in page
    # Even the right password is not checked while sam waits: the answer tells him nothing.
    assert attempt(sam, "jo", PASSWORD, SAMS_ADDRESS).status_code == 429
    # Each further wrong guess doubles the wait, up to a quarter of an hour.
    waits = []
    for n in range(6):
        clock.shift(datetime.timedelta(seconds=int(waits[-1]) if waits else 60))
        assert b"not correct" in attempt(sam, "jo", f"again-{n}", SAMS_ADDRESS).content
        waits.append(attempt(sam, "jo", "too-soon", SAMS_ADDRESS)["Retry-After"])
    assert waits == ["120", "240", "480", "900", "900", "900"]


def test_the_slow_down_ends_by_itself(people, clock):
    sam = Client()
    for n in range(8):  # sam keeps trying, each time as soon as he may
        clock.shift(datetime.timedelta(minutes=15) if n else datetime.timedelta(0))
        assert b"not correct" in attempt(sam, "jo", f"guess-{n}", SAMS_ADDRESS).content
    waiting = attempt(sam, "jo", "guess", SAMS_ADDRESS)
    assert waiting.status_code == 429
    assert waiting["Retry-After"] == "480"
    clock.shift(datetime.timedelta(seconds=int(waiting["Retry-After"])))
    # The wait is over: the next try is checked again (the right password gets in).
    assert signs_in(attempt(Client(), "jo", PASSWORD, SAMS_ADDRESS))
    # A right password forgets the failures: a later typo costs nothing.
    assert b"not correct" in attempt(Client(), "jo", "typo", SAMS_ADDRESS).content
    # After an hour without a wrong password, everything is forgotten.
    for n in range(5):
        attempt(sam, "jo", f"more-{n}", SAMS_ADDRESS)
    assert attempt(sam, "jo", "more", SAMS_ADDRESS).status_code == 429
    clock.shift(datetime.timedelta(hours=1))
    for n in range(5):
        assert attempt(sam, "jo", f"later-{n}", SAMS_ADDRESS).status_code == 200


def test_twenty_five_people_behind_one_carrier_address_still_get_in(people, clock):
    neighbours = [make_person(f"neighbour{n}", [Role.MEMBER]) for n in range(25)]
    guesser = Client()
    handles = ["river", "sam", "casey", "morgan", "alex"] + [f"someone{n}" for n in range(7)]
    for handle in handles:  # 60 wrong passwords over 12 handles, in a few minutes
        for n in range(5):
            attempt(guesser, handle, f"guess-{n}", CARRIER_NAT)
        clock.shift(datetime.timedelta(seconds=15))
    for person in neighbours:
        assert signs_in(attempt(Client(), person.handle, PASSWORD, CARRIER_NAT)), person.handle
    # river is not slowed from home either.
    assert signs_in(attempt(Client(), "river", PASSWORD, JOS_HOME))
    # The guesser, meanwhile, gets one wrong try per further handle, not five.
    assert b"not correct" in attempt(guesser, "jo", "guess", CARRIER_NAT).content
    assert attempt(guesser, "jo", "guess-again", CARRIER_NAT).status_code == 429
    # A neighbour who mistypes once still gets in at the next try.
    stumbler = make_person("stumbler", [Role.MEMBER])
    nat = Client()
    assert b"not correct" in attempt(nat, stumbler.handle, "typo", CARRIER_NAT).content
    clock.shift(datetime.timedelta(minutes=1))
    assert signs_in(attempt(nat, stumbler.handle, PASSWORD, CARRIER_NAT))


def test_wrong_passwords_on_a_persons_own_device_are_slowed_too(people, clock):
    """A phone left on a bus: its cookie does not make guessing free."""
    phone = jos_phone()
    for n in range(5):
        assert attempt(phone, "jo", f"guess-{n}", JOS_HOME).status_code == 200
    assert attempt(phone, "jo", "guess", JOS_HOME).status_code == 429
    # That is the phone's own count: jo elsewhere is not slowed by it.
    assert signs_in(attempt(Client(), "jo", PASSWORD, JOS_HOME))


def test_jos_device_does_not_help_anyone_guess_at_another_handle(people, clock):
    phone = jos_phone()
    for n in range(5):
        attempt(phone, "river", f"guess-{n}", JOS_HOME)
    assert attempt(phone, "river", "guess", JOS_HOME).status_code == 429
    # Those were counted for river from that address, like anyone's there...
    assert attempt(Client(), "river", PASSWORD, JOS_HOME).status_code == 429
    # ...and not against jo's phone, which still signs jo in.
    assert signs_in(attempt(phone, "jo", PASSWORD, JOS_HOME))


def test_the_device_cookie_is_private_and_says_nothing_about_who_signed_in(people, settings):
    settings.SESSION_COOKIE_SECURE = True  # as in production
    client = Client()
    response = attempt(client, "jo", PASSWORD, JOS_HOME)
    cookie = response.cookies[signin_guard.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["secure"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600  # long-lived
    # What it holds is a random number and a MAC per person: neither the handle nor the id.
    # (Compared by part: a random "…jo…" inside a MAC is no leak.)
    parts = re.split(r"[.:\-]", cookie.value.lower())
    assert "jo" not in parts and str(people.jo.pk) not in parts


def test_a_forged_or_stale_device_cookie_is_an_unknown_device(people, clock):
    phone = jos_phone()
    value = phone.cookies[signin_guard.DEVICE_COOKIE].value
    for n in range(6):  # sam has made jo's sign-in from his address wait
        attempt(Client(), "jo", f"guess-{n}", SAMS_ADDRESS)
    # A cookie sam made up (or altered) is no device of jo's: it waits like sam.
    forged = Client()
    forged.cookies[signin_guard.DEVICE_COOKIE] = ("1" if value[0] == "0" else "0") + value[1:]
    assert attempt(forged, "jo", PASSWORD, SAMS_ADDRESS).status_code == 429
    # jo's own phone, on the same address, does not.
    assert signs_in(attempt(phone, "jo", PASSWORD, SAMS_ADDRESS))
    phone.post(reverse("account_logout"), REMOTE_ADDR=SAMS_ADDRESS)
    # After jo changes her password (her phone was stolen, say), its cookie is no longer hers.
    new_password = "a-brand-new-passphrase-2026"
    jo = User.objects.get(handle="jo")
    jo.set_password(new_password)
    jo.save()
    assert attempt(phone, "jo", new_password, SAMS_ADDRESS).status_code == 429
    # Signing in with the new password makes a device hers again.
    laptop = Client()
    assert signs_in(attempt(laptop, "jo", new_password, ELSEWHERE))
    laptop.post(reverse("account_logout"), REMOTE_ADDR=ELSEWHERE)
    assert signs_in(attempt(laptop, "jo", new_password, SAMS_ADDRESS))


def test_a_device_remembers_everyone_who_signs_in_on_it(people, clock):
    """A family's shared tablet: river's sign-in does not make it forget jo."""
    tablet = jos_phone()
    assert signs_in(attempt(tablet, "river", PASSWORD, JOS_HOME))
    tablet.post(reverse("account_logout"), REMOTE_ADDR=JOS_HOME)
    sam = Client()
    for n in range(10):
        attempt(sam, "jo", f"guess-{n}", JOS_HOME)
        attempt(sam, "river", f"guess-{n}", JOS_HOME)
    assert signs_in(attempt(tablet, "jo", PASSWORD, JOS_HOME))
    tablet.post(reverse("account_logout"), REMOTE_ADDR=JOS_HOME)
    assert signs_in(attempt(tablet, "river", PASSWORD, JOS_HOME))


def test_staff_devices_are_remembered_only_after_two_factor(people, clock):
    client = Client()
    response = attempt(client, "morgan", PASSWORD, JOS_HOME)
    assert response.status_code == 302  # on to the two-factor step
    assert signin_guard.DEVICE_COOKIE not in response.cookies
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code("morgan")})
    assert signin_guard.DEVICE_COOKIE in response.cookies
