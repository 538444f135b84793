from django.test import Client

from lantern.conftest import PASSWORD


def test_a_member_signs_in_and_out(client, people):
    response = client.post("/accounts/login/", {"login": "river", "password": PASSWORD})
    assert response.status_code == 302
    assert b"Welcome, river" in client.get("/").content
    client.post("/accounts/logout/")
    assert b"You don't have to do this alone." in client.get("/").content


def test_the_sign_in_page_offers_both_ways_back_in(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_login">Handle</label>' in html
    assert 'href="/accounts/recover/"' in html
    assert 'href="/accounts/password/reset/"' in html


def test_signing_in_is_not_case_sensitive_on_the_handle(client, people):
    response = client.post("/accounts/login/", {"login": "RIVER", "password": PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_says_so_without_telling_which_part_was_wrong(client, people):
    response = client.post("/accounts/login/", {"login": "river", "password": "nope"})
    assert response.status_code == 200
    assert b"not correct" in response.content
    response = client.post("/accounts/login/", {"login": "nobody", "password": "nope"})
    assert b"not correct" in response.content


def test_the_session_key_changes_at_sign_in(client, people):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/accounts/login/", {"login": "river", "password": PASSWORD})
    assert client.session.session_key != before


def test_repeated_failed_sign_ins_are_slowed_down(client, people):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "river", "password": "guess"})
    response = client.post("/accounts/login/", {"login": "river", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many wrong passwords for this handle" in response.content
    # Another person's sign-in from the same address is not slowed by river's attacker
    # (test_signin_slowdown.py tells the whole story).
    other = Client().post("/accounts/login/", {"login": "sam", "password": PASSWORD})
    assert other.status_code == 302


def test_private_pages_are_never_cached(people, signed_in):
    client = signed_in(people.river)
    response = client.get("/accounts/preferences/")
    assert "no-store" in response["Cache-Control"]
    # Public pages for visitors may be cached.
    assert "no-store" not in Client().get("/help/").get("Cache-Control", "")
