import datetime

from lantern.accounts.models import User

BASE = {"handle": "river", "pronouns": "", "language": "en", "time_zone": "", "notify_push": "on"}


def test_a_member_sets_pronouns_time_zone_pathways_and_quiet_hours(people, signed_in):
    client = signed_in(people.river)
    response = client.post(
        "/accounts/preferences/",
        {
            **BASE,
            "pronouns": "she/they",
            "time_zone": "America/Denver",
            "pathways": ["smart", "medication"],
            "quiet_hours_start": "22:00",
            "quiet_hours_end": "07:00",
        },
    )
    assert response.status_code == 302
    river = User.objects.get(pk=people.river.pk)
    assert river.pronouns == "she/they"
    assert river.time_zone == "America/Denver"
    assert river.pathways == ["smart", "medication"]
    assert river.quiet_hours_start == datetime.time(22, 0)
    assert river.quiet_hours_end == datetime.time(7, 0)
    page = client.get("/accounts/preferences/")
    assert b'value="22:00"' in page.content


def test_half_a_quiet_hours_range_is_refused_and_nothing_else_is_lost(people, signed_in):
    client = signed_in(people.river)
    response = client.post(
        "/accounts/preferences/", {**BASE, "pronouns": "she/her", "quiet_hours_start": "22:00"}
    )
    assert response.status_code == 200
    assert b"Give both a start and an end" in response.content
    assert b'value="she/her"' in response.content  # what was typed is still there
    assert b'aria-invalid="true"' in response.content
    assert User.objects.get(pk=people.river.pk).quiet_hours_start is None


def test_email_notifications_need_an_email_address(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/accounts/preferences/", {**BASE, "notify_email": "on"})
    assert b"Add an email address first" in response.content
    assert not User.objects.get(pk=people.river.pk).notify_email


def test_a_handle_already_taken_is_refused(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/accounts/preferences/", {**BASE, "handle": "Sam"})
    assert response.status_code == 200
    assert User.objects.get(pk=people.river.pk).handle == "river"


def test_an_unknown_time_zone_is_refused(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/accounts/preferences/", {**BASE, "time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert b"errors" in response.content


def test_a_time_zone_not_in_the_short_list_can_be_typed(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/accounts/preferences/", {**BASE, "other_time_zone": "Europe/Berlin"})
    assert response.status_code == 302
    assert User.objects.get(pk=people.river.pk).time_zone == "Europe/Berlin"
    # It is offered in the list from now on.
    assert (
        b'<option value="Europe/Berlin" selected>' in client.get("/accounts/preferences/").content
    )
    response = client.post("/accounts/preferences/", {**BASE, "other_time_zone": "Berlin"})
    assert b"Berlin is not a time zone name" in response.content
    assert User.objects.get(pk=people.river.pk).time_zone == "Europe/Berlin"


def test_the_preferences_page_stays_small(people, signed_in):
    response = signed_in(people.river).get("/accounts/preferences/")
    assert len(response.content) < 30_000  # the page budget for member pages


def test_the_language_switch_works_without_javascript_and_is_remembered(people, signed_in):
    client = signed_in(people.river)
    response = client.post("/language/", {"language": "es", "next": "/help/"})
    assert response.status_code == 302
    assert response["Location"] == "/help/"
    assert User.objects.get(pk=people.river.pk).language == "es"
    page = client.get("/help/")
    assert page["Content-Language"] == "es"
    html = page.content.decode()
    assert 'lang="es"' in html
    assert "¿Necesitas ayuda ahora?" in html  # the Spanish catalogue is compiled and used
    assert "Llama al 988" in html


def test_times_are_shown_in_the_members_own_time_zone(people, signed_in):
    import datetime

    from lantern.core import notification_kinds
    from lantern.core.notifications import notify

    people.river.time_zone = "America/Los_Angeles"
    people.river.save()
    notification_kinds.register("test.preferences", title="Hello")
    n = notify(people.river, "test.preferences")
    n.created_at = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)
    n.save()
    html = signed_in(people.river).get("/notifications/").content.decode()
    assert 'datetime="2026-07-01T02:30:00-07:00"' in html  # 9:30 UTC is 2:30 in LA


def test_the_language_switch_does_not_redirect_off_site(client, db):
    response = client.post("/language/", {"language": "es", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_member_chooses_detailed_subjects_knowing_who_may_see_them(people, signed_in):
    client = signed_in(people.river)
    page = client.get("/accounts/preferences/").content.decode()
    assert "Say what each notification is about in email subjects and on my devices" in page
    assert "can be seen by anyone near it or sharing the mailbox" in page
    assert not people.river.detailed_subjects  # off unless chosen
    response = client.post("/accounts/preferences/", {**BASE, "detailed_subjects": "on"})
    assert response.status_code == 302
    assert User.objects.get(pk=people.river.pk).detailed_subjects
    # It is part of what river can download about herself.
    assert client.get("/accounts/export/").json()["account"]["detailed_subjects"] is True
