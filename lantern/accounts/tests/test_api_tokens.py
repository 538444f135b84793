"""Personal API tokens: made on /accounts/tokens/ (password confirmed, shown once), used as
`Authorization: Bearer lnt_…` on /api/v1/ without cookies or CSRF, revoked by their owner."""

import hashlib
import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from lantern.accounts import services
from lantern.accounts.models import ApiToken, User
from lantern.conftest import PASSWORD
from lantern.core.errors import NotFound
from lantern.core.models import AuditEvent

TOKENS = "/accounts/tokens/"


def make_token(client, name="my phone app", scope="write", days=90):
    response = client.post(
        TOKENS, {"name": name, "scope": scope, "days": days, "password": PASSWORD}
    )
    assert response.status_code == 200, response.content[:500]
    secret = response.context["secret"]
    assert secret, response.context["form"].errors
    return secret


def app(secret: str) -> Client:
    """A phone app or script: no cookies, CSRF enforced as for any client, only the token."""
    client = Client(enforce_csrf_checks=True)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def new_counter(client):
    return client.post(
        "/api/v1/recovery/counters",
        json.dumps({"kind": "alcohol", "started_on": "2026-01-01"}),
        content_type="application/json",
    )


def test_a_member_makes_a_token_and_sees_it_once(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        TOKENS, {"name": "my phone app", "scope": "write", "days": 90, "password": PASSWORD}
    )
    secret = response.context["secret"]
    assert secret.startswith("lnt_") and len(secret) > 40
    page = response.content.decode()
    assert f'<code class="secret" id="new-token">{secret}</code>' in page
    assert "it will not be shown again" in page
    # Only the digest and a short prefix are kept.
    token = ApiToken.objects.get(owner=people.river)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (token.token_hash, token.prefix) and secret.startswith(token.prefix)
    assert token.name == "my phone app" and token.scope == "write"
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    assert AuditEvent.objects.filter(action="api_token.create", subject=people.river).exists()
    # Shown once: the list names it but never shows the secret again.
    again = river.get(TOKENS).content.decode()
    assert "my phone app" in again and f"{token.prefix}…" in again
    assert secret not in again
    assert "never used" in again


def test_the_token_page_is_linked_from_preferences(people, signed_in):
    assert (
        b'href="/accounts/tokens/"' in signed_in(people.river).get("/accounts/preferences/").content
    )


def test_a_token_reads_and_writes_as_its_owner_without_csrf(people, signed_in):
    phone = app(make_token(signed_in(people.river)))
    me = phone.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["handle"] == "river"
    assert phone.get("/api/v1/recovery/counters").json()["items"] == []
    created = new_counter(phone)
    assert created.status_code == 201, created.content
    assert people.river.counters.get().kind == "alcohol"
    assert phone.get("/api/v1/recovery/counters").json()["count"] == 1
    # Nobody else's counters: sam's token sees only sam's.
    sams = app(make_token(signed_in(people.sam)))
    assert sams.get("/api/v1/recovery/counters").json()["count"] == 0
    assert ApiToken.objects.get(owner=people.river).last_used_at is not None


def test_a_read_only_token_reads_but_cannot_write(people, signed_in):
    phone = app(make_token(signed_in(people.river), scope="read"))
    assert phone.get("/api/v1/recovery/counters").status_code == 200
    refused = new_counter(phone)
    assert refused.status_code == 403
    assert "can only read" in refused.json()["detail"]
    assert not people.river.counters.exists()


def test_a_revoked_token_stops_working_at_once(people, signed_in):
    river = signed_in(people.river)
    phone = app(make_token(river))
    assert phone.get("/api/v1/me").status_code == 200
    token = ApiToken.objects.get(owner=people.river)
    response = river.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert "The token “my phone app” is revoked." in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert AuditEvent.objects.filter(action="api_token.revoke", subject=people.river).exists()
    refused = phone.get("/api/v1/me")
    assert refused.status_code == 401
    assert "not valid" in refused.json()["detail"]


def test_an_expired_token_is_refused_and_shown_as_expired(people, signed_in):
    river = signed_in(people.river)
    phone = app(make_token(river, days=30))
    assert phone.get("/api/v1/me").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert phone.get("/api/v1/me").status_code == 401
    page = river.get(TOKENS).content.decode()
    assert "expired" in page and "Remove “my phone app”" in page


def test_wrong_tokens_and_inactive_owners_are_refused(people, signed_in):
    secret = make_token(signed_in(people.river))
    assert (
        app(secret[:-1] + ("A" if secret[-1] != "A" else "B")).get("/api/v1/me").status_code == 401
    )
    assert app("not-a-lantern-token").get("/api/v1/me").status_code == 401
    User.objects.filter(pk=people.river.pk).update(is_active=False)
    assert app(secret).get("/api/v1/me").status_code == 401


def test_a_bad_token_is_refused_even_beside_a_session(people, signed_in):
    river = signed_in(people.river)
    assert river.get("/api/v1/me", headers={"Authorization": "Bearer lnt_wrong"}).status_code == 401


def test_someone_elses_token_cannot_be_revoked(people, signed_in):
    make_token(signed_in(people.river))
    token = ApiToken.objects.get(owner=people.river)
    response = signed_in(people.sam).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_making_a_token_needs_the_password(people, signed_in):
    response = signed_in(people.river).post(
        TOKENS, {"name": "x", "scope": "read", "days": 90, "password": "wrong"}
    )
    assert b"That is not your password." in response.content
    assert response.context["secret"] is None
    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name_and_a_lifetime_from_the_list(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        TOKENS, {"name": " ", "scope": "write", "days": 3650, "password": PASSWORD}
    )
    page = response.content.decode()
    assert 'aria-describedby="id_name_errors' in page
    assert "Select a valid choice" in page
    assert not ApiToken.objects.exists()


def test_at_most_ten_live_tokens(people, signed_in):
    river = signed_in(people.river)
    for n in range(10):
        services.create_api_token(people.river, name=f"t{n}", scope="read", days=30)
    response = river.post(
        TOKENS, {"name": "one more", "scope": "read", "days": 30, "password": PASSWORD}
    )
    assert "Revoke one you no longer use first." in response.content.decode()
    assert ApiToken.objects.filter(owner=people.river).count() == 10


def test_staff_tokens_act_at_member_level_only(people, signed_in):
    """A token is one factor; staff roles need two. morgan's token is morgan the member."""
    from lantern.community.models import Space

    Space.objects.create(slug="private", name="Private", kind=Space.Kind.PRIVATE)
    session = signed_in(people.morgan)  # through password and two-factor
    assert session.get("/api/v1/me").json()["roles"] == ["member", "moderator"]
    assert "private" in [s["slug"] for s in session.get("/api/v1/community/spaces").json()["items"]]
    page = session.get(TOKENS).content.decode()
    assert "never carry your specialist, moderator or administrator role" in page
    phone = app(make_token(session))
    assert phone.get("/api/v1/me").json()["roles"] == ["member"]
    listed = phone.get("/api/v1/community/spaces").json()["items"]
    assert "private" not in [s["slug"] for s in listed]
    # An administrator's token is not an administrator either.
    assert app(make_token(signed_in(people.alex))).get("/api/v1/me").json()["roles"] == []


def test_last_used_is_written_at_most_once_a_minute(people, signed_in):
    phone = app(make_token(signed_in(people.river)))
    phone.get("/api/v1/me")
    first = ApiToken.objects.get().last_used_at
    phone.get("/api/v1/me")
    assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        phone.get("/api/v1/me")
    assert ApiToken.objects.get().last_used_at > first


def test_guessing_tokens_is_slowed_down(people, signed_in):
    secret = make_token(signed_in(people.river))
    guesser = app("lnt_" + "x" * 43)
    for _ in range(20):
        assert guesser.get("/api/v1/me").status_code == 401
    blocked = guesser.get("/api/v1/me")
    assert blocked.status_code == 429
    assert "Please wait a few minutes and try again" in blocked.json()["detail"]
    # Someone else's valid token from the same address (a shared NAT) still works.
    assert app(secret).get("/api/v1/me").status_code == 200


def test_valid_tokens_never_count_towards_the_limit_on_wrong_ones(people, signed_in):
    phone = app(make_token(signed_in(people.river)))
    for _ in range(30):
        assert phone.get("/api/v1/me").status_code == 200
    guesser = app("lnt_" + "y" * 43)
    assert guesser.get("/api/v1/me").status_code == 401  # the first wrong one: not blocked


def test_someone_elses_token_cannot_be_revoked_by_the_service_either(people, signed_in):
    make_token(signed_in(people.river))
    token = ApiToken.objects.get()
    with pytest.raises(NotFound):
        services.revoke_api_token(token, by=people.sam)
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_a_new_password_ends_every_token(people, signed_in):
    """After an account was taken over, setting a new password must leave the intruder
    nothing: not a token made while they had it."""
    river = signed_in(people.river)
    secret = make_token(river)
    assert app(secret).get("/api/v1/me").status_code == 200
    changed = river.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a new long passphrase 42",
            "password2": "a new long passphrase 42",
        },
    )
    assert changed.status_code == 302
    assert app(secret).get("/api/v1/me").status_code == 401
    assert not ApiToken.objects.exists()
    assert AuditEvent.objects.filter(action="api_token.revoke", subject=people.river).exists()


def test_recovering_the_account_with_a_code_ends_every_token(people, signed_in):
    secret = make_token(signed_in(people.river))
    [code] = services.create_recovery_codes(people.river)[:1]
    services.recover_with_code("river", code, "another long passphrase 7")
    assert app(secret).get("/api/v1/me").status_code == 401


def test_a_staff_token_does_not_list_what_came_to_them_as_staff(people, signed_in):
    from lantern.core import notification_kinds
    from lantern.core.notifications import notify
    from lantern.safety import services as safety

    notification_kinds.register("test.tokens.reply", title="%(actor)s replied to “%(thread)s”")
    safety.start_shift(people.casey, "specialist", 8)
    safety.start_reach_out(people.river)
    notify(people.casey, "test.tokens.reply", actor=people.sam, params={"thread": "Hello"})
    assert people.casey.notifications.filter(kind="safety.reach_out").exists()
    secret = make_token(signed_in(people.casey), scope="read")
    titles = [n["title"] for n in app(secret).get("/api/v1/notifications").json()["items"]]
    assert titles == ["sam replied to “Hello”"]


def test_the_openapi_document_describes_bearer_tokens(db):
    schema = Client().get("/api/v1/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["ApiTokenAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    assert {"ApiTokenAuth": []} in schema["paths"]["/api/v1/me"]["get"]["security"]


def test_export_lists_tokens_without_secrets_and_erasure_deletes_them(people, signed_in):
    river = signed_in(people.river)
    secret = make_token(river, name="my phone app", scope="read")
    exported = river.get("/accounts/export/")
    data = json.loads(exported.content)
    assert [(t["name"], t["scope"]) for t in data["api_tokens"]] == [("my phone app", "read")]
    text = exported.content.decode()
    assert secret not in text and ApiToken.objects.get().token_hash not in text
    river.post("/accounts/delete/", {"password": PASSWORD})
    assert not ApiToken.objects.exists()
    assert app(secret).get("/api/v1/me").status_code == 401
