"""Input the fuzzer of issue 12 sent to accounts: NUL characters in a sign-up form, in a login,
and in a handle in the path (PostgreSQL refuses them in text: each was a 500 there). Each is
answered 400 with a reason, and no account is made."""

from django.urls import reverse

from lantern.accounts.models import User
from lantern.accounts.tests.test_signup import GOOD


def test_a_handle_with_a_nul_is_refused_at_sign_up(client, db):
    response = client.post(reverse("account_signup"), {**GOOD, "username": "riv\x00er"})
    assert response.status_code == 400
    assert "a character Lantern cannot store" in response.content.decode()
    assert not User.objects.exists()


def test_a_login_with_a_nul_is_refused_before_any_lookup(client, people):
    response = client.post(reverse("account_login"), {"login": "riv\x00er", "password": "x"})
    assert response.status_code == 400


def test_a_handle_with_a_nul_in_a_staff_page_path_gets_400(people, signed_in):
    url = reverse("accounts-staff-person", args=["river"]).replace("river", "riv%00er")
    assert signed_in(people.alex).get(url).status_code == 400


def test_the_api_me_documents_its_answers(client, db):
    document = client.get(reverse("api:openapi-json")).json()
    answers = document["paths"][reverse("api:accounts-me")]["get"]["responses"]
    assert {"200", "400", "401", "403", "404", "422", "429"} <= set(answers)
