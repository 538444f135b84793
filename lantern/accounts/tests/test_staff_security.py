"""Staff (specialists, moderators, admins) see other people's sensitive records, so their
accounts must use two-factor authentication and their sessions end when left idle."""

import time

from django.test import Client

from lantern.accounts import services
from lantern.accounts.middleware import LAST_SEEN_KEY
from lantern.accounts.models import Role
from lantern.conftest import PASSWORD, sign_in, totp_code


def test_staff_sign_in_asks_for_the_two_factor_code(client, people):
    response = client.post("/accounts/login/", {"login": "casey", "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    # Not signed in yet: the home page is the public one.
    assert b"You don't have to do this alone." in client.get("/").content
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert b"Incorrect code" in wrong.content
    right = client.post("/accounts/2fa/authenticate/", {"code": totp_code("casey")})
    assert right.status_code == 302
    assert b"Welcome, casey" in client.get("/").content


def test_an_admin_cannot_make_someone_staff_before_they_use_two_factor(people, signed_in):
    admin = signed_in(people.alex)
    response = admin.post(
        "/staff/people/jo/roles/", {"role": "moderator", "action": "grant"}, follow=True
    )
    assert b"must turn on two-factor authentication" in response.content
    people.jo.refresh_from_db()
    assert "moderator" not in people.jo.roles
    # A supporter role needs no second factor.
    admin.post("/staff/people/sam/roles/", {"role": "supporter", "action": "grant"})
    people.sam.refresh_from_db()
    assert "supporter" in people.sam.roles


def test_an_admin_made_at_the_command_line_must_set_up_two_factor_at_once(client, people):
    client.post("/accounts/login/", {"login": "jo", "password": PASSWORD})
    assert client.get("/accounts/preferences/").status_code == 200
    services.grant_role(people.jo, Role.SPECIALIST, by=None)  # manage.py, by the operator
    # jo's session predates two-factor: the next request sends jo to set it up.
    response = client.get("/accounts/preferences/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Help stays reachable, and so does setting up two-factor.
    assert client.get("/help/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200


def test_a_member_is_not_asked_for_two_factor(client, people):
    sign_in(client, people.river)
    assert client.get("/accounts/preferences/").status_code == 200


def test_a_staff_session_that_skipped_two_factor_is_ended(client, people):
    client.force_login(people.morgan)  # a session made without the second factor
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"Welcome" not in client.get("/").content


def test_staff_sessions_end_after_30_idle_minutes(client, people):
    sign_in(client, people.casey)
    assert client.get("/notifications/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"Welcome, casey" not in client.get("/").content


def test_background_requests_do_not_keep_a_staff_session_alive(client, people):
    sign_in(client, people.casey)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    client.get("/sw.js")
    client.get("/push/key/")
    client.get("/notifications/", HTTP_HX_REQUEST="true")  # an htmx poll
    session = client.session
    session[LAST_SEEN_KEY] -= 2 * 60  # two more minutes pass
    session.save()
    assert client.get("/notifications/")["Location"].startswith("/accounts/login/")


def test_staff_sessions_stay_open_while_in_use(client, people):
    sign_in(client, people.casey)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/notifications/").status_code == 200


def test_member_sessions_do_not_time_out_after_30_minutes(people):
    client = sign_in(Client(), people.river)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 3 * 3600
    session.save()
    assert client.get("/notifications/").status_code == 200
