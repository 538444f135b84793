"""The sign-in kiosk on the front desk's tablet: a visitor signs in by handle or as a guest and
sees the same thank-you whoever they are; the kiosk shows nobody's data, caches nothing, goes
back to its start by itself, never runs inside someone's session, and its address stops working
the moment it is revoked."""

import re
import secrets
from datetime import datetime, time

import pytest
import time_machine
from django.urls import reverse

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent
from lantern.programs import services as programs
from lantern.programs.dropin import access, services
from lantern.programs.dropin.models import Kiosk, Visit

from .conftest import kiosk_url, thanks_url

HANDLES = ["river", "sam", "jo", "casey", "morgan", "alex"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def html_of(response) -> str:
    return CSRF.sub("", response.content.decode())


def sign_in(client, secret, **data):
    data.setdefault("as", "handle")
    return client.post(kiosk_url(secret), data)


def handles_in(page: str) -> list[str]:
    return [h for h in HANDLES if re.search(rf"\b{h}\b", page, re.IGNORECASE)]


# --- Signing in ----------------------------------------------------------------------------


def test_a_guest_signs_in_and_is_thanked(new_kiosk, tablet):
    page = tablet.get(kiosk_url(new_kiosk.secret))
    assert page.status_code == 200
    assert "Welcome to The Lighthouse" in page.content.decode()
    response = sign_in(
        tablet, new_kiosk.secret, **{"as": "guest", "purpose": "coffee", "first_visit": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == thanks_url(new_kiosk.secret)
    visit = Visit.objects.get()
    assert visit.person is None and visit.guest
    assert (visit.purpose, visit.first_visit, visit.kiosk) == ("coffee", True, new_kiosk.kiosk)
    assert visit.program == new_kiosk.kiosk.program
    thanks = tablet.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you. Welcome in!" in thanks.content.decode()
    new_kiosk.kiosk.refresh_from_db()
    assert new_kiosk.kiosk.last_used_at == visit.signed_in_at


def test_a_member_signs_in_with_their_handle_however_they_type_it(new_kiosk, tablet, people):
    for typed in ("river", "River", " @river "):
        assert sign_in(tablet, new_kiosk.secret, handle=typed).status_code == 302
    assert Visit.objects.filter(person=people.river).count() == 3
    assert not Visit.objects.filter(person__isnull=True).exists()


def test_a_guest_button_with_a_handle_typed_is_still_a_guest_visit(new_kiosk, tablet):
    sign_in(tablet, new_kiosk.secret, **{"as": "guest", "handle": "river"})
    assert Visit.objects.get().person is None


def test_known_and_unknown_handles_get_exactly_the_same_answer(new_kiosk, tablet, people):
    known = sign_in(tablet, new_kiosk.secret, handle="river")
    unknown = sign_in(tablet, new_kiosk.secret, handle="nobody-by-this-name")
    closed = User.objects.create_user("gone", PASSWORD, is_active=False)
    inactive = sign_in(tablet, new_kiosk.secret, handle=closed.handle)
    assert known.status_code == unknown.status_code == inactive.status_code == 302
    assert known["Location"] == unknown["Location"] == inactive["Location"]
    assert known.content == unknown.content == inactive.content
    first = html_of(tablet.get(known["Location"]))
    second = html_of(tablet.get(unknown["Location"]))
    assert first == second
    # Recorded: river's visit, and two guest visits (the unknown handle, the closed account).
    assert [v.person for v in Visit.objects.order_by("pk")] == [people.river, None, None]


def test_a_get_never_records_a_visit(new_kiosk, tablet):
    tablet.get(kiosk_url(new_kiosk.secret))
    tablet.get(thanks_url(new_kiosk.secret))
    tablet.get(kiosk_url(new_kiosk.secret) + "?handle=river&as=guest")
    assert not Visit.objects.exists()
    assert Kiosk.objects.get().last_used_at is None


# --- No private data -----------------------------------------------------------------------


def test_the_kiosk_shows_no_one_s_data(new_kiosk, tablet, people, center):
    programs.enrol(people.morgan, center, "sam")
    for handle in ("river", "sam", "jo"):
        services.sign_in(new_kiosk.kiosk, handle=handle, purpose="peer", first_visit=True)
    start = tablet.get(kiosk_url(new_kiosk.secret))
    after = sign_in(tablet, new_kiosk.secret, handle="river", purpose="meeting")
    thanks = tablet.get(after["Location"], follow=True)
    for page in (start, thanks):
        html = html_of(page)
        assert handles_in(html) == [], "a person's handle on the kiosk"
        for private in ("signed in today", "visits today", "Sign out", "Notifications", "Menu"):
            assert private.lower() not in html.lower()
        assert 'class="menu"' not in html and "site-footer" not in html
        # Only the site's crisis lines link leads anywhere else.
        assert reverse("safety-help") in html
        links = set(re.findall(r'href="(/[^"]*)"', html))
        allowed = {reverse("safety-help"), kiosk_url(new_kiosk.secret)}
        assert {link for link in links if not link.startswith("/static/")} <= allowed


def test_an_error_never_shows_the_handle_typed_back(new_kiosk, tablet):
    too_long = "river" + "x" * 60
    response = sign_in(tablet, new_kiosk.secret, handle=too_long)
    assert response.status_code == 400
    html = response.content.decode()
    assert "xxxxxxxxxx" not in html
    assert 'name="handle"' in html and 'name="handle" value' not in html
    assert not Visit.objects.exists()


def test_nothing_is_cached_or_remembered(new_kiosk, tablet, settings):
    pages = [
        tablet.get(kiosk_url(new_kiosk.secret)),
        sign_in(tablet, new_kiosk.secret, handle=""),  # an error, re-shown
        tablet.get(thanks_url(new_kiosk.secret)),
    ]
    for page in pages:
        assert "no-store" in page["Cache-Control"]
        assert page["Referrer-Policy"] == "same-origin"  # the secret never leaves the site
    html = pages[0].content.decode()
    assert re.search(r'<form method="post"[^>]* autocomplete="off"', html)
    assert re.search(r'<input type="text" name="handle"[^>]* autocomplete="off"', html)
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert settings.SESSION_COOKIE_NAME not in tablet.cookies  # nobody's session on the tablet


# --- Back to the start by itself -----------------------------------------------------------


def test_the_thank_you_goes_back_to_the_start_by_itself(new_kiosk, tablet, settings):
    start = kiosk_url(new_kiosk.secret)
    html = tablet.get(thanks_url(new_kiosk.secret)).content.decode()
    # Without JavaScript: a refresh; with it, kiosk.js, told the same by data attributes.
    assert f'<noscript><meta http-equiv="refresh" content="8;url={start}"></noscript>' in html
    assert f'data-kiosk-start="{start}" data-kiosk-return-after="8"' in html
    assert "dropin/kiosk.js" in html
    assert 'href="' + start + '"' in html  # and a "Done" to go back at once
    settings.LANTERN_KIOSK_THANKS_SECONDS = 3
    html = tablet.get(thanks_url(new_kiosk.secret)).content.decode()
    assert f'content="3;url={start}"' in html
    assert "back to the start in 3 seconds" in html


def test_a_form_left_half_filled_clears_itself(new_kiosk, tablet, settings):
    start = kiosk_url(new_kiosk.secret)
    html = tablet.get(start).content.decode()
    assert f'<meta http-equiv="refresh" content="90;url={start}">' in html
    assert 'data-kiosk-return-after="90" data-kiosk-warn="20"' in html
    assert "After 90 seconds without a tap this screen starts over" in html
    settings.LANTERN_KIOSK_IDLE_SECONDS = 6
    html = sign_in(tablet, new_kiosk.secret, handle="").content.decode()  # after an error too
    assert f'content="6;url={start}"' in html
    assert 'data-kiosk-return-after="6" data-kiosk-warn="2"' in html


# --- Revoked, wrong or closed: 404 ---------------------------------------------------------


def test_a_revoked_kiosk_is_a_404_at_once(new_kiosk, tablet, people):
    assert tablet.get(kiosk_url(new_kiosk.secret)).status_code == 200
    services.revoke_kiosk(people.morgan, new_kiosk.kiosk)
    assert tablet.get(kiosk_url(new_kiosk.secret)).status_code == 404
    assert tablet.get(thanks_url(new_kiosk.secret)).status_code == 404
    assert sign_in(tablet, new_kiosk.secret, handle="river").status_code == 404
    assert not Visit.objects.exists()
    assert AuditEvent.objects.filter(action="dropin.kiosk_revoke").count() == 1


def test_a_revoked_kiosk_records_nothing_even_through_the_service(new_kiosk, people):
    kiosk = services.revoke_kiosk(people.morgan, new_kiosk.kiosk)
    with pytest.raises(Refused):
        services.sign_in(kiosk, **{"as_guest": True})
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    "secret",
    ["wrong", "x" * 43, "a" * 101, "%20", "..."],
)
def test_a_wrong_address_is_a_404(new_kiosk, tablet, secret):
    assert tablet.get(kiosk_url(secret)).status_code == 404
    assert tablet.post(kiosk_url(secret), {"as": "guest"}).status_code == 404
    assert tablet.get(thanks_url(secret)).status_code == 404
    assert not Visit.objects.exists()


def test_a_near_miss_of_the_secret_is_a_404(new_kiosk, tablet):
    secret = new_kiosk.secret
    assert tablet.get(kiosk_url(secret[:-1])).status_code == 404
    assert tablet.get(kiosk_url(secret[1:] + secret[0])).status_code == 404
    assert tablet.get(kiosk_url(secrets.token_urlsafe(32))).status_code == 404


def test_only_a_digest_of_the_secret_is_kept(new_kiosk):
    kiosk = Kiosk.objects.get()
    assert new_kiosk.secret not in kiosk.digest and len(kiosk.digest) == 64
    assert len(new_kiosk.secret) >= 40


def test_a_closed_program_s_kiosk_is_a_404(new_kiosk, tablet, people, center):
    programs.close_program(people.alex, center)
    assert tablet.get(kiosk_url(new_kiosk.secret)).status_code == 404


# --- Never inside someone's session --------------------------------------------------------


def test_a_signed_in_browser_is_asked_to_sign_out_first(new_kiosk, signed_in, people):
    morgan = signed_in(people.morgan)
    page = morgan.get(kiosk_url(new_kiosk.secret))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Someone is signed in on this device" in html
    assert 'name="handle"' not in html  # no sign-in form inside a session
    assert f'action="{reverse("account_logout")}"' in html
    assert f'name="next" value="{kiosk_url(new_kiosk.secret)}"' in html
    assert handles_in(html_of(page)) == []
    # A sign-in posted from a signed-in browser records nothing.
    response = morgan.post(kiosk_url(new_kiosk.secret), {"as": "guest"})
    assert response.status_code == 302 and response["Location"] == kiosk_url(new_kiosk.secret)
    assert not Visit.objects.exists()
    # Signing out comes back to the kiosk, which now works, for nobody.
    out = morgan.post(reverse("account_logout"), {"next": kiosk_url(new_kiosk.secret)})
    assert out["Location"] == kiosk_url(new_kiosk.secret)
    again = morgan.get(out["Location"])
    assert 'name="handle"' in again.content.decode()
    assert "_auth_user_id" not in morgan.session
    assert "You have signed out" not in again.content.decode()


def test_staff_start_a_kiosk_and_open_it_on_this_device(center, signed_in, people):
    morgan = signed_in(people.morgan)
    response = morgan.post(reverse("dropin-kiosks", args=[center.slug]), {"name": "Front desk"})
    assert response.status_code == 200
    html = response.content.decode()
    secret = re.search(r"/kiosk/([A-Za-z0-9_-]{40,})/", html).group(1)
    assert Kiosk.objects.get().digest == access.digest_of(secret)
    assert "Open the kiosk on this device" in html
    assert f'name="next" value="{kiosk_url(secret)}"' in html
    # Shown this once: the list shows the kiosk, never its address again.
    listed = morgan.get(reverse("dropin-kiosks", args=[center.slug])).content.decode()
    assert "Front desk" in listed and secret not in listed
    # "Open the kiosk on this device": morgan's session ends here, the kiosk starts.
    opened = morgan.post(reverse("account_logout"), {"next": kiosk_url(secret)}, follow=True)
    assert opened.redirect_chain[-1][0] == kiosk_url(secret)
    assert 'name="handle"' in opened.content.decode()
    assert "_auth_user_id" not in morgan.session
    assert morgan.get(reverse("dropin-kiosks", args=[center.slug])).status_code == 302


# --- Bad input and the rate limit ----------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        ({"as": "handle", "handle": ""}, "Type your handle, or sign in as a guest."),
        ({"as": "handle", "handle": "   "}, "Type your handle, or sign in as a guest."),
        ({}, "Type your handle, or sign in as a guest."),
        ({"as": "guest", "purpose": "drinks"}, "Select a valid choice."),
        ({"as": "handle", "handle": "r" * 41}, "at most 40 characters"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_records_nothing(new_kiosk, tablet, data, message):
    response = tablet.post(kiosk_url(new_kiosk.secret), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Visit.objects.exists()


def test_kiosk_sign_ins_are_rate_limited_per_kiosk(new_kiosk, tablet, people, center, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "dropin_kiosk": "3/10m"}
    for _n in range(3):
        assert sign_in(tablet, new_kiosk.secret, **{"as": "guest"}).status_code == 302
    refused = sign_in(tablet, new_kiosk.secret, **{"as": "guest"})
    assert refused.status_code == 429
    assert "Please wait a few minutes" in refused.content.decode()
    assert Visit.objects.count() == 3
    other = services.create_kiosk(people.morgan, center, "Clubhouse")
    assert sign_in(tablet, other.secret, **{"as": "guest"}).status_code == 302


def test_the_service_refuses_a_purpose_it_does_not_know(new_kiosk):
    with pytest.raises(Refused) as refused:
        services.sign_in(new_kiosk.kiosk, as_guest=True, purpose="drinks")
    assert refused.value.field == "purpose"


# --- What the kiosk shows ------------------------------------------------------------------


def test_the_kiosk_shows_today_s_hours_and_activities_on_the_center_s_clock(
    new_kiosk, tablet, people, center
):
    services.add_activity(
        people.morgan,
        center,
        title="SMART Recovery meeting",
        place="the meeting room",
        starts=time(18),
        ends=time(19),
        weekday=2,
    )
    services.add_activity(
        people.morgan, center, title="Game night", place="the lounge", starts=time(17), weekday=4
    )
    # Wednesday 3 December 2025, 10:15 PM in Chicago: 04:15 on Thursday in UTC.
    with time_machine.travel(datetime.fromisoformat("2025-12-04T04:15:00+00:00"), tick=False):
        html = tablet.get(kiosk_url(new_kiosk.secret)).content.decode()
    assert "SMART Recovery meeting" in html and "the meeting room" in html
    assert "Game night" not in html  # Thursday's, in UTC: not today here
    assert "6:00 PM–7:00 PM" in html
    assert "Closed for the rest of today." in html
    with time_machine.travel(datetime.fromisoformat("2025-12-03T16:00:00+00:00"), tick=False):
        html = tablet.get(kiosk_url(new_kiosk.secret)).content.decode()
    assert "Open now, until 12:30 PM." in html  # 10 AM in Chicago
