import json

from lantern.accounts.models import ConsentRecord, RoleGrant, User
from lantern.conftest import PASSWORD
from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.notifications import notify

notification_kinds.register("test.my_data", title="Someone replied")


def test_a_member_downloads_everything_kept_about_them(people, signed_in):
    notify(people.river, "test.my_data", body="jo replied to your post")
    client = signed_in(people.river)
    response = client.get("/accounts/export/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["handle"] == "river"
    assert data["roles"] == ["member"]
    assert {c["document"] for c in data["consents"]} == {"guidelines", "privacy"}
    assert data["notifications"][0]["body"] == "jo replied to your post"
    # Nothing of anyone else's.
    assert "sam" not in response.content.decode()


def test_erasing_an_account_leaves_nothing_of_it_behind(people, signed_in):
    notify(people.river, "test.my_data", body="private text")
    client = signed_in(people.river)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    river_id = people.river.pk
    assert not User.objects.filter(pk=river_id).exists()
    assert not Notification.objects.filter(recipient_id=river_id).exists()
    assert not ConsentRecord.objects.filter(user_id=river_id).exists()
    assert not RoleGrant.objects.filter(user_id=river_id).exists()
    assert b"You don't have to do this alone." in client.get("/").content


def test_erasing_ends_the_sessions_on_every_device(people, signed_in):
    from django.contrib.sessions.models import Session

    phone, laptop = signed_in(people.river), signed_in(people.river)
    phone.post("/accounts/delete/", {"password": PASSWORD})
    mine = [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(people.river.pk)
    ]
    assert mine == []
    assert b"You don't have to do this alone." in laptop.get("/").content


def test_erasing_needs_the_password(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert b"That is not your password." in response.content
    assert User.objects.filter(pk=people.river.pk).exists()


def test_the_api_tells_a_member_who_they_are(people, signed_in):
    data = signed_in(people.jo).get("/api/v1/me").json()
    assert data["handle"] == "jo"
    assert data["roles"] == ["member", "supporter"]
