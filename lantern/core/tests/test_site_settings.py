"""Settings → Site: the administrator of a recovery community organization names the site,
describes it for visitors, sets the community's time zone and decides whether anyone may join,
inside Lantern (nothing in the site linked to the stock Django admin). Each change counts on the
next page anyone opens."""

from zoneinfo import ZoneInfo

from django.urls import reverse

from lantern.core import site
from lantern.core.models import AuditEvent
from lantern.core.timezones import zone_for
from lantern.meetings.models import Meeting
from lantern.meetings.services import import_feed


def save_site(client, **changes):
    fields = {
        "name": "Lantern",
        "description": "",
        "time_zone": "",
        "open_signup": "on",
    }
    fields.update(changes)
    return client.post(reverse("core-manage-site"), {k: v for k, v in fields.items() if v})


def test_alex_finds_settings_in_the_menu_and_every_section_is_listed(people, signed_in):
    alex = signed_in(people.alex)
    home = alex.get(reverse("core-home")).content.decode()
    assert f'href="{reverse("core-manage")}">Settings</a>' in home

    page = alex.get(reverse("core-manage")).content.decode()
    for section, url in [
        ("Site", reverse("core-manage-site")),
        ("Invitations", reverse("accounts-manage-invitations")),
        ("Crisis lines", reverse("safety-manage-crisis-lines")),
        ("On-duty roster", reverse("safety-manage-roster")),
        ("Safety net", reverse("safety-manage-net")),
        ("People and roles", reverse("accounts-staff-people")),
    ]:
        assert f'href="{url}">{section}</a>' in page


def test_a_renamed_site_shows_its_name_and_description_to_visitors(client, people, signed_in):
    alex = signed_in(people.alex)
    saved = save_site(
        alex,
        name="Northside Recovery",
        description="Run by Northside RCO for people in recovery on Chicago's north side.",
    )
    assert saved.status_code == 302

    landing = client.get(reverse("core-home")).content.decode()
    assert '<span class="wordmark">Northside Recovery</span>' in landing
    assert "<title>Peer support for recovery · Northside Recovery</title>" in landing
    assert "Run by Northside RCO for people in recovery on Chicago&#x27;s north side." in landing
    manifest = client.get(reverse("core-manifest")).json()
    assert manifest["name"] == "Northside Recovery"
    assert AuditEvent.objects.filter(actor=people.alex, action="site.settings").exists()


def test_the_community_time_zone_counts_for_people_and_meetings_without_one(people, signed_in):
    alex = signed_in(people.alex)
    save_site(alex, time_zone="America/Denver")

    people.sam.time_zone = ""
    assert zone_for(people.sam) == ZoneInfo("America/Denver")
    report = import_feed(
        [
            {
                "name": "Sunrise",
                "slug": "sunrise",
                "day": 1,
                "time": "07:00",
                "location": "Hall",
                "address": "1 Main St",
                "city": "Boulder",
                "state": "CO",
            }
        ],
        source="no-zones",
    )
    assert report.created == 1, report.summary()
    assert Meeting.objects.get(slug="sunrise").time_zone == "America/Denver"


def test_an_unknown_time_zone_is_refused_and_nothing_typed_is_lost(people, signed_in):
    alex = signed_in(people.alex)
    page = save_site(alex, name="Northside Recovery", time_zone="Chicago").content.decode()

    assert "Chicago is not a time zone we know. Try for example America/Chicago." in page
    assert 'value="Northside Recovery"' in page
    assert site.current().name == "Lantern"


def test_a_site_needs_a_name(people, signed_in):
    alex = signed_in(people.alex)
    page = save_site(alex, name="   ").content.decode()
    assert "This field is required." in page or "The site needs a name." in page
    assert site.current().name == "Lantern"


def test_closing_sign_up_sends_visitors_to_invitations(client, people, signed_in):
    alex = signed_in(people.alex)
    save_site(alex, open_signup="")

    assert site.current().open_signup is False
    assert "Joining is by invitation" in client.get(reverse("account_signup")).content.decode()


def test_only_administrators_see_or_change_the_settings(people, signed_in):
    for who in (people.river, people.jo, people.casey, people.morgan):
        client = signed_in(who)
        assert client.get(reverse("core-manage")).status_code == 404
        assert save_site(client, name="Taken over").status_code == 404
        menu = client.get(reverse("core-home")).content.decode()
        assert f'href="{reverse("core-manage")}"' not in menu
    assert site.current().name == "Lantern"
