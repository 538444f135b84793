from django.test import Client

from lantern.accounts import services
from lantern.accounts.models import AccountRecoveryCode, User
from lantern.conftest import PASSWORD

NEW = "another-long-passphrase-2027"


def make_codes(client):
    response = client.post("/accounts/recovery-codes/", {"password": PASSWORD})
    assert response.status_code == 200
    return response.context["codes"]


def test_a_member_without_email_makes_recovery_codes_and_sees_them_once(people, signed_in):
    client = signed_in(people.river)
    codes = make_codes(client)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    # Only hashes are stored.
    stored = AccountRecoveryCode.objects.filter(user=people.river)
    assert stored.count() == 10
    assert not any(code in row.code_hash for row in stored for code in codes)
    # Shown once: the page now only counts them.
    again = client.get("/accounts/recovery-codes/")
    assert codes[0].encode() not in again.content
    assert b"10 unused codes" in again.content


def test_making_codes_needs_the_password(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/accounts/recovery-codes/", {"password": "wrong"})
    assert b"That is not your password." in response.content
    assert not AccountRecoveryCode.objects.filter(user=people.river).exists()


def test_a_recovery_code_sets_a_new_password_and_works_only_once(people, signed_in):
    code = make_codes(signed_in(people.river))[3]
    visitor = Client()
    response = visitor.post(
        "/accounts/recover/",
        {"handle": "river", "code": code.upper(), "password1": NEW, "password2": NEW},
    )
    assert response.status_code == 302
    assert visitor.post("/accounts/login/", {"login": "river", "password": NEW}).status_code == 302
    again = Client().post(
        "/accounts/recover/",
        {"handle": "river", "code": code, "password1": "x" + NEW, "password2": "x" + NEW},
    )
    assert b"do not match an unused code" in again.content
    assert services.unused_recovery_codes(people.river) == 9


def test_a_wrong_code_or_handle_gets_the_same_answer(people, signed_in):
    code = make_codes(signed_in(people.river))[0]
    wrong_code = Client().post(
        "/accounts/recover/",
        {"handle": "river", "code": "aaaa-bbbb-cccc", "password1": NEW, "password2": NEW},
    )
    wrong_handle = Client().post(
        "/accounts/recover/",
        {"handle": "nobody", "code": code, "password1": NEW, "password2": NEW},
    )
    for response in (wrong_code, wrong_handle):
        assert b"That handle and recovery code do not match an unused code." in response.content
    # sam cannot use river's code on his own account.
    sams = Client().post(
        "/accounts/recover/", {"handle": "sam", "code": code, "password1": NEW, "password2": NEW}
    )
    assert b"do not match" in sams.content


def test_guessing_recovery_codes_is_slowed_down(people, signed_in):
    make_codes(signed_in(people.river))
    visitor = Client()
    for n in range(5):
        guess = {"handle": "river", "code": f"aaaa-bbbb-ccc{n}", "password1": NEW, "password2": NEW}
        assert visitor.post("/accounts/recover/", guess).status_code == 200
    real = services.create_recovery_codes(people.river)[0]
    blocked = visitor.post(
        "/accounts/recover/", {"handle": "river", "code": real, "password1": NEW, "password2": NEW}
    )
    assert blocked.status_code == 429
    assert b"Too many attempts" in blocked.content
    assert services.unused_recovery_codes(people.river) == 10  # nothing was used or changed


def test_guessing_the_password_on_an_open_session_is_slowed_down(people, signed_in):
    client = signed_in(people.river)
    for _ in range(10):
        client.post("/accounts/delete/", {"password": "guess"})
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert b"Too many attempts" in response.content
    assert User.objects.filter(pk=people.river.pk).exists()


def test_a_weak_new_password_is_refused_and_the_code_is_not_used_up(people, signed_in):
    code = make_codes(signed_in(people.river))[0]
    response = Client().post(
        "/accounts/recover/",
        {"handle": "river", "code": code, "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert b"too common" in response.content
    assert services.unused_recovery_codes(people.river) == 10


def test_guessing_at_someones_recovery_codes_does_not_keep_them_from_theirs(people, signed_in):
    """The handle is public: wrong codes typed for it from one address slow that address, not
    the person from wherever they are."""
    make_codes(signed_in(people.river))
    guesser = Client()
    for n in range(10):
        guess = {
            "handle": "river",
            "code": f"aaaa-bbbb-cc{n:02}",
            "password1": NEW,
            "password2": NEW,
        }
        guesser.post("/accounts/recover/", guess, REMOTE_ADDR="198.51.100.7")
    real = services.create_recovery_codes(people.river)[0]
    response = Client().post(
        "/accounts/recover/",
        {"handle": "river", "code": real, "password1": NEW, "password2": NEW},
        REMOTE_ADDR="192.0.2.20",
    )
    assert response.status_code == 302
    assert services.unused_recovery_codes(people.river) == 9
