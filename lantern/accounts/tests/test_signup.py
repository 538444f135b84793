from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from lantern import settings as lantern_settings
from lantern.accounts.models import ConsentRecord, User

GOOD = {
    "username": "river_k",
    "password1": "a-long-demo-passphrase-2026",
    "password2": "a-long-demo-passphrase-2026",
    "accept_guidelines": "on",
    "accept_privacy": "on",
    "time_zone": "America/Chicago",
}


def test_a_newcomer_signs_up_with_only_a_handle_and_password(client, db):
    response = client.post("/accounts/signup/", GOOD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(handle="river_k")
    assert user.email == ""
    assert user.roles == {"member"}
    assert user.time_zone == "America/Chicago"
    home = client.get("/")
    assert b"Welcome, river_k" in home.content
    # No email on file: the home page offers recovery codes as the way back in.
    assert b"Make recovery codes" in home.content


def test_sign_up_records_which_guidelines_and_privacy_notice_were_accepted_and_when(client, db):
    before = timezone.now()
    client.post("/accounts/signup/", GOOD)
    consents = {c.document: c for c in ConsentRecord.objects.filter(user__handle="river_k")}
    assert consents["guidelines"].version == settings.GUIDELINES_VERSION
    assert consents["privacy"].version == settings.PRIVACY_VERSION
    assert all(before <= c.accepted_at <= timezone.now() for c in consents.values())


def test_sign_up_without_accepting_the_guidelines_says_why_and_keeps_what_was_typed(client, db):
    response = client.post("/accounts/signup/", {**GOOD, "accept_guidelines": ""})
    assert response.status_code == 200
    assert b"Please accept the community guidelines to join." in response.content
    assert b'value="river_k"' in response.content  # nothing typed is lost
    assert not User.objects.filter(handle="river_k").exists()
    assert not ConsentRecord.objects.exists()


def test_a_handle_is_taken_whatever_its_capitals(client, people):
    response = client.post("/accounts/signup/", {**GOOD, "username": "RIVER"})
    assert response.status_code == 200
    assert b"already" in response.content.lower()
    assert User.objects.filter(handle__iexact="river").count() == 1


def test_a_handle_with_spaces_or_symbols_is_refused_with_a_reason(client, db):
    response = client.post("/accounts/signup/", {**GOOD, "username": "river k!"})
    assert response.status_code == 200
    assert not User.objects.filter(handle="river k!").exists()
    assert b"errors" in response.content


def test_email_is_optional_but_kept_when_given(client, db):
    client.post("/accounts/signup/", {**GOOD, "email": "river@example.org"})
    assert User.objects.get(handle="river_k").email == "river@example.org"


def test_passwords_are_hashed_with_argon2(client, db):
    assert lantern_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=lantern_settings.PASSWORD_HASHERS):
        client.post("/accounts/signup/", GOOD)
    assert User.objects.get(handle="river_k").password.startswith("argon2$")
